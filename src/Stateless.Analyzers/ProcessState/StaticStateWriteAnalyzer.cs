using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Handlers;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// STL1002: handler code (members of a handler type, route handlers, middleware delegates) that writes a static
/// field or property declared outside that handler type: an assignment, <c>++</c>/<c>--</c>, a compound
/// assignment, a <c>ref</c> pass (<c>Interlocked.Increment(ref s_count)</c>), or a mutating call or indexer set
/// on a static collection. Reads, locals and state declared in the same handler type (STL1001) are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StaticStateWriteAnalyzer : FamilyAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.STL1002_HandlerWritesSharedStaticState);

    private protected override RuleFamily? Family => RuleFamily.ProcessState;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var state = new AnalysisState(
            HandlerRecognizer.GetOrCreate(context.Compilation, context.Options),
            StateTypeClassifier.Create(context.Compilation),
            new ProcessStateExemptions(context.Compilation),
            RequestIdentity.Create(context.Compilation),
            new PerFlowStorage(context.Compilation),
            ProcessResources.GetOrCreate(context.Compilation),
            StartupReachability.GetOrCreate(context.Compilation, context.Options));

        context.RegisterOperationAction(state.Analyze, OperationKind.FieldReference, OperationKind.PropertyReference);
    }

    private sealed class AnalysisState
    {
        private readonly HandlerRecognizer _recognizer;
        private readonly StateTypeClassifier _classifier;
        private readonly ProcessStateExemptions _exemptions;
        private readonly RequestIdentity _identity;
        private readonly PerFlowStorage _perFlow;
        private readonly ProcessResources _resources;
        private readonly StartupReachability _reach;

        public AnalysisState(HandlerRecognizer recognizer, StateTypeClassifier classifier, ProcessStateExemptions exemptions, RequestIdentity identity, PerFlowStorage perFlow, ProcessResources resources, StartupReachability reach)
        {
            _resources = resources;
            _reach = reach;
            _recognizer = recognizer;
            _classifier = classifier;
            _exemptions = exemptions;
            _identity = identity;
            _perFlow = perFlow;
        }

        public void Analyze(OperationAnalysisContext context)
        {
            var reference = context.Operation;
            var member = reference switch
            {
                IFieldReferenceOperation { Field: { IsStatic: true, IsConst: false } field } => (ISymbol)field,
                IPropertyReferenceOperation { Property: { IsStatic: true } property } => property,
                _ => null,
            };

            if (member is null)
            {
                return;
            }

            var kind = StateWrites.Classify(reference, _classifier, out var write);
            if (kind == StateWriteKind.None && _resources.IsDefaultHeadersWrite(reference, out write))
            {
                // A shared HttpClient's default headers: state only when set from this call's data (the caller's token).
                AnalyzeHeadersWrite(context, member, reference, write);
                return;
            }

            // A client or connection opened lazily or reopened after a failure is a resource of the process, not state.
            if (kind == StateWriteKind.None || !IsProcessState(member, kind)
                || kind != StateWriteKind.CollectionMutation && _resources.IsProcessResource(reference.Type))
            {
                return;
            }

            var handler = _recognizer.GetHandlerContext(reference, context.ContainingSymbol, context.CancellationToken);
            if (!handler.IsHandler)
            {
                // Outside handler code only per-client state is reported: a static keyed or filled by request identity
                // (OnlineUsers.Add(connectionId, ...) called from a hub) is per-client state wherever the write sits;
                // a process-wide memo keyed by Type or configuration is not.
                AnalyzeHelperWrite(context, member, reference, write);
                return;
            }

            // State declared in the handler type itself is STL1001's (reported once at its declaration).
            if (handler.HandlerType is { } handlerType
                && SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, handlerType.OriginalDefinition))
            {
                return;
            }

            if (_exemptions.IsExempt(member) || _exemptions.IsExempt(handler.HandlerType))
            {
                return;
            }

            ReportHandlerWrite(context, handler, member, reference, write);
        }

        /// <summary>STL1002 at a write to shared static state from handler code.</summary>
        private void ReportHandlerWrite(OperationAnalysisContext context, HandlerContext handler, ISymbol member, IOperation reference, IOperation write)
        {
            var identity = _identity.Find(write, reference);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.STL1002_HandlerWritesSharedStaticState,
                write.Syntax.GetLocation(),
                Capitalize(handler.Describe()),
                member is IFieldSymbol ? "field" : "property",
                (member.ContainingType?.Name is { Length: > 0 } typeName ? typeName + "." : string.Empty) + member.Name,
                identity is null ? string.Empty : " with request identity '" + identity + "', so it keeps per-client state",
                Descriptors.StaticStateConsequence));
        }

        private void AnalyzeHelperWrite(OperationAnalysisContext context, ISymbol member, IOperation reference, IOperation write)
        {
            if (context.ContainingSymbol is not IMethodSymbol { MethodKind: not MethodKind.StaticConstructor } method
                || member.Locations.IsEmpty || !member.Locations[0].IsInSource
                || _exemptions.IsExempt(member) || _exemptions.IsExempt(method))
            {
                return;
            }

            var identity = _identity.Find(write, reference);
            if (identity is null
                || _reach.ReachOf(reference, context.ContainingSymbol, context.CancellationToken) == CodeReach.Startup)
            {
                return;
            }

            var owner = method.MethodKind is MethodKind.PropertyGet or MethodKind.PropertySet && method.AssociatedSymbol is { } property
                ? property.Name
                : method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.STL1002_HandlerWritesSharedStaticState,
                write.Syntax.GetLocation(),
                "Method '" + method.ContainingType.Name + "." + owner + "'",
                member is IFieldSymbol ? "field" : "property",
                (member.ContainingType?.Name is { Length: > 0 } typeName ? typeName + "." : string.Empty) + member.Name,
                " with request identity '" + identity + "', so it keeps per-client state",
                Descriptors.StaticStateConsequence));
        }

        private void AnalyzeHeadersWrite(OperationAnalysisContext context, ISymbol member, IOperation reference, IOperation write)
        {
            if (_exemptions.IsExempt(member) || context.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.StaticConstructor })
            {
                return;
            }

            var source = _identity.Find(write, reference) ?? StateWrites.ParameterIn(write);
            if (source is null || _reach.ReachOf(reference, context.ContainingSymbol, context.CancellationToken) == CodeReach.Startup)
            {
                return;
            }

            var handler = _recognizer.GetHandlerContext(reference, context.ContainingSymbol, context.CancellationToken);
            var writer = handler.IsHandler
                ? Capitalize(handler.Describe())
                : "Method '" + context.ContainingSymbol?.ContainingType?.Name + "." + context.ContainingSymbol?.Name + "'";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.STL1002_HandlerWritesSharedStaticState,
                write.Syntax.GetLocation(),
                writer,
                member is IFieldSymbol ? "field" : "property",
                (member.ContainingType?.Name is { Length: > 0 } typeName ? typeName + "." : string.Empty) + member.Name,
                "'s default request headers from '" + source + "'",
                Descriptors.SharedHeadersConsequence));
        }

        /// <summary>
        /// Static members whose writes are process state. Per-thread and per-async-flow storage is not shared between
        /// requests; static properties of referenced libraries (<c>CultureInfo.CurrentCulture</c>) are not this
        /// code's state unless they hold a collection that is changed in place.
        /// </summary>
        private bool IsProcessState(ISymbol member, StateWriteKind kind)
        {
            var type = member switch
            {
                IFieldSymbol field => field.Type,
                IPropertySymbol property => property.Type,
                _ => null,
            };

            if (type is null || _perFlow.IsPerFlow(member))
            {
                return false;
            }

            // A property with a setter body (Configuration.Port { set => SaveToFile(value); }) decides itself where the
            // value goes; its body is analysed where it writes. Only auto-properties are storage.
            var inSource = !member.Locations.IsEmpty && member.Locations[0].IsInSource;
            if (kind == StateWriteKind.Assignment && inSource && member is IPropertySymbol accessed && !accessed.IsAutoProperty())
            {
                return false;
            }

            return kind == StateWriteKind.CollectionMutation || inSource;
        }

        private static string Capitalize(string text) =>
            text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
