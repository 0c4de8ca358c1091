using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;
using Stateless.Analyzers.TokenIssuance;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// STL2008 (project level, compilation end): the project configures JWT validation (<c>AddJwtBearer</c>, a
/// <c>TokenValidationParameters</c>) but wires no revocation check: no <c>Stateless.Runtime.IJtiDenylist</c>, no
/// <c>AddStatelessJwtBearer</c>, no <c>TokenReplayValidator</c>/<c>TokenReplayCache</c>, no <c>OnTokenValidated</c>
/// handler (or <c>JwtBearerEvents.TokenValidated</c> override). Reported once, at the first configuration site.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class RevocationCheckAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.TokensNeverCheckedForRevocation);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // no callbacks on generated code: see GeneratedCode
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (!AnalysisScope.Get(context.Compilation, context.Options).Includes(RuleFamily.TokenValidation))
        {
            return;
        }

        var types = TokenValidationTypes.Create(context.Compilation);
        if (types is null)
        {
            return;
        }

        var known = WellKnownTypes.GetOrCreate(context.Compilation);
        var denylist = known.Get(MetadataNames.IJtiDenylist);
        var events = known.Get(MetadataNames.JwtBearerEvents);
        var jwtBearerExtensions = known.Get(MetadataNames.JwtBearerExtensions);
        var sites = new ConcurrentBag<Location>();
        var wired = new int[1];

        // Tokens the project issues: [0] how many, [1] how many live longer than stateless_revocation_window (or cannot be folded).
        var issued = new int[2];
        var jwtSecurityToken = known.Get(MetadataNames.JwtSecurityToken);
        var descriptor = known.Get(MetadataNames.SecurityTokenDescriptor);

        void Wire() => Interlocked.Exchange(ref wired[0], 1);

        // Asked for every parameter, field, property, type argument and created type: the answer depends only on the
        // original definition (IJtiDenylist is not generic), so it is computed once per type instead of walking
        // AllInterfaces again each time.
        var denylistTypes = ConcurrentCache.Create<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        bool IsDenylist(ITypeSymbol? type) =>
            denylist is not null && type is not null
            && denylistTypes.GetOrAdd(type.OriginalDefinition, definition =>
                SymbolEqualityComparer.Default.Equals(definition, denylist) || definition.AllInterfaces.Contains(denylist, SymbolEqualityComparer.Default));

        context.RegisterOperationAction(
            operationContext =>
            {
                switch (operationContext.Operation)
                {
                    case IInvocationOperation invocation:
                        var method = invocation.TargetMethod;
                        if (method.Name == "AddStatelessJwtBearer" && NamespaceNames.IsOrIsInside(method.ContainingNamespace, "Stateless.Runtime"))
                        {
                            Wire();
                        }
                        else if (method.Name == "AddJwtBearer" && SymbolEqualityComparer.Default.Equals(method.ContainingType, jwtBearerExtensions))
                        {
                            sites.Add(NameLocation(invocation.Syntax));
                        }

                        foreach (var argument in method.TypeArguments)
                        {
                            if (IsDenylist(argument))
                            {
                                Wire();
                            }
                        }

                        break;
                    case IObjectCreationOperation creation:
                        if (SymbolEqualityComparer.Default.Equals(creation.Type, types.TokenValidationParameters) && creation.Syntax is BaseObjectCreationExpressionSyntax syntax)
                        {
                            sites.Add(syntax.GetLocation());
                        }
                        else if (IsDenylist(creation.Type))
                        {
                            Wire();
                        }
                        else if (creation.Type is { } created
                            && (SymbolEqualityComparer.Default.Equals(created, jwtSecurityToken) || SymbolEqualityComparer.Default.Equals(created, descriptor)))
                        {
                            Interlocked.Increment(ref issued[0]);
                            var window = StatelessOptions.RevocationWindow(operationContext.Options, creation.Syntax.SyntaxTree);
                            if (!LifetimeFolding.LivesAtMost(IssuedExpiry(creation), window))
                            {
                                Interlocked.Increment(ref issued[1]);
                            }
                        }

                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                        when !(ConstantFolding.Unwrap(assignment.Value)?.ConstantValue is { HasValue: true, Value: null }):
                        if ((property.Property.Name is "TokenReplayValidator" or "TokenReplayCache" && types.IsParametersProperty(property.Property))
                            || (property.Property.Name == "OnTokenValidated" && events is not null && TokenValidationTypes.InheritsFrom(property.Property.ContainingType, events)))
                        {
                            Wire();
                        }

                        break;
                    case ITypeOfOperation typeOf when IsDenylist(typeOf.TypeOperand):
                        Wire();
                        break;
                }
            },
            OperationKind.Invocation,
            OperationKind.ObjectCreation,
            OperationKind.SimpleAssignment,
            OperationKind.TypeOf);

        context.RegisterSymbolAction(
            symbolContext =>
            {
                switch (symbolContext.Symbol)
                {
                    case IMethodSymbol method:
                        if (method.IsOverride && method.Name == "TokenValidated" && events is not null && TokenValidationTypes.InheritsFrom(method.ContainingType, events))
                        {
                            Wire();
                        }

                        foreach (var parameter in method.Parameters)
                        {
                            if (IsDenylist(parameter.Type))
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
            },
            SymbolKind.Method,
            SymbolKind.Field,
            SymbolKind.Property);

        context.RegisterCompilationEndAction(endContext =>
        {
            // Wired, or every access token the project issues dies before a revocation would matter.
            if (Volatile.Read(ref wired[0]) == 1 || Volatile.Read(ref issued[0]) > 0 && Volatile.Read(ref issued[1]) == 0)
            {
                return;
            }

            Location? first = null;
            foreach (var site in sites)
            {
                if (first is null || Compare(site, first) < 0)
                {
                    first = site;
                }
            }

            if (first is not null)
            {
                endContext.ReportDiagnostic(Diagnostic.Create(Descriptors.TokensNeverCheckedForRevocation, first));
            }
        });
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
}
