using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// STL2005: does the project authorize by scope? An authorization policy that requires a <c>scope</c> claim
/// (<c>policy.RequireClaim("scope", "api1")</c>, <c>"scp"</c>, the Azure AD scope claim, or a <c>RequireScope(…)</c>
/// extension of <c>AuthorizationPolicyBuilder</c>) refuses a token issued for another API: with OAuth scopes, the scope is
/// what names the API, and an identity server that defines scopes without API resources issues tokens with no
/// <c>aud</c> at all (IdentityServer4's quickstarts), so <c>ValidateAudience = false</c> is the configuration it needs.
/// Computed once per compilation, and only when a rule asks: the sites are found by name in the source text
/// (<see cref="CallSiteIndex"/>) and only those are bound.
/// </summary>
internal sealed class ScopeAuthorization
{
    private static readonly ConditionalWeakTable<Compilation, ScopeAuthorization> Cache = new();

    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol? _policyBuilder;
    private int _state; // 0 unknown, 1 requires a scope, 2 does not

    private ScopeAuthorization(Compilation compilation)
    {
        _compilation = compilation;
        _policyBuilder = WellKnownTypes.GetOrCreate(compilation).Get(MetadataNames.AuthorizationPolicyBuilder);
    }

    public static bool RequiresScope(Compilation compilation, CancellationToken cancellationToken) =>
        Cache.GetValue(compilation, static c => new ScopeAuthorization(c)).Requires(cancellationToken);

    private bool Requires(CancellationToken cancellationToken)
    {
        var state = Volatile.Read(ref _state);
        if (state == 0)
        {
            state = Find(cancellationToken) ? 1 : 2;
            Volatile.Write(ref _state, state);
        }

        return state == 1;
    }

    private bool Find(CancellationToken cancellationToken)
    {
        if (_policyBuilder is null)
        {
            return false;
        }

        var index = CallSiteIndex.Build(_compilation);
        foreach (var name in new[] { "RequireClaim", "RequireScope" })
        {
            foreach (var site in index.SitesNamed(name, cancellationToken))
            {
#pragma warning disable RS1030 // The policies live in other files; the model is asked only for sites of these two names.
                var model = _compilation.GetSemanticModel(site.SyntaxTree);
#pragma warning restore RS1030
                if (model.GetOperation(site, cancellationToken) is IInvocationOperation invocation && RequiresScope(invocation))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool RequiresScope(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "RequireScope")
        {
            // An extension of the policy builder (IdentityModel.AspNetCore, Microsoft.Identity.Web).
            var receiver = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.ReceiverType;
            return SymbolEqualityComparer.Default.Equals(receiver, _policyBuilder);
        }

        if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, _policyBuilder))
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return argument.Value.WithoutConversions()?.ConstantValue is { HasValue: true, Value: string claimType } && IsScopeClaim(claimType);
            }
        }

        return false;
    }

    private static bool IsScopeClaim(string claimType) =>
        string.Equals(claimType, "scope", StringComparison.OrdinalIgnoreCase)
        || string.Equals(claimType, "scp", StringComparison.OrdinalIgnoreCase)
        || string.Equals(claimType, "http://schemas.microsoft.com/identity/claims/scope", StringComparison.OrdinalIgnoreCase);
}
