using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;
using static Stateless.Analyzers.TokenIssuance.IssuanceFixProperties;
using static Stateless.Analyzers.TokenIssuance.IssuanceOperations;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary><c>new JwtSecurityToken(issuer, audience, claims, notBefore, expires, ...)</c>: STL3001/3002/3003/3004/3007 for the token built from its arguments and later payload writes.</summary>
internal sealed class JwtSecurityTokenIssuance
{
    private readonly IssuanceBlock _block;

    public JwtSecurityTokenIssuance(IssuanceBlock block)
    {
        _block = block;
    }

    public void Judge(IObjectCreationOperation creation)
    {
        var expires = Argument(creation.Arguments, "expires");
        if (expires is null)
        {
            return; // JwtSecurityToken(header, payload) and JwtSecurityToken(string): the payload is judged where it is built.
        }

        var audience = Argument(creation.Arguments, "audience");
        var claimsArgument = Argument(creation.Arguments, "claims");
        var claims = new ClaimSet();
        if (IsPresent(claimsArgument))
        {
            _block.Flow.Collection(claimsArgument!.Value, claims);
        }

        PayloadWrites(creation, claims);

        var location = CreationLocations.Head(creation.Syntax);
        const string subject = "JwtSecurityToken";
        if (!IsPresent(expires))
        {
            if (!claims.Has("exp"))
            {
                _block.Report(Descriptors.STL3001_TokenIssuedWithoutExpiry, location, _block.ExpiryProperties(ConstructorForm), subject);
            }
        }
        else
        {
            _block.Lifetime.Judge(expires.Value, creation, claims);
        }

        if (!IsPresent(audience) && !claims.Has("aud"))
        {
            _block.Report(Descriptors.STL3003_TokenIssuedWithoutAudience, location, null, subject);
        }

        if (claims.Lacks("jti") && !_block.IsShortLived(IsPresent(expires) ? expires!.Value : null))
        {
            _block.Report(Descriptors.STL3004_TokenIssuedWithoutJti, location, JtiProperties(creation, claimsArgument), subject);
        }

        _block.Secrets.Judge(claims);
    }

    /// <summary>Claims added to the token's payload after construction: <c>token.Payload.Add("jti", ...)</c>, <c>token.Payload["aud"] = ...</c></summary>
    private void PayloadWrites(IObjectCreationOperation creation, ClaimSet claims)
    {
        if (MethodIndex.StoredIn(creation) is not { } tokenLocal)
        {
            return;
        }

        foreach (var reference in _block.Index.ReferencesTo(tokenLocal))
        {
            if (reference.Parent is IPropertyReferenceOperation { Property.Name: "Payload" } payload)
            {
                switch (payload.Parent)
                {
                    case IInvocationOperation invocation when invocation.Instance == payload && invocation.TargetMethod.Name is "Add" or "TryAdd" or "AddClaim" or "AddClaims":
                        _block.Flow.DictionaryWrite(invocation, claims, 0);
                        break;
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == payload
                        && indexer.Parent is ISimpleAssignmentOperation write && write.Target == indexer:
                        _block.Flow.DictionaryWrite(write, claims, 0);
                        break;
                }
            }
        }
    }

    /// <summary>STL3004's fix for the constructor: a new claims argument, or the claims collection the argument starts from.</summary>
    private static ImmutableDictionary<string, string?> JtiProperties(IObjectCreationOperation creation, IArgumentOperation? claimsArgument)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, ConstructorForm);
        if (!IsPresent(claimsArgument))
        {
            properties = properties.Add(JtiKindProperty, JtiAsClaimsArgument).Add(JtiTargetProperty, SpanText(creation.Syntax.Span));
        }
        else if (JtiFixTargets.CollectionNode(claimsArgument!.Value, 0) is { } node)
        {
            properties = properties.Add(JtiKindProperty, JtiIntoCollection).Add(JtiTargetProperty, SpanText(node.Span));
        }

        return properties;
    }
}
