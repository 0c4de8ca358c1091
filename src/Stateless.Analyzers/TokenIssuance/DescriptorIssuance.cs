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

/// <summary><c>SecurityTokenDescriptor</c> (initializer and later uses in the same method): STL3001/3002/3003/3004/3007 for the token a handler creates from it.</summary>
internal sealed class DescriptorIssuance
{
    private readonly IssuanceBlock _block;
    private readonly Dictionary<string, IOperation> _properties = new(StringComparer.Ordinal);
    private readonly ClaimSet _claims = new();
    private readonly List<IOperation?> _handlers = new();
    private bool _audiencesAdded;
    private bool _escaped;

    public DescriptorIssuance(IssuanceBlock block)
    {
        _block = block;
    }

    public void Judge(IObjectCreationOperation creation)
    {
        Initializer(creation);
        Uses(creation);

        if (_properties.TryGetValue("Subject", out var subjectValue))
        {
            _block.Flow.Collection(subjectValue, _claims);
        }

        if (_properties.TryGetValue("Claims", out var claimsValue))
        {
            _block.Flow.Dictionary(claimsValue, _claims);
        }

        var location = CreationLocations.Head(creation.Syntax);
        const string subject = "SecurityTokenDescriptor";
        Expiry(creation, location, subject);

        var hasAudience = (_properties.TryGetValue("Audience", out var audience) && !IsNull(audience)) || _audiencesAdded || _claims.Has("aud");
        if (!hasAudience && !_escaped)
        {
            _block.Report(Descriptors.STL3003_TokenIssuedWithoutAudience, location, null, subject);
        }

        if (!_escaped && _claims.Lacks("jti") && !_block.IsShortLived(_properties.TryGetValue("Expires", out var descriptorExpiry) ? descriptorExpiry : null))
        {
            _block.Report(Descriptors.STL3004_TokenIssuedWithoutJti, location, JtiFixTargets.Descriptor(_block.Types, creation, _properties), subject);
        }

        _block.Secrets.Judge(_claims);
    }

    /// <summary>Properties set, claims written and audiences added in the descriptor's initializer.</summary>
    private void Initializer(IObjectCreationOperation creation)
    {
        if (creation.Initializer is { } initializer)
        {
            foreach (var item in initializer.Initializers)
            {
                switch (item)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                        _properties[property.Property.Name] = assignment.Value;
                        break;
                    case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member, Initializer: var nested }:
                        switch (member.Property.Name)
                        {
                            case "Audiences":
                                _audiencesAdded |= nested.Initializers.Length > 0;
                                break;
                            case "Claims":
                                foreach (var write in nested.Initializers)
                                {
                                    _block.Flow.DictionaryWrite(write, _claims, 0);
                                }

                                break;
                            case "Subject":
                                _claims.Open = true;
                                break;
                        }

                        break;
                }
            }
        }
    }

    /// <summary>Later uses of the descriptor: member writes, the handler calls it is passed to, or an escape out of the method.</summary>
    private void Uses(IObjectCreationOperation creation)
    {
        var local = MethodIndex.StoredIn(creation);
        if (local is not null)
        {
            foreach (var reference in _block.Index.ReferencesTo(local))
            {
                var parent = MethodIndex.Consumer(reference, out var direct);
                switch (parent)
                {
                    case IPropertyReferenceOperation property when property.Instance == direct:
                        MemberUse(property);
                        break;
                    case IArgumentOperation argument:
                        if (_block.HandlerSink(argument) is { } handler)
                        {
                            _handlers.Add(handler.Instance);
                        }
                        else
                        {
                            _escaped = true;
                        }

                        break;
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
            if (direct.Parent is IArgumentOperation argument && _block.HandlerSink(argument) is { } handler)
            {
                _handlers.Add(handler.Instance);
            }
            else
            {
                _escaped = true;
            }
        }
    }

    /// <summary>STL3002 for the descriptor's own expiry or its handlers' default lifetime; STL3001 when a handler sets no default.</summary>
    private void Expiry(IObjectCreationOperation creation, Location location, string subject)
    {
        if (_properties.TryGetValue("Expires", out var expires) && !IsNull(expires))
        {
            _block.Lifetime.Judge(expires, creation, _claims);
        }
        else if (!_escaped && !_claims.Has("exp") && _handlers.Exists(_block.DefaultTimes.Disabled))
        {
            _block.Report(Descriptors.STL3001_TokenIssuedWithoutExpiry, location, _block.ExpiryProperties(DescriptorForm), subject + " passed to a handler with SetDefaultTimesOnTokenCreation = false");
        }
        else if (!_claims.Has("exp"))
        {
            foreach (var handler in _handlers)
            {
                _block.Lifetime.HandlerDefault(handler, creation, _claims);
            }
        }
    }

    /// <summary>A use of the descriptor's member after creation: an assignment, a claim written, an audience added.</summary>
    private void MemberUse(IPropertyReferenceOperation property)
    {
        if (property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
        {
            _properties[property.Property.Name] = assignment.Value;
            return;
        }

        switch (property.Property.Name)
        {
            case "Claims" or "Subject":
                if (property.Parent is IInvocationOperation invocation && invocation.Instance == property)
                {
                    _block.Flow.DictionaryWrite(invocation, _claims, 0);
                }
                else if (property.Parent is IPropertyReferenceOperation { Property.IsIndexer: true } indexer && indexer.Instance == property
                    && indexer.Parent is ISimpleAssignmentOperation write && write.Target == indexer)
                {
                    _block.Flow.DictionaryWrite(write, _claims, 0);
                }

                break;
            case "Audiences":
                if (property.Parent is IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" } add && add.Instance == property)
                {
                    _audiencesAdded = true;
                }

                break;
        }
    }
}
