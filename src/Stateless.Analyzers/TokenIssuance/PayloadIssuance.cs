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

/// <summary><c>new JwtPayload(...)</c> with its initializer and later writes: STL3001/3002/3003/3004/3007 for the payload a token is built from.</summary>
internal sealed class PayloadIssuance
{
    private readonly IssuanceBlock _block;
    private readonly ClaimSet _claims = new();
    private IOperation? _expiresArgument;
    private bool _hasExpiry;
    private bool _hasAudience;
    private bool _escaped;

    public PayloadIssuance(IssuanceBlock block)
    {
        _block = block;
    }

    public void Judge(IObjectCreationOperation creation)
    {
        Arguments(creation);

        if (creation.Initializer is { } initializer)
        {
            foreach (var item in initializer.Initializers)
            {
                _block.Flow.DictionaryWrite(item, _claims, 0);
            }
        }

        Uses(creation);

        if (_expiresArgument is not null)
        {
            _block.Lifetime.Judge(_expiresArgument, creation, _claims);
        }

        foreach (var entry in _claims.Entries)
        {
            if (string.Equals(entry.Type, "exp", StringComparison.Ordinal) && entry.Value is not null)
            {
                _block.Lifetime.Judge(entry.Value, creation, _claims);
            }
        }

        var location = CreationLocations.Head(creation.Syntax);
        const string subject = "JwtPayload";
        if (!_escaped && !_hasExpiry && !_claims.Has("exp"))
        {
            _block.Report(Descriptors.STL3001_TokenIssuedWithoutExpiry, location, null, subject);
        }

        if (!_escaped && !_hasAudience && !_claims.Has("aud"))
        {
            _block.Report(Descriptors.STL3003_TokenIssuedWithoutAudience, location, null, subject);
        }

        if (!_escaped && _claims.Lacks("jti") && !_block.IsShortLived(_expiresArgument))
        {
            _block.Report(Descriptors.STL3004_TokenIssuedWithoutJti, location, null, subject);
        }

        _block.Secrets.Judge(_claims);
    }

    /// <summary>Claims, expiry and audience passed to the payload's constructor.</summary>
    private void Arguments(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (!IsPresent(argument))
            {
                continue;
            }

            switch (argument.Parameter?.Name)
            {
                case "_claims":
                    _block.Flow.Collection(argument.Value, _claims);
                    break;
                case "claimsCollection":
                    _block.Flow.Dictionary(argument.Value, _claims);
                    break;
                case "expires":
                    _hasExpiry = true;
                    _expiresArgument = argument.Value;
                    break;
                case "audience" or "audiences":
                    _hasAudience = true;
                    break;
            }
        }
    }

    /// <summary>Claims written to the payload after creation, and whether it leaves the method other than into a token built here.</summary>
    private void Uses(IObjectCreationOperation creation)
    {
        if (MethodIndex.StoredIn(creation) is { } local)
        {
            foreach (var reference in _block.Index.ReferencesTo(local))
            {
                var parent = MethodIndex.Consumer(reference, out var direct);
                switch (parent)
                {
                    case IInvocationOperation invocation when invocation.Instance == direct:
                        if (invocation.TargetMethod.Name is "Add" or "TryAdd" or "AddClaim" or "AddClaims")
                        {
                            _block.Flow.DictionaryWrite(invocation, _claims, 0);
                        }

                        break;
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == direct
                        && indexer.Parent is ISimpleAssignmentOperation write && write.Target == indexer:
                        _block.Flow.DictionaryWrite(write, _claims, 0);
                        break;
                    case IArgumentOperation { Parent: IObjectCreationOperation token } when IssuanceTypes.Is(token.Type, _block.Types.JwtSecurityToken):
                        break;
                    case IArgumentOperation:
                    case IReturnOperation:
                    case IVariableInitializerOperation:
                    case ISimpleAssignmentOperation assignment when assignment.Value == direct:
                        _escaped = true;
                        break;
                }
            }
        }
        else
        {
            MethodIndex.Consumer(creation, out var direct);
            _escaped = !(direct.Parent is IArgumentOperation { Parent: IObjectCreationOperation token } && IssuanceTypes.Is(token.Type, _block.Types.JwtSecurityToken));
        }
    }
}
