using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// Parameters handed to the OpenID Connect sign-in handler (<c>OpenIdConnectOptions.TokenValidationParameters</c>, most
/// often only to map <c>NameClaimType</c>/<c>RoleClaimType</c>). They validate the identity provider's id_token once, at
/// sign-in; the session that follows is the cookie's. Such a token is not a bearer token the application accepts on
/// every request: nothing to revoke (STL2008). With the authorization-code flow (<c>ResponseType = "code"</c>) the
/// id_token comes from the provider's token endpoint over TLS, never from the browser, so no one can hand the handler a
/// token with an <c>alg</c> of their choosing (STL2001).
/// </summary>
internal static class OpenIdConnectSignIn
{
    private static readonly MetadataNameSet Options = new(new[] { MetadataNames.OpenIdConnectOptions });

    /// <summary>The creation is assigned to an OpenID Connect handler's <c>TokenValidationParameters</c>.</summary>
    public static bool IsSignInParameters(IObjectCreationOperation creation) => Destination(creation) is not null;

    /// <summary>The creation is assigned to an OpenID Connect handler's parameters whose options use the code flow.</summary>
    public static bool IsCodeFlowParameters(IObjectCreationOperation creation)
    {
        if (Destination(creation) is not { } assignment)
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
                && Options.ContainsSelfOrBase(target.Property.ContainingType)
                && setting.Value.WithoutImplicitConversions()?.ConstantValue is { HasValue: true, Value: "code" })
            {
                return true;
            }
        }

        return false;
    }

    private static ISimpleAssignmentOperation? Destination(IObjectCreationOperation creation)
    {
        var user = creation.WithEnclosingConversions();
        return user.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "TokenValidationParameters" } target } assignment
            && assignment.Value == user
            && Options.ContainsSelfOrBase(target.Property.ContainingType)
                ? assignment
                : null;
    }
}
