using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ScaleOut;

/// <summary>
/// STL1101 <c>AddDistributedMemoryCache()</c>; STL1102 <c>AddDataProtection()</c> whose builder never persists its keys;
/// STL1103 <c>AddSignalR()</c> whose builder never adds a backplane. Calls that only run outside production
/// (guarded by an environment check) and test projects are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScaleOutConfigurationAnalyzer : DiagnosticAnalyzer
{
    private const string PersistKeysPrefix = "PersistKeysTo";
    private static readonly string[] BuiltInBackplanes = { "AddStackExchangeRedis", "AddAzureSignalR" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.STL1101_SharedStateInProcessMemory,
        Descriptors.STL1102_DataProtectionKeysNotShared,
        Descriptors.STL1103_SignalRWithoutBackplane);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // no callbacks on generated code: see GeneratedCode
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (!AnalysisScope.Get(context.Compilation, context.Options).Includes(RuleFamily.ScaleOut))
        {
            return;
        }

        var types = WellKnownTypes.GetOrCreate(context.Compilation);
        // The extension classes are matched by metadata name at each call, not resolved: SignalR declares
        // SignalRDependencyInjectionExtensions in two assemblies (AddSignalRCore in Microsoft.AspNetCore.SignalR.Core,
        // AddSignalR in Microsoft.AspNetCore.SignalR), so the name alone does not resolve to one type.
        var memoryCache = types.Get(MetadataNames.DistributedCacheInterface) is not null;
        var dataProtectionBuilder = types.Get(MetadataNames.IDataProtectionBuilder);
        var signalRBuilder = types.Get(MetadataNames.ISignalRServerBuilder);
        var followDataProtection = dataProtectionBuilder is not null;
        var followSignalR = signalRBuilder is not null;
        if (!memoryCache && !followDataProtection && !followSignalR)
        {
            return;
        }

        var guard = new EnvironmentGuard(types);
        var sharedCaches = new SharedCacheRegistrations(types);
        var keyManagementOptions = types.Get(MetadataNames.KeyManagementOptions);

        if (memoryCache)
        {
            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (invocation.TargetMethod.Name == "AddDistributedMemoryCache"
                        && NamespaceNames.IsTopLevelType(invocation.TargetMethod.ContainingType, MetadataNames.MemoryCacheServiceCollectionExtensions)
                        && !guard.IsOutsideProductionOnly(invocation)
                        && !sharedCaches.IsReplaced(invocation))
                    {
                        operationContext.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.STL1101_SharedStateInProcessMemory, CallLocation(invocation), CallText(invocation)));
                    }
                },
                OperationKind.Invocation);
        }

        if (!followDataProtection && !followSignalR)
        {
            return;
        }

        context.RegisterSymbolStartAction(
            symbolContext =>
            {
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                var blocks = new ConcurrentQueue<(ISymbol Owner, ImmutableArray<IOperation> Blocks)>();
                var candidates = new ConcurrentQueue<IInvocationOperation>();

                symbolContext.RegisterOperationBlockAction(blockContext =>
                {
                    if (IsInType(blockContext.OwningSymbol, type))
                    {
                        blocks.Enqueue((blockContext.OwningSymbol, blockContext.OperationBlocks));
                    }
                });

                symbolContext.RegisterOperationAction(
                    operationContext =>
                    {
                        var invocation = (IInvocationOperation)operationContext.Operation;
                        var method = invocation.TargetMethod;
                        if (!IsInType(operationContext.ContainingSymbol, type))
                        {
                            return;
                        }

                        if ((followDataProtection && method.Name == "AddDataProtection" && NamespaceNames.IsTopLevelType(method.ContainingType, MetadataNames.DataProtectionServiceCollectionExtensions))
                            || (followSignalR && method.Name == "AddSignalR" && NamespaceNames.IsTopLevelType(method.ContainingType, MetadataNames.SignalRDependencyInjectionExtensions)))
                        {
                            candidates.Enqueue(invocation);
                        }
                    },
                    OperationKind.Invocation);

                symbolContext.RegisterSymbolEndAction(endContext =>
                {
                    if (candidates.IsEmpty)
                    {
                        return;
                    }

                    var scope = new FlowScope(type, blocks);
                    var customKeyRepository = keyManagementOptions is not null && AssignsXmlRepository(scope, keyManagementOptions);
                    var judged = new List<(IInvocationOperation Call, BuilderOutcome Outcome, ImmutableArray<string> Backplanes)>();
                    foreach (var candidate in candidates)
                    {
                        endContext.CancellationToken.ThrowIfCancellationRequested();
                        if (candidate.TargetMethod.Name == "AddDataProtection")
                        {
                            var outcome = customKeyRepository
                                ? BuilderOutcome.Found
                                : new BuilderFlow(
                                    scope,
                                    dataProtectionBuilder!,
                                    method => IsPersistKeys(method, dataProtectionBuilder!),
                                    name => name.StartsWith(PersistKeysPrefix, StringComparison.Ordinal) || name == "XmlRepository").Follow(candidate);
                            judged.Add((candidate, outcome, ImmutableArray<string>.Empty));
                        }
                        else
                        {
                            var configured = StatelessOptions.SignalRBackplanes(endContext.Options, candidate.Syntax.SyntaxTree);
                            var outcome = new BuilderFlow(
                                scope,
                                signalRBuilder!,
                                method => IsBackplane(method, signalRBuilder!, configured),
                                name => IsBackplaneName(name, configured)).Follow(candidate);
                            judged.Add((candidate, outcome, configured));
                        }
                    }

                    foreach (var (call, outcome, backplanes) in judged)
                    {
                        if (outcome != BuilderOutcome.Missing
                            || SatisfiedByAnotherCall(call, judged, guard)
                            || guard.IsOutsideProductionOnly(call))
                        {
                            continue;
                        }

                        endContext.ReportDiagnostic(call.TargetMethod.Name == "AddDataProtection"
                            ? Diagnostic.Create(Descriptors.STL1102_DataProtectionKeysNotShared, CallLocation(call), CallText(call))
                            : Diagnostic.Create(Descriptors.STL1103_SignalRWithoutBackplane, CallLocation(call), CallText(call), BackplaneList(backplanes)));
                    }
                });
            },
            SymbolKind.NamedType);
    }

    /// <summary>
    /// Both builders configure the same <c>IServiceCollection</c>: <c>AddDataProtection()</c> and <c>AddSignalR()</c>
    /// may be called more than once, and what one builder registers (the key repository, the backplane) applies to
    /// the services of all. The same collection means the same receiver path (<c>builder.Services</c>, a parameter).
    /// </summary>
    private static bool SatisfiedByAnotherCall(
        IInvocationOperation call,
        List<(IInvocationOperation Call, BuilderOutcome Outcome, ImmutableArray<string> Backplanes)> judged,
        EnvironmentGuard guard)
    {
        var path = ReceiverPath(call);
        if (path.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var (other, outcome, _) in judged)
        {
            if (other != call
                && outcome == BuilderOutcome.Found
                && other.TargetMethod.Name == call.TargetMethod.Name
                && ReceiverPath(other) is { IsDefaultOrEmpty: false } otherPath
                && otherPath.SequenceEqual(path, SymbolEqualityComparer.Default)
                && RunsWhenever(other, call)
                && !guard.IsOutsideProductionOnly(other))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="other"/> is in no branch (if/else, ternary, switch section, loop, short-circuit operand) that
    /// does not also hold <paramref name="call"/>: where one runs, so does the other.
    /// </summary>
    private static bool RunsWhenever(IOperation other, IOperation call)
    {
        for (var current = other; current.Parent is { } parent; current = parent)
        {
            var branches = parent switch
            {
                IConditionalOperation conditional => conditional.Condition != current,
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary => binary.RightOperand == current,
                ICoalesceOperation coalesce => coalesce.WhenNull == current,
                IConditionalAccessOperation access => access.WhenNotNull == current,
                ISwitchCaseOperation or ISwitchExpressionArmOperation or ILoopOperation or ICatchClauseOperation => true,
                _ => false,
            };

            if (branches && !IsWithin(call, current))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWithin(IOperation operation, IOperation ancestor)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The symbols naming the services a registration extends (<c>builder</c>, <c>Services</c>), or default when it is not a plain path.</summary>
    private static ImmutableArray<ISymbol> ReceiverPath(IInvocationOperation call)
    {
        var receiver = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
        var symbols = ImmutableArray.CreateBuilder<ISymbol>();
        var current = receiver.WithoutImplicitConversions();
        while (current is not null)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    symbols.Insert(0, local.Local);
                    return symbols.ToImmutable();
                case IParameterReferenceOperation parameter:
                    symbols.Insert(0, parameter.Parameter);
                    return symbols.ToImmutable();
                case IInstanceReferenceOperation:
                    return symbols.ToImmutable();
                case IFieldReferenceOperation field:
                    symbols.Insert(0, field.Field);
                    if (field.Instance is null)
                    {
                        return symbols.ToImmutable();
                    }

                    current = field.Instance.WithoutImplicitConversions();
                    break;
                case IPropertyReferenceOperation property:
                    symbols.Insert(0, property.Property);
                    if (property.Instance is null)
                    {
                        return symbols.ToImmutable();
                    }

                    current = property.Instance.WithoutImplicitConversions();
                    break;
                default:
                    return default;
            }
        }

        return default;
    }

    /// <summary>Code of <paramref name="type"/> itself, not of a type nested in it (that type is analysed on its own).</summary>
    private static bool IsInType(ISymbol? symbol, INamedTypeSymbol type)
    {
        var containing = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
        return SymbolEqualityComparer.Default.Equals(containing, type);
    }

    /// <summary>A <c>PersistKeysTo*</c> extension method of the real <c>IDataProtectionBuilder</c> (any package, or your own).</summary>
    private static bool IsPersistKeys(IMethodSymbol method, INamedTypeSymbol builder) =>
        method.Name.StartsWith(PersistKeysPrefix, StringComparison.Ordinal)
        && IsExtensionOf(method, builder);

    /// <summary><c>AddStackExchangeRedis</c>, <c>AddAzureSignalR</c> or a configured method, as an extension of the SignalR server builder.</summary>
    private static bool IsBackplane(IMethodSymbol method, INamedTypeSymbol builder, ImmutableArray<string> configured)
    {
        if (!IsExtensionOf(method, builder))
        {
            return false;
        }

        if (Array.IndexOf(BuiltInBackplanes, method.Name) >= 0)
        {
            return true;
        }

        if (configured.IsEmpty)
        {
            return false;
        }

        var containing = method.ContainingType is { } type
            ? type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted))
            : string.Empty;
        foreach (var entry in configured)
        {
            var name = entry.StartsWith("global::", StringComparison.Ordinal) ? entry.Substring("global::".Length) : entry;
            if (string.Equals(name, method.Name, StringComparison.Ordinal)
                || string.Equals(name, containing + "." + method.Name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBackplaneName(string name, ImmutableArray<string> configured)
    {
        if (Array.IndexOf(BuiltInBackplanes, name) >= 0)
        {
            return true;
        }

        foreach (var entry in configured)
        {
            var dot = entry.LastIndexOf('.');
            if (string.Equals(dot < 0 ? entry : entry.Substring(dot + 1), name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The method's <c>this</c> parameter accepts the builder: the builder interface, one it implements, or a type parameter constrained to one.</summary>
    private static bool IsExtensionOf(IMethodSymbol method, INamedTypeSymbol builder)
    {
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        if (!definition.IsExtensionMethod || definition.Parameters.Length == 0)
        {
            return false;
        }

        var receiver = definition.Parameters[0].Type;
        if (receiver is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (FlowScope.IsOrImplements(builder, (INamedTypeSymbol)constraint.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        return receiver is INamedTypeSymbol named && FlowScope.IsOrImplements(builder, (INamedTypeSymbol)named.OriginalDefinition);
    }

    /// <summary>A custom key repository: <c>KeyManagementOptions.XmlRepository = …</c> anywhere in the type.</summary>
    private static bool AssignsXmlRepository(FlowScope scope, INamedTypeSymbol keyManagementOptions)
    {
        foreach (var operation in scope.Operations)
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "XmlRepository" } property }
                && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, keyManagementOptions))
            {
                return true;
            }
        }

        return false;
    }

    private static string BackplaneList(ImmutableArray<string> configured)
    {
        var names = new List<string>(BuiltInBackplanes);
        names.AddRange(configured);
        return string.Join(", ", names);
    }

    /// <summary>From the method name to the end of the argument list: <c>AddDataProtection()</c> in <c>builder.Services.AddDataProtection()</c>.</summary>
    private static Location CallLocation(IInvocationOperation invocation)
    {
        if (invocation.Syntax is InvocationExpressionSyntax syntax)
        {
            var start = syntax.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.SpanStart,
                MemberBindingExpressionSyntax binding => binding.Name.SpanStart,
                _ => syntax.Expression.SpanStart,
            };
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(start, syntax.Span.End));
        }

        return invocation.Syntax.GetLocation();
    }

    private static string CallText(IInvocationOperation invocation) => invocation.TargetMethod.Name + "()";
}
