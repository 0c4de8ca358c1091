using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;
using static Stateless.Analyzers.TokenIssuance.IssuanceFixProperties;
using static Stateless.Analyzers.TokenIssuance.IssuanceOperations;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>STL3007: a secret (password, key, connection string) written into a token's claims.</summary>
internal sealed class SecretClaims
{
    private readonly IssuanceBlock _block;
    private readonly HashSet<IOperation> _secretsSeen = new();

    public SecretClaims(IssuanceBlock block)
    {
        _block = block;
    }

    /// <summary>Reports the secrets among a token's claims, each claim once per block.</summary>
    public void Judge(ClaimSet claims)
    {
        foreach (var entry in claims.Entries)
        {
            if (!_secretsSeen.Add(entry.Origin))
            {
                continue;
            }

            if (SecretDiagnostic(entry) is { } diagnostic)
            {
                _block.State.Reported.TryAdd(diagnostic.Location, true);
                _block.Report(diagnostic);
            }
        }
    }

    /// <summary>
    /// Secret claims built anywhere in a type that mints tokens (claims helpers), kept for the type's end: reported there
    /// when the type issues a token and the claim was not already reported with one.
    /// </summary>
    public void JudgeAtTypeEnd(List<IObjectCreationOperation> claimCreations)
    {
        foreach (var creation in claimCreations)
        {
            if (_secretsSeen.Contains(creation) || creation.Arguments.Length < 2 || creation.Arguments[0].Value.Type?.SpecialType != SpecialType.System_String)
            {
                continue;
            }

            if (SecretDiagnostic(new ClaimEntry(ClaimFlow.FoldType(creation.Arguments[0].Value), creation.Arguments[1].Value, creation)) is { } diagnostic)
            {
                _block.State.Pending.Add(diagnostic);
            }
        }
    }

    private static Diagnostic? SecretDiagnostic(ClaimEntry entry)
    {
        if (entry.Type is { } type && string.Equals(type, ClaimFlow.StoredClaimsType, StringComparison.Ordinal))
        {
            return null;
        }

        var shown = entry.Type ?? "(computed)";
        string? what = null;
        if (SecretNames.Match(entry.Type) is { } typeNoun)
        {
            what = typeNoun;
        }
        else if (ValueSource(entry.Value) is { } source && SecretNames.Match(source.Name) is { } sourceNoun)
        {
            what = sourceNoun + " read from '" + source.Display + "'";
        }

        return what is null
            ? null
            : Diagnostic.Create(Descriptors.STL3007_SecretInTokenPayload, entry.Origin.Syntax.GetLocation(), shown, what);
    }

    /// <summary>The member a claim value is read from (<c>user.Password</c>, <c>config["ApiKey"]</c>, <c>GetApiKey()</c>).</summary>
    private static (string Name, string Display)? ValueSource(IOperation? value)
    {
        for (var depth = 0; value is not null && depth < 8; depth++)
        {
            switch (value)
            {
                case IConversionOperation or IParenthesizedOperation:
                    value = value.WithoutConversions();
                    continue;
                case IConditionalAccessOperation conditional:
                    value = conditional.WhenNotNull;
                    continue;
                case ICoalesceOperation coalesce:
                    value = coalesce.Value;
                    continue;
                case IInvocationOperation { Instance: { } instance, TargetMethod.Name: "ToString" or "Trim" or "ToLower" or "ToUpper" or "ToLowerInvariant" or "ToUpperInvariant" }:
                    value = instance;
                    continue;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                    when indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key }:
                    return (key, indexer.Syntax.ToString());
                case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                    return (property.Property.Name, property.Syntax.ToString());
                case IFieldReferenceOperation field:
                    return (field.Field.Name, field.Syntax.ToString());
                case ILocalReferenceOperation local:
                    return (local.Local.Name, local.Local.Name);
                case IParameterReferenceOperation parameter:
                    return (parameter.Parameter.Name, parameter.Parameter.Name);
                case IInvocationOperation invocation:
                    return (invocation.TargetMethod.Name, invocation.TargetMethod.Name + "()");
                default:
                    return null;
            }
        }

        return null;
    }
}
