using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// STL1005: <c>HttpContext</c>, <c>HttpRequest</c>, <c>HttpResponse</c>, <c>ISession</c>, <c>ConnectionInfo</c> or the
/// request's <c>ClaimsPrincipal</c> stored (assigned, or added to a collection) in a static member or in a field of a
/// singleton. Stores into statics are reported where they happen; stores into instance fields wait for the
/// compilation end, when the project's singleton registrations are known (so the descriptor is tagged
/// <c>CompilationEnd</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RequestObjectLifetimeAnalyzer : FamilyAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.STL1005_RequestObjectKeptBeyondRequest);

    private protected override RuleFamily? Family => RuleFamily.ProcessState;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var requestObjects = RequestObjects.Create(context.Compilation);
        if (!requestObjects.IsAvailable)
        {
            return;
        }

        var registrations = SingletonRegistrations.Create(context.Compilation);
        var state = new AnalysisState(context.Compilation, requestObjects, registrations);
        context.RegisterOperationAction(state.AnalyzeAssignment, OperationKind.SimpleAssignment, OperationKind.CoalesceAssignment);
        context.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
        if (registrations is not null)
        {
            registrations.Register(context);
            context.RegisterCompilationEndAction(state.ReportSingletonStores);
        }
    }

    private sealed class AnalysisState
    {
        private readonly RequestObjects _requestObjects;
        private readonly SingletonRegistrations? _registrations;
        private readonly ProcessStateExemptions _exemptions;
        private readonly PerFlowStorage _perFlow;
        private readonly StateTypeClassifier _classifier;
        private readonly ConcurrentBag<PendingStore> _instanceStores = new();

        public AnalysisState(Compilation compilation, RequestObjects requestObjects, SingletonRegistrations? registrations)
        {
            _classifier = StateTypeClassifier.Create(compilation);
            _requestObjects = requestObjects;
            _registrations = registrations;
            _exemptions = new ProcessStateExemptions(compilation);
            _perFlow = new PerFlowStorage(compilation);
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (_requestObjects.Describe(assignment.Value) is { } description)
            {
                Store(context, assignment.Target, assignment, description);
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!StateWrites.IsMutatingCall(invocation.TargetMethod))
            {
                return;
            }

            var receiver = invocation.Instance;
            var first = 0;
            if (receiver is null && invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0)
            {
                receiver = invocation.Arguments[0].Value;
                first = 1;
            }

            // _replacer.Replace(httpContext, …) hands the context to a service for this call; only a collection keeps it.
            if (receiver is null || !_classifier.IsMutableStateType(receiver.WithoutConversions()!.Type))
            {
                return;
            }

            for (var i = first; i < invocation.Arguments.Length; i++)
            {
                if (_requestObjects.Describe(invocation.Arguments[i].Value) is { } description)
                {
                    Store(context, receiver, invocation, description);
                    return;
                }
            }
        }

        public void ReportSingletonStores(CompilationAnalysisContext context)
        {
            foreach (var store in _instanceStores)
            {
                if (_registrations!.IsSingletonOrBaseOfSingleton(store.Member.ContainingType))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.STL1005_RequestObjectKeptBeyondRequest,
                        store.Location,
                        store.Description,
                        store.Member is IFieldSymbol ? "singleton field" : "singleton property",
                        store.Member.ContainingType.Name + "." + store.Member.Name));
                }
            }
        }

        private void Store(OperationAnalysisContext context, IOperation target, IOperation store, string description)
        {
            target = target.WithoutConversions()!;

            // s_contexts[id] = context: the value goes into the collection the member holds.
            if (target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed })
            {
                target = indexed.WithoutConversions()!;
            }

            var (member, instance) = target switch
            {
                IFieldReferenceOperation { Field: { IsConst: false } field } reference => ((ISymbol)field, reference.Instance),
                IPropertyReferenceOperation { Property: { IsIndexer: false } property } reference => (property, reference.Instance),
                _ => (null, null),
            };

            if (member?.ContainingType is null || _exemptions.IsExempt(member) || IsPerFlow(member))
            {
                return;
            }

            if (member.IsStatic)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.STL1005_RequestObjectKeptBeyondRequest,
                    store.Syntax.GetLocation(),
                    description,
                    member is IFieldSymbol ? "static field" : "static property",
                    member.ContainingType.Name + "." + member.Name));
                return;
            }

            // Stored in the constructor or later: either way the singleton keeps it for the app's lifetime.
            // Through this, or through a reference to the singleton (currentUser.Principal = context.User in middleware).
            if (_registrations is not null
                && instance is not (null or IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.ContainingTypeInstance })
                && !member.Locations.IsEmpty && member.Locations[0].IsInSource)
            {
                _instanceStores.Add(new PendingStore(member, store.Syntax.GetLocation(), description));
            }
        }

        private bool IsPerFlow(ISymbol member) => _perFlow.IsPerFlow(member);
    }

    private sealed class PendingStore
    {
        public PendingStore(ISymbol member, Location location, string description)
        {
            Member = member;
            Location = location;
            Description = description;
        }

        public ISymbol Member { get; }

        public Location Location { get; }

        public string Description { get; }
    }
}
