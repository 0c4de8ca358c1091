using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;
using static Stateless.Analyzers.TokenIssuance.IssuanceFixProperties;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>STL3002: an access token's lifetime over <c>stateless_max_access_token_lifetime</c>, from its expiry or from its handler's <c>TokenLifetimeInMinutes</c>.</summary>
internal sealed class TokenLifetimeRule
{
    private readonly IssuanceBlock _block;
    private readonly HashSet<IOperation> _handlerLifetimesReported = new();

    public TokenLifetimeRule(IssuanceBlock block)
    {
        _block = block;
    }

    /// <summary>
    /// STL3002 for a token without its own expiry: the handler then sets exp = now + <c>TokenLifetimeInMinutes</c>,
    /// reported where that property is set (on a handler created in this method) when it exceeds the budget.
    /// </summary>
    public void HandlerDefault(IOperation? handler, IOperation token, ClaimSet claims)
    {
        handler = handler.WithoutImplicitConversions();
        var values = new List<IOperation>();
        switch (handler)
        {
            case IObjectCreationOperation creation:
                AddLifetimeInitializers(creation, values);
                break;
            case ILocalReferenceOperation local:
                foreach (var value in _block.Index.ValuesOf(local.Local))
                {
                    if (value.WithoutImplicitConversions() is IObjectCreationOperation created)
                    {
                        AddLifetimeInitializers(created, values);
                    }
                }

                foreach (var reference in _block.Index.ReferencesTo(local.Local))
                {
                    if (reference.Parent is IPropertyReferenceOperation { Property.Name: "TokenLifetimeInMinutes" } property
                        && property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
                    {
                        values.Add(assignment.Value);
                    }
                }

                break;
        }

        if (values.Count != 1 || !LifetimeFolding.TryFoldNumber(values[0], out var minutes) || minutes <= 0 || minutes > 1e8)
        {
            return;
        }

        var lifetime = TimeSpan.FromMinutes(minutes);
        if (lifetime <= _block.MaxLifetime || RefreshTokenRecognition.IsRefreshToken(_block, token, claims) || !_handlerLifetimesReported.Add(values[0]))
        {
            return;
        }

        _block.Report(
            Descriptors.STL3002_AccessTokenLifetimeTooLong,
            values[0].Syntax.GetLocation(),
            null,
            Durations.Format(lifetime),
            Durations.Format(_block.MaxLifetime),
            DurationText.RefreshRate(lifetime),
            DurationText.RefreshRate(_block.MaxLifetime));
    }

    private static void AddLifetimeInitializers(IObjectCreationOperation creation, List<IOperation> values)
    {
        if (creation.Initializer is null)
        {
            return;
        }

        foreach (var item in creation.Initializer.Initializers)
        {
            if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "TokenLifetimeInMinutes" } } assignment)
            {
                values.Add(assignment.Value);
            }
        }
    }

    /// <summary>STL3002: report an expiry that folds to more than the budget after issue.</summary>
    public void Judge(IOperation expiry, IOperation token, ClaimSet claims)
    {
        if (MaxValue(expiry, 0) is { } forever)
        {
            if (!RefreshTokenRecognition.IsRefreshToken(_block, token, claims))
            {
                // exp = year 9999: the token never expires in practice.
                _block.Report(
                    Descriptors.STL3002_AccessTokenLifetimeTooLong,
                    expiry.Syntax.GetLocation(),
                    _block.ExpiryProperties(form: null)
                        .Add(ChainSpanProperty, SpanText(forever.Syntax.Span))
                        .Add(IssueTimeProperty, forever.Type?.SpecialType == SpecialType.System_DateTime ? "System.DateTime.UtcNow" : "System.DateTimeOffset.UtcNow"),
                    "forever (" + forever.Syntax + ")",
                    Durations.Format(_block.MaxLifetime),
                    "~0 refreshes/s",
                    DurationText.RefreshRate(_block.MaxLifetime));
            }

            return;
        }

        if (!LifetimeFolding.TryFoldRelative(expiry, out var relative) || relative.Offset <= _block.MaxLifetime || RefreshTokenRecognition.IsRefreshToken(_block, token, claims))
        {
            return;
        }

        var properties = _block.ExpiryProperties(form: null);
        var tree = expiry.Syntax.SyntaxTree;
        if (relative.Chain.Syntax.SyntaxTree == tree && relative.Base.Syntax.SyntaxTree == tree)
        {
            properties = properties
                .Add(ChainSpanProperty, SpanText(relative.Chain.Syntax.Span))
                .Add(BaseSpanProperty, SpanText(relative.Base.Syntax.Span));
        }

        _block.Report(
            Descriptors.STL3002_AccessTokenLifetimeTooLong,
            expiry.Syntax.GetLocation(),
            properties,
            Durations.Format(relative.Offset),
            Durations.Format(_block.MaxLifetime),
            DurationText.RefreshRate(relative.Offset),
            DurationText.RefreshRate(_block.MaxLifetime));
    }

    /// <summary><c>DateTime.MaxValue</c> / <c>DateTimeOffset.MaxValue</c>, directly or through a local assigned once.</summary>
    private static IOperation? MaxValue(IOperation? expiry, int depth)
    {
        expiry = expiry.WithoutConversions();

        return expiry switch
        {
            IFieldReferenceOperation { Instance: null, Field: { Name: "MaxValue" } field }
                when field.ContainingType.SpecialType == SpecialType.System_DateTime || field.ContainingType.Name == "DateTimeOffset" && field.ContainingNamespace?.Name == "System" => expiry,
            IPropertyReferenceOperation { Instance: { } instance, Property.Name: "UtcDateTime" or "DateTime" } => MaxValue(instance, depth + 1),
            ILocalReferenceOperation local when depth < 4 && ConstantFolding.SingleAssignment(local) is { } assigned => MaxValue(assigned, depth + 1),
            _ => null,
        };
    }
}
