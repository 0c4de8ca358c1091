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
public sealed class ScaleOutConfigurationAnalyzer : FamilyAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.STL1101_SharedStateInProcessMemory,
        Descriptors.STL1102_DataProtectionKeysNotShared,
        Descriptors.STL1103_SignalRWithoutBackplane);

    private protected override RuleFamily? Family => RuleFamily.ScaleOut;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var state = new CompilationState(context.Compilation, WellKnownTypes.GetOrCreate(context.Compilation));
        if (!state.MemoryCache && !state.FollowDataProtection && !state.FollowSignalR)
        {
            return;
        }

        if (state.MemoryCache)
        {
            context.RegisterOperationAction(state.AnalyzeMemoryCache, OperationKind.Invocation);
        }

        if (!state.FollowDataProtection && !state.FollowSignalR)
        {
            return;
        }

        context.RegisterSymbolStartAction(state.OnTypeStart, SymbolKind.NamedType);
    }

    /// <summary>Code of <paramref name="type"/> itself, not of a type nested in it (that type is analysed on its own).</summary>
    private static bool IsInType(ISymbol? symbol, INamedTypeSymbol type)
    {
        var containing = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
        return SymbolEqualityComparer.Default.Equals(containing, type);
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

            if (operation is ISimpleAssignmentOperation { Target: IInvalidOperation { Syntax: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "XmlRepository" } } } unbound
                && IsInUnboundCallOf(unbound, keyManagementOptions))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="operation"/> sits in a call that does not bind (an overload of a package the compilation
    /// lacks) whose type argument is <paramref name="optionsType"/>: <c>services.Configure&lt;KeyManagementOptions&gt;((c, o) =&gt; …)</c>.
    /// </summary>
    private static bool IsInUnboundCallOf(IOperation operation, INamedTypeSymbol optionsType)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is not IInvalidOperation { Syntax: InvocationExpressionSyntax call })
            {
                continue;
            }

            var name = call.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name,
                SimpleNameSyntax simple => simple,
                _ => null,
            };
            if (name is GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 } generic
                && current.SemanticModel?.GetTypeInfo(generic.TypeArgumentList.Arguments[0]).Type is { } type
                && SymbolEqualityComparer.Default.Equals(type, optionsType))
            {
                return true;
            }
        }

        return false;
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

    /// <summary>The types and shared facts one compilation's callbacks use.</summary>
    private sealed class CompilationState
    {
        /// <summary>An EF Core design-time factory or services class (see <see cref="MetadataNames.DesignTimeTypes"/>): tooling, not a server.</summary>
        private static readonly MetadataNameSet DesignTimeTypes = new(MetadataNames.DesignTimeTypes);

        public CompilationState(Compilation compilation, WellKnownTypes types)
        {
            // The extension classes are matched by metadata name at each call, not resolved: SignalR declares
            // SignalRDependencyInjectionExtensions in two assemblies (AddSignalRCore in Microsoft.AspNetCore.SignalR.Core,
            // AddSignalR in Microsoft.AspNetCore.SignalR), so the name alone does not resolve to one type.
            var distributedCache = types.Get(MetadataNames.DistributedCacheInterface);
            MemoryCache = distributedCache is not null;
            _consumers = distributedCache is null ? null : new DistributedCacheConsumers(compilation, distributedCache);
            DataProtectionBuilder = types.Get(MetadataNames.IDataProtectionBuilder);
            SignalRBuilder = types.Get(MetadataNames.ISignalRServerBuilder);
            Guard = new EnvironmentGuard(types);
            SharedCaches = new SharedCacheRegistrations(types);
            KeyManagementOptions = types.Get(MetadataNames.KeyManagementOptions);
        }

        private readonly DistributedCacheConsumers? _consumers;

        public bool MemoryCache { get; }

        public INamedTypeSymbol? DataProtectionBuilder { get; }

        public INamedTypeSymbol? SignalRBuilder { get; }

        public bool FollowDataProtection => DataProtectionBuilder is not null;

        public bool FollowSignalR => SignalRBuilder is not null;

        public EnvironmentGuard Guard { get; }

        public SharedCacheRegistrations SharedCaches { get; }

        public INamedTypeSymbol? KeyManagementOptions { get; }

        /// <summary>
        /// STL1101: <c>AddDistributedMemoryCache()</c> that runs in production, is not replaced by a shared cache, and backs
        /// something that keeps entries in it (<see cref="DistributedCacheConsumers"/>).
        /// </summary>
        public void AnalyzeMemoryCache(OperationAnalysisContext operationContext)
        {
            var invocation = (IInvocationOperation)operationContext.Operation;
            if (invocation.TargetMethod.Name == "AddDistributedMemoryCache"
                && NamespaceNames.IsTopLevelType(invocation.TargetMethod.ContainingType, MetadataNames.MemoryCacheServiceCollectionExtensions)
                && !IsDesignTime(operationContext.ContainingSymbol?.ContainingType)
                && !Guard.IsOutsideProductionOnly(invocation)
                && !SharedCaches.IsReplaced(invocation)
                && !SharedCaches.IsFallbackOfSharedCache(invocation, Guard)
                && _consumers!.Any(operationContext.CancellationToken))
            {
                operationContext.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.STL1101_SharedStateInProcessMemory, CallLocation(invocation), CallText(invocation)));
            }
        }

        private static bool IsDesignTime(INamedTypeSymbol? type) => type is not null && DesignTimeTypes.ContainsInterfaceOf(type);

        public void OnTypeStart(SymbolStartAnalysisContext symbolContext)
        {
            if (IsDesignTime((INamedTypeSymbol)symbolContext.Symbol))
            {
                return;
            }

            var type = new TypeState(this, (INamedTypeSymbol)symbolContext.Symbol);
            symbolContext.RegisterOperationBlockAction(type.OnBlock);
            symbolContext.RegisterOperationAction(type.OnInvocation, OperationKind.Invocation);
            symbolContext.RegisterSymbolEndAction(type.OnTypeEnd);
        }
    }

    /// <summary>One type's operation blocks and its <c>AddDataProtection()</c>/<c>AddSignalR()</c> calls, judged at the type's end.</summary>
    private sealed class TypeState
    {
        private readonly CompilationState _compilation;
        private readonly INamedTypeSymbol _type;
        private readonly ConcurrentQueue<(ISymbol Owner, ImmutableArray<IOperation> Blocks)> _blocks = new();
        private readonly ConcurrentQueue<IInvocationOperation> _candidates = new();

        public TypeState(CompilationState compilation, INamedTypeSymbol type)
        {
            _compilation = compilation;
            _type = type;
        }

        public void OnBlock(OperationBlockAnalysisContext blockContext)
        {
            if (IsInType(blockContext.OwningSymbol, _type))
            {
                _blocks.Enqueue((blockContext.OwningSymbol, blockContext.OperationBlocks));
            }
        }

        public void OnInvocation(OperationAnalysisContext operationContext)
        {
            var invocation = (IInvocationOperation)operationContext.Operation;
            var method = invocation.TargetMethod;
            if (!IsInType(operationContext.ContainingSymbol, _type))
            {
                return;
            }

            if ((_compilation.FollowDataProtection && method.Name == "AddDataProtection" && NamespaceNames.IsTopLevelType(method.ContainingType, MetadataNames.DataProtectionServiceCollectionExtensions))
                || (_compilation.FollowSignalR && method.Name == "AddSignalR" && NamespaceNames.IsTopLevelType(method.ContainingType, MetadataNames.SignalRDependencyInjectionExtensions)))
            {
                _candidates.Enqueue(invocation);
            }
        }

        public void OnTypeEnd(SymbolAnalysisContext endContext)
        {
            if (_candidates.IsEmpty)
            {
                return;
            }

            var scope = new FlowScope(_type, _blocks);
            var customKeyRepository = _compilation.KeyManagementOptions is not null && AssignsXmlRepository(scope, _compilation.KeyManagementOptions);
            var judged = new List<(IInvocationOperation Call, BuilderOutcome Outcome, ImmutableArray<string> Backplanes)>();
            foreach (var candidate in _candidates)
            {
                endContext.CancellationToken.ThrowIfCancellationRequested();
                judged.Add(Judge(candidate, scope, customKeyRepository, endContext.Options));
            }

            foreach (var (call, outcome, backplanes) in judged)
            {
                if (outcome != BuilderOutcome.Missing
                    || SameServiceCollection.SatisfiedByAnotherCall(call, judged, _compilation.Guard)
                    || _compilation.Guard.IsOutsideProductionOnly(call))
                {
                    continue;
                }

                endContext.ReportDiagnostic(call.TargetMethod.Name == "AddDataProtection"
                    ? Diagnostic.Create(Descriptors.STL1102_DataProtectionKeysNotShared, CallLocation(call), CallText(call))
                    : Diagnostic.Create(Descriptors.STL1103_SignalRWithoutBackplane, CallLocation(call), CallText(call), ScaleOutBuilderMethods.BackplaneList(backplanes)));
            }
        }

        /// <summary>Does the builder of this call persist its keys (or is a custom key repository set), or add a backplane?</summary>
        private (IInvocationOperation Call, BuilderOutcome Outcome, ImmutableArray<string> Backplanes) Judge(
            IInvocationOperation candidate, FlowScope scope, bool customKeyRepository, AnalyzerOptions options)
        {
            if (candidate.TargetMethod.Name == "AddDataProtection")
            {
                var dataProtectionBuilder = _compilation.DataProtectionBuilder!;
                var outcome = customKeyRepository
                    ? BuilderOutcome.Found
                    : new BuilderFlow(
                        scope,
                        dataProtectionBuilder,
                        method => ScaleOutBuilderMethods.IsPersistKeys(method, dataProtectionBuilder),
                        name => name.StartsWith(ScaleOutBuilderMethods.PersistKeysPrefix, StringComparison.Ordinal) || name == "XmlRepository").Follow(candidate);
                return (candidate, outcome, ImmutableArray<string>.Empty);
            }

            var signalRBuilder = _compilation.SignalRBuilder!;
            var configured = StatelessOptions.SignalRBackplanes(options, candidate.Syntax.SyntaxTree);
            var backplane = new BuilderFlow(
                scope,
                signalRBuilder,
                method => ScaleOutBuilderMethods.IsBackplane(method, signalRBuilder, configured),
                name => ScaleOutBuilderMethods.IsBackplaneName(name, configured)).Follow(candidate);
            return (candidate, backplane, configured);
        }
    }
}
