using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// STL2008 (project level, compilation end): the project configures JWT validation (<c>AddJwtBearer</c>, a
/// <c>TokenValidationParameters</c>) but wires no revocation check: no <c>Stateless.Runtime.IJtiDenylist</c>, no
/// <c>AddStatelessJwtBearer</c>, no <c>TokenReplayValidator</c>/<c>TokenReplayCache</c>, no <c>OnTokenValidated</c>
/// handler (or <c>JwtBearerEvents.TokenValidated</c> override), no lookup of the request user's <c>jti</c>/<c>iat</c>
/// claim elsewhere (<see cref="RequestPrincipalChecks"/>). Silent when every issued token folds within the revocation
/// window (also through options-class members of other files, <see cref="TimeMemberValues"/>), or when the keys come from
/// an OpenID Connect authority or the bearer options from configuration (<c>AddJwtBearer()</c> with no delegate) and the
/// project issues no token. Parameters created with <c>ValidateLifetime = false</c>
/// (a refresh flow reading the expired access token) are not a configuration site, and neither is anything in a sign-in
/// client that configures no bearer handler (<see cref="RemoteSignIn"/>). Reported once, at the first site.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class RevocationCheckAnalyzer : FamilyAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.STL2008_TokensNeverCheckedForRevocation);

    private protected override RuleFamily? Family => RuleFamily.TokenValidation;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var types = TokenValidationTypes.Create(context.Compilation);
        if (types is null)
        {
            return;
        }

        var state = new CompilationState(context, types);
        context.RegisterOperationAction(
            state.AnalyzeOperation,
            OperationKind.Invocation,
            OperationKind.ObjectCreation,
            OperationKind.SimpleAssignment,
            OperationKind.Binary,
            OperationKind.TypeOf);
        context.RegisterSymbolAction(state.AnalyzeSymbol, SymbolKind.Method, SymbolKind.Field, SymbolKind.Property);
        context.RegisterCompilationEndAction(state.OnCompilationEnd);
    }

    /// <summary>Do the expiries that did not fold in their own file fold through members declared anywhere in the compilation?</summary>
    private static bool AllFold(ConcurrentBag<(IOperation? Expiry, System.TimeSpan Window)> unfolded, TimeMemberValues times)
    {
        IOperation? MemberValue(IOperation reference) => DeclaredValues.Lookup(reference) ?? times.ValueOf(reference);
        foreach (var (expiry, window) in unfolded)
        {
            if (!LifetimeFolding.LivesAtMost(expiry, window, MemberValue))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The expiry a token is issued with: <c>new JwtSecurityToken(expires: …)</c> or <c>new SecurityTokenDescriptor { Expires = … }</c>.</summary>
    private static IOperation? IssuedExpiry(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name == "expires" && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                return argument.Value;
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var item in initializer.Initializers)
            {
                if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Expires" } } assignment)
                {
                    return assignment.Value;
                }
            }
        }

        return null;
    }

    /// <summary><c>new TokenValidationParameters { ValidateLifetime = false, … }</c>: the "principal from an expired token" helper.</summary>
    private static bool AcceptsExpiredTokens(IObjectCreationOperation creation)
    {
        if (creation.Initializer is { } initializer)
        {
            foreach (var item in initializer.Initializers)
            {
                if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ValidateLifetime" } } assignment
                    && assignment.Value.WithoutImplicitConversions()?.ConstantValue is { HasValue: true, Value: false })
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static Location NameLocation(SyntaxNode syntax) => syntax switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name.GetLocation(),
        InvocationExpressionSyntax { Expression: SimpleNameSyntax name } => name.GetLocation(),
        _ => syntax.GetLocation(),
    };

    private static int Compare(Location a, Location b)
    {
        var path = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
        return path != 0 ? path : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
    }

    /// <summary>What one compilation shows: the configuration sites, whether a revocation check is wired, the tokens it issues.</summary>
    private sealed class CompilationState
    {
        private readonly TokenValidationTypes _types;
        private readonly INamedTypeSymbol? _denylist;
        private readonly INamedTypeSymbol? _events;
        private readonly INamedTypeSymbol? _tokenValidatedContext;
        private readonly INamedTypeSymbol? _jwtBearerExtensions;
        private readonly INamedTypeSymbol? _bearerOptions;
        private readonly INamedTypeSymbol? _jwtSecurityToken;
        private readonly INamedTypeSymbol? _descriptor;
        private readonly TimeMemberValues _times;
        private readonly ConcurrentBag<Location> _sites = new();

        // Asked for every parameter, field, property, type argument and created type: the answer depends only on the
        // original definition (IJtiDenylist is not generic), so it is computed once per type instead of walking
        // AllInterfaces again each time.
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _denylistTypes = ConcurrentCache.Create<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, OptionsKind> _optionsKinds = ConcurrentCache.ForDefinitions<INamedTypeSymbol, OptionsKind>();

        // Tokens the project issues: how many, and the expiries that do not fold within stateless_revocation_window in
        // their own file (folded again at the end through members declared in other files: an options class's default).
        private readonly ConcurrentBag<(IOperation? Expiry, System.TimeSpan Window)> _unfolded = new();
        private int _issued;
        private int _wired;

        // Set when JwtBearer takes its keys from an OpenID Connect authority (Authority or MetadataAddress), or all its
        // options from configuration (AddJwtBearer without a configuring delegate).
        private int _authority;

        // A bearer handler is configured (AddJwtBearer, JwtBearerOptions set); an OpenID Connect or OAuth sign-in is. A
        // sign-in client with no bearer handler validates by hand only what its provider sends it: the back-channel
        // logout_token, an id_token. Neither authenticates a request, so there is nothing for a denylist to stop.
        private int _bearer;
        private int _signIn;

        public CompilationState(CompilationStartAnalysisContext context, TokenValidationTypes types)
        {
            _types = types;
            var known = WellKnownTypes.GetOrCreate(context.Compilation);
            _denylist = known.Get(MetadataNames.IJtiDenylist);
            _events = known.Get(MetadataNames.JwtBearerEvents);
            _tokenValidatedContext = known.Get(MetadataNames.TokenValidatedContext);
            _jwtBearerExtensions = known.Get(MetadataNames.JwtBearerExtensions);
            _bearerOptions = known.Get(MetadataNames.JwtBearerOptions);
            _jwtSecurityToken = known.Get(MetadataNames.JwtSecurityToken);
            _descriptor = known.Get(MetadataNames.SecurityTokenDescriptor);
            _times = TimeMemberValues.Register(context);
        }

        public void AnalyzeOperation(OperationAnalysisContext operationContext)
        {
            switch (operationContext.Operation)
            {
                case IInvocationOperation invocation:
                    Invocation(invocation);
                    break;
                case IObjectCreationOperation creation:
                    Creation(creation, operationContext.Options);
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                    when !(assignment.Value.WithoutImplicitConversions()?.ConstantValue is { HasValue: true, Value: null }):
                    PropertySet(property);
                    break;
                case IBinaryOperation comparison when RequestPrincipalChecks.IsTypeTest(comparison):
                    Wire();
                    break;
                case ITypeOfOperation typeOf when IsDenylist(typeOf.TypeOperand):
                    Wire();
                    break;
            }
        }

        public void AnalyzeSymbol(SymbolAnalysisContext symbolContext)
        {
            switch (symbolContext.Symbol)
            {
                case IMethodSymbol method:
                    if (method.IsOverride && method.Name == "TokenValidated" && _events is not null && TypeHierarchy.IsOrInheritsFrom(method.ContainingType, _events))
                    {
                        Wire();
                    }

                    // A method taking the bearer handler's TokenValidatedContext is an OnTokenValidated handler, wired here or
                    // by the project that hosts this one (a module's authentication registrar).
                    foreach (var parameter in method.Parameters)
                    {
                        if (IsDenylist(parameter.Type) || SymbolEqualityComparer.Default.Equals(parameter.Type, _tokenValidatedContext))
                        {
                            Wire();
                        }
                    }

                    break;
                case IFieldSymbol field when IsDenylist(field.Type):
                case IPropertySymbol property when IsDenylist(property.Type):
                    Wire();
                    break;
            }
        }

        public void OnCompilationEnd(CompilationAnalysisContext endContext)
        {
            if (Volatile.Read(ref _wired) == 1)
            {
                return;
            }

            // Every access token the project issues dies before a revocation would matter.
            var count = Volatile.Read(ref _issued);
            if (count > 0 && AllFold(_unfolded, _times))
            {
                return;
            }

            // Tokens of an OpenID Connect provider, none issued here: their lifetime and revocation are the provider's.
            if (count == 0 && Volatile.Read(ref _authority) == 1)
            {
                return;
            }

            if (count == 0 && Volatile.Read(ref _signIn) == 1 && Volatile.Read(ref _bearer) == 0)
            {
                return;
            }

            Location? first = null;
            foreach (var site in _sites)
            {
                if (first is null || Compare(site, first) < 0)
                {
                    first = site;
                }
            }

            if (first is not null)
            {
                endContext.ReportDiagnostic(Diagnostic.Create(Descriptors.STL2008_TokensNeverCheckedForRevocation, first));
            }
        }

        private void Invocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "AddStatelessJwtBearer" && NamespaceNames.IsOrIsInside(method.ContainingNamespace, "Stateless.Runtime"))
            {
                Wire();
            }
            else if (method.Name == "AddJwtBearer" && SymbolEqualityComparer.Default.Equals(method.ContainingType, _jwtBearerExtensions))
            {
                _sites.Add(NameLocation(invocation.Syntax));
                Interlocked.Exchange(ref _bearer, 1);

                // No configuring delegate: the options come from configuration (Authentication:Schemes:Bearer), whose
                // Authority or ValidIssuer names the issuer (an identity provider, dotnet user-jwts in development).
                if (!HasConfiguringDelegate(method))
                {
                    Interlocked.Exchange(ref _authority, 1);
                }
            }

            foreach (var argument in method.TypeArguments)
            {
                if (IsDenylist(argument))
                {
                    Wire();
                }
            }

            if (RequestPrincipalChecks.IsLookup(invocation))
            {
                Wire();
            }
        }

        private void Creation(IObjectCreationOperation creation, AnalyzerOptions options)
        {
            if (SymbolEqualityComparer.Default.Equals(creation.Type, _types.TokenValidationParameters) && creation.Syntax is BaseObjectCreationExpressionSyntax syntax)
            {
                // An OpenID Connect sign-in validates an id_token once; the session is the cookie's: nothing to revoke.
                // Parameters that accept expired tokens read them back in a refresh flow, they authenticate no request
                // (STL2004 reports them where they are not that).
                if (RemoteSignIn.IsSignInParameters(creation))
                {
                    Interlocked.Exchange(ref _signIn, 1);
                }
                else if (!AcceptsExpiredTokens(creation))
                {
                    _sites.Add(syntax.GetLocation());
                }
            }
            else if (IsDenylist(creation.Type))
            {
                Wire();
            }
            else if (creation.Type is { } created
                && (SymbolEqualityComparer.Default.Equals(created, _jwtSecurityToken) || SymbolEqualityComparer.Default.Equals(created, _descriptor)))
            {
                Interlocked.Increment(ref _issued);
                var window = StatelessOptions.RevocationWindow(options, creation.Syntax.SyntaxTree);
                var expiry = IssuedExpiry(creation);
                if (!LifetimeFolding.LivesAtMost(expiry, window))
                {
                    _unfolded.Add((expiry, window));
                }
            }
        }

        private void PropertySet(IPropertyReferenceOperation property)
        {
            if ((property.Property.Name is "TokenReplayValidator" or "TokenReplayCache" && _types.IsParametersProperty(property.Property))
                || (property.Property.Name == "OnTokenValidated" && _events is not null && TypeHierarchy.IsOrInheritsFrom(property.Property.ContainingType, _events)))
            {
                Wire();
            }
            else
            {
                switch (OptionsKindOf(property.Property.ContainingType))
                {
                    case OptionsKind.Bearer:
                        Interlocked.Exchange(ref _bearer, 1);
                        if (property.Property.Name is "Authority" or "MetadataAddress")
                        {
                            Interlocked.Exchange(ref _authority, 1);
                        }

                        break;
                    case OptionsKind.SignIn:
                        Interlocked.Exchange(ref _signIn, 1);
                        break;
                }
            }
        }

        /// <summary>
        /// Asked for every property set of the compilation: the answer depends only on the type's definition, so its base
        /// classes are walked once per type, not once per assignment.
        /// </summary>
        private OptionsKind OptionsKindOf(INamedTypeSymbol type) =>
            _optionsKinds.GetOrAdd(type.OriginalDefinition, definition =>
                _bearerOptions is not null && TypeHierarchy.IsOrInheritsFrom(definition, _bearerOptions) ? OptionsKind.Bearer
                : RemoteSignIn.IsSignInOptions(definition) ? OptionsKind.SignIn
                : OptionsKind.Other);

        /// <summary>What a type whose properties are set configures: a bearer handler, a sign-in handler, or neither.</summary>
        private enum OptionsKind
        {
            Other,
            Bearer,
            SignIn,
        }

        private static bool HasConfiguringDelegate(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.TypeKind == TypeKind.Delegate)
                {
                    return true;
                }
            }

            return false;
        }

        private void Wire() => Interlocked.Exchange(ref _wired, 1);

        private bool IsDenylist(ITypeSymbol? type) =>
            _denylist is not null && type is not null
            && _denylistTypes.GetOrAdd(type.OriginalDefinition, definition =>
                SymbolEqualityComparer.Default.Equals(definition, _denylist) || definition.AllInterfaces.Contains(_denylist, SymbolEqualityComparer.Default));
    }
}
