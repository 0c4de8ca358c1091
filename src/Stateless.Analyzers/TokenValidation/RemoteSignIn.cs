using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// Parameters handed to a remote sign-in handler: <c>OpenIdConnectOptions.TokenValidationParameters</c> (most often only
/// to map <c>NameClaimType</c>/<c>RoleClaimType</c>), or the parameters an OAuth provider's options keep for its
/// id_token (options deriving from <c>OAuthOptions</c>: Sign in with Apple, SuperOffice, Xero). They validate the
/// identity provider's id_token once, at sign-in; the session that follows is the cookie's. Such a token is not a
/// bearer token the application accepts on every request: nothing to revoke (STL2008). With the authorization-code
/// flow (<c>ResponseType = "code"</c>, and every OAuth handler) the id_token comes from the provider's token endpoint
/// over TLS, never from the browser, so no one can hand the handler a token with an <c>alg</c> of their choosing (STL2001).
/// </summary>
internal static class RemoteSignIn
{
    private static readonly MetadataNameSet OpenIdConnectOptions = new(new[] { MetadataNames.OpenIdConnectOptions });
    private static readonly MetadataNameSet OAuthOptions = new(new[] { MetadataNames.OAuthOptions });

    /// <summary>The options of an OpenID Connect or OAuth sign-in handler (or a type derived from them).</summary>
    public static bool IsSignInOptions(INamedTypeSymbol? type) =>
        OpenIdConnectOptions.ContainsSelfOrBase(type) || OAuthOptions.ContainsSelfOrBase(type);

    /// <summary>The creation becomes a sign-in handler's <c>TokenValidationParameters</c>.</summary>
    public static bool IsSignInParameters(IObjectCreationOperation creation) => Holder(creation, out _) is not null;

    /// <summary>The creation becomes the parameters of a sign-in whose id_token comes from the token endpoint (the code flow).</summary>
    public static bool IsCodeFlowParameters(IObjectCreationOperation creation)
    {
        var holder = Holder(creation, out var assignment);
        if (holder is null)
        {
            return false;
        }

        if (OAuthOptions.ContainsSelfOrBase(holder))
        {
            return true; // an OAuth handler redeems an authorization code: there is no other flow
        }

        if (assignment is null)
        {
            return false;
        }

        // The options are set where the parameters are: the same object initializer or configuring lambda.
        IOperation scope = assignment;
        while (scope.Parent is { } parent and not IObjectOrCollectionInitializerOperation and not IAnonymousFunctionOperation)
        {
            scope = parent;
        }

        foreach (var operation in (scope.Parent ?? scope).Descendants())
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ResponseType" } target } setting
                && OpenIdConnectOptions.ContainsSelfOrBase(target.Property.ContainingType)
                && setting.Value.WithoutImplicitConversions()?.ConstantValue is { HasValue: true, Value: "code" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The sign-in options type whose <c>TokenValidationParameters</c> the creation becomes: assigned (<c>=</c>, <c>??=</c>)
    /// or the property's initializer in the options class itself. <paramref name="assignment"/> is the assignment, if any.
    /// </summary>
    private static INamedTypeSymbol? Holder(IObjectCreationOperation creation, out IAssignmentOperation? assignment)
    {
        assignment = null;
        var user = creation.WithEnclosingConversions();
        IPropertySymbol? property;
        switch (user.Parent)
        {
            case IAssignmentOperation { Target: IPropertyReferenceOperation target } set when set.Value == user && set is ISimpleAssignmentOperation or ICoalesceAssignmentOperation:
                property = target.Property;
                assignment = set;
                break;
            case IPropertyInitializerOperation { InitializedProperties: { Length: 1 } initialized }:
                property = initialized[0];
                break;
            default:
                return null;
        }

        return property.Name == "TokenValidationParameters"
            && IsSignInOptions(property.ContainingType)
                ? property.ContainingType
                : null;
    }
}
