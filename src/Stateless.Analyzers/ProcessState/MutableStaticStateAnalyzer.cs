using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Handlers;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// STL1001: a static field or auto-property declared in a handler type that is writable, or read-only but holding a
/// mutable collection, array or buffer that is changed after its initializer. STL1006 (info): a read-only one that is
/// never changed, a constant table with a mutable type (the web template's <c>Summaries</c>). Changes made only by
/// startup code (a static constructor, code only startup calls) are configuration: neither rule reports them.
/// Handles to external systems (<see cref="ProcessResources"/>) are not state.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class MutableStaticStateAnalyzer : FamilyAnalyzer
{
    /// <summary>Diagnostic property: the immutable type the code fix converts to (set only when the fix is safe).</summary>
    public const string ImmutableTargetProperty = "ImmutableTarget";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.STL1001_MutableStaticStateInHandler, Descriptors.STL1006_ConstantStaticCollectionIsMutable);

    private protected override RuleFamily? Family => RuleFamily.ProcessState;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var state = new CompilationState(context.Compilation, context.Options);
        context.RegisterSymbolStartAction(state.OnType, SymbolKind.NamedType);
    }

    /// <summary>What every handler type of one compilation is judged with.</summary>
    private sealed class CompilationState
    {
        private readonly AnalyzerOptions _options;
        private readonly HandlerRecognizer _recognizer;
        private readonly StateTypeClassifier _classifier;
        private readonly ProcessStateExemptions _exemptions;
        private readonly ImmutableTargets _targets;
        private readonly RequestIdentity _identity;
        private readonly ProcessResources _resources;
        private readonly StartupReachability _reach;

        public CompilationState(Compilation compilation, AnalyzerOptions options)
        {
            _options = options;
            _recognizer = HandlerRecognizer.GetOrCreate(compilation, options);
            _classifier = StateTypeClassifier.Create(compilation);
            _exemptions = new ProcessStateExemptions(compilation);
            _targets = ImmutableTargets.Create(compilation);
            _identity = RequestIdentity.Create(compilation);
            _resources = ProcessResources.GetOrCreate(compilation);
            _reach = StartupReachability.GetOrCreate(compilation, options);
        }

        public void OnType(SymbolStartAnalysisContext symbolContext)
        {
            var type = (INamedTypeSymbol)symbolContext.Symbol;
            if (!_recognizer.IsHandlerType(type) || _exemptions.IsExempt(type))
            {
                return;
            }

            var candidates = FindCandidates(type, _classifier, _resources, _exemptions, _options);
            if (candidates.Count == 0)
            {
                return;
            }

            var seen = new TypeState(type, candidates);
            symbolContext.RegisterOperationAction(
                operationContext => RecordChange(operationContext, seen, _classifier, _identity, _reach),
                OperationKind.FieldReference,
                OperationKind.PropertyReference);
            symbolContext.RegisterSymbolEndAction(endContext => Report(endContext, seen));
        }

        private void Report(SymbolAnalysisContext endContext, TypeState seen)
        {
            foreach (var candidate in seen.Candidates.Values)
            {
                var wasChanged = seen.Changed.TryGetValue(candidate.Member, out var atRuntime);
                if (wasChanged && !atRuntime)
                {
                    continue; // filled by startup code only: configuration
                }

                if (wasChanged && !seen.Varies.ContainsKey(candidate.Member) && candidate.Type.SpecialType == SpecialType.System_Boolean)
                {
                    continue; // only ever set to true: a once-per-process latch (database checked, warning logged), not client state
                }

                if (!candidate.Writable && !wasChanged && seen.Unknown.ContainsKey(candidate.Member))
                {
                    continue; // a use that does not bind may change it: neither STL1001 nor STL1006 can say which
                }

                if (!wasChanged && candidate.Member.DeclaredAccessibility != Accessibility.Private
                    && OutsideUses.ChangedOnlyAtStartup(candidate.Member, endContext.Compilation, _reach, endContext.CancellationToken))
                {
                    continue; // set by startup code of other types only (UseX(this IApplicationBuilder)): configuration
                }

                ReportCandidate(endContext, seen, candidate, wasChanged);
            }
        }

        private void ReportCandidate(SymbolAnalysisContext endContext, TypeState seen, Candidate candidate, bool wasChanged)
        {
            var type = seen.Type;
            var target = candidate.Member is IFieldSymbol field
                && !wasChanged
                && IsFixable(field, type)
                    ? _targets.For(field.Type)
                    : null;
            var properties = target is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(ImmutableTargetProperty, target);
            var kind = candidate.Member is IFieldSymbol ? "field" : "property";

            // A constant table: nothing in this type changes it, and it is private or code of the compilation reads it
            // and none changes it. (A visible one that other code changes, may change, or never uses stays STL1001's.)
            if (!candidate.Writable && !wasChanged
                && (candidate.Member.DeclaredAccessibility == Accessibility.Private
                    || OutsideUses.ReadAndNeverChanged(candidate.Member, endContext.Compilation, endContext.CancellationToken)))
            {
                if (!ImmutableTargets.IsWorthFreezing(candidate.Type))
                {
                    return; // a constant buffer: ImmutableArray<byte> would cost a copy per use
                }

                endContext.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.STL1006_ConstantStaticCollectionIsMutable,
                    candidate.Member.Locations[0],
                    properties,
                    kind,
                    type.Name + "." + candidate.Member.Name,
                    candidate.TypeDisplay,
                    TargetDisplay(target ?? _targets.For(candidate.Type), candidate.Type)));
                return;
            }

            endContext.ReportDiagnostic(Diagnostic.Create(
                Descriptors.STL1001_MutableStaticStateInHandler,
                candidate.Member.Locations[0],
                properties,
                kind,
                type.Name + "." + candidate.Member.Name,
                type.Name,
                seen.PerClient.TryGetValue(candidate.Member, out var source)
                    ? candidate.Reason + " written with request identity '" + source + "', so it keeps per-client state"
                    : candidate.Reason,
                wasChanged ? Descriptors.ChangedStaticConsequence : Descriptors.UnchangedStaticConsequence));
        }
    }

    /// <summary>What the operations of one handler type showed about its candidate members.</summary>
    private sealed class TypeState(INamedTypeSymbol type, Dictionary<ISymbol, Candidate> candidates)
    {
        public INamedTypeSymbol Type { get; } = type;

        public Dictionary<ISymbol, Candidate> Candidates { get; } = candidates;

        /// <summary>Members seen changed after their initializer (value: true when a change runs after startup); a fix that freezes them would change behaviour.</summary>
        public ConcurrentDictionary<ISymbol, bool> Changed { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>Request identity (userId, Context.ConnectionId, User claims, ...) in a write's key or value: per-client state.</summary>
        public ConcurrentDictionary<ISymbol, string> PerClient { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>Members changed at run time other than by <c>= true</c>: a flag that only latches is not state.</summary>
        public ConcurrentDictionary<ISymbol, bool> Varies { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>Members used in code that does not bind (a reference is missing): whether it changes them is unknown.</summary>
        public ConcurrentDictionary<ISymbol, bool> Unknown { get; } = new(SymbolEqualityComparer.Default);
    }

    private static Dictionary<ISymbol, Candidate> FindCandidates(INamedTypeSymbol type, StateTypeClassifier classifier, ProcessResources resources, ProcessStateExemptions exemptions, AnalyzerOptions options)
    {
        var candidates = new Dictionary<ISymbol, Candidate>(SymbolEqualityComparer.Default);
        foreach (var member in type.GetMembers())
        {
            if (!member.IsStatic || member.IsImplicitlyDeclared || member.Locations.IsEmpty || !member.Locations[0].IsInSource)
            {
                continue;
            }

            var (memberType, writable) = member switch
            {
                IFieldSymbol { IsConst: false, AssociatedSymbol: null } field => (field.Type, !field.IsReadOnly),
                IPropertySymbol property when property.IsAutoProperty() => (property.Type, property.SetMethod is not null),
                _ => (null, false),
            };

            // A client or connection opened lazily or reopened after a failure is a resource of the process.
            if (memberType is null || resources.IsProcessResource(memberType))
            {
                continue;
            }

            var reason = Judge(memberType, writable, classifier);
            if (reason is not null && !exemptions.IsExempt(member) && !GeneratedCode.IsGeneratedDeclaration(member, options))
            {
                candidates.Add(member, new Candidate(member, reason, writable, memberType));
            }
        }

        return candidates;
    }

    /// <summary>The immutable type to name in a message: <c>ImmutableArray&lt;long&gt;</c> for <c>long[]</c>, <c>FrozenSet&lt;string&gt;</c> for <c>HashSet&lt;string&gt;</c>.</summary>
    private static string TargetDisplay(string? target, ITypeSymbol type)
    {
        var arguments = type switch
        {
            IArrayTypeSymbol array => new[] { array.ElementType },
            INamedTypeSymbol named => named.TypeArguments.ToArray(),
            _ => System.Array.Empty<ITypeSymbol>(),
        };

        if (target is null || arguments.Length == 0)
        {
            return "an immutable or frozen collection";
        }

        var names = new string[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            names[i] = arguments[i].ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        }

        return target + "<" + string.Join(", ", names) + ">";
    }

    private static string? Judge(ITypeSymbol type, bool writable, StateTypeClassifier classifier)
    {
        if (classifier.IsMutableStateType(type))
        {
            // Displayed only for members that are reported: ToDisplayString is one of the costlier symbol calls.
            var display = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            return writable ? "is writable and holds a mutable " + display : "holds a mutable " + display;
        }

        return writable ? "is writable" : null;
    }

    private static void RecordChange(
        OperationAnalysisContext context,
        TypeState seen,
        StateTypeClassifier classifier,
        RequestIdentity identity,
        StartupReachability reach)
    {
        var operation = context.Operation;
        var member = operation switch
        {
            IFieldReferenceOperation field => (ISymbol)field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        var (candidates, changed, perClient, unknown) = (seen.Candidates, seen.Changed, seen.PerClient, seen.Unknown);
        if (member is null || !candidates.ContainsKey(member.OriginalDefinition))
        {
            return;
        }

        // The member's own initializer is where a frozen value would be built.
        if (operation.Parent is IFieldInitializerOperation or IPropertyInitializerOperation)
        {
            return;
        }

        if (operation.IsInUnboundCode())
        {
            unknown.TryAdd(member.OriginalDefinition, true);
            return;
        }

        if (StateAccess.Classify(operation, strictMutation: true) != StateAccessKind.Read)
        {
            var key = member.OriginalDefinition;
            if (changed.TryGetValue(key, out var atRuntime) && atRuntime && perClient.ContainsKey(key))
            {
                return;
            }

            var runtime = ChangesAtRunTime(operation, context, reach);
            changed.AddOrUpdate(key, runtime, (_, existing) => existing || runtime);
            if (!runtime)
            {
                return;
            }

            if (operation.Parent is not ISimpleAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: true } } latch || latch.Target != operation)
            {
                seen.Varies.TryAdd(key, true);
            }

            if (!perClient.ContainsKey(member.OriginalDefinition)
                && StateWrites.Classify(operation, classifier, out var write) != StateWriteKind.None
                && identity.Find(write, operation) is { } source)
            {
                perClient.TryAdd(member.OriginalDefinition, source);
            }
        }
    }

    /// <summary>
    /// A static constructor, Main or a method taking a builder (Configure(IApplicationBuilder)) configures the member;
    /// anything else changes it at run time. This rule runs as the user types, so it asks only what the write's own
    /// method is: following callers would walk every file of the compilation on the first keystroke. A value read from
    /// configuration (the *arr family's controllers copy their config file's API key into a static on every
    /// construction) is the same on every replica: a mirror of configuration, like a startup write.
    /// </summary>
    private static bool ChangesAtRunTime(IOperation operation, OperationAnalysisContext context, StartupReachability reach) =>
        !reach.IsStartupCode(operation, context.ContainingSymbol, context.CancellationToken)
        && !(operation.Parent is ISimpleAssignmentOperation assignment && assignment.Target == operation
            && ConfigurationTypes.IsConfigurationValue(assignment.Value));

    /// <summary>
    /// The fix may only freeze a member whose every use it can see: a private field, with an initializer, in a
    /// type without nested types (whose code is analysed apart from this type's).
    /// </summary>
    private static bool IsFixable(IFieldSymbol field, INamedTypeSymbol type)
    {
        if (field.DeclaredAccessibility != Accessibility.Private || !type.GetTypeMembers().IsEmpty)
        {
            return false;
        }

        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer: not null, Parent: VariableDeclarationSyntax { Variables.Count: 1 } })
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Candidate
    {
        public Candidate(ISymbol member, string reason, bool writable, ITypeSymbol type)
        {
            Member = member;
            Reason = reason;
            Writable = writable;
            Type = type;
        }

        public ISymbol Member { get; }

        public string Reason { get; }

        /// <summary>Not <c>readonly</c>, or a property with a setter.</summary>
        public bool Writable { get; }

        public ITypeSymbol Type { get; }

        public string TypeDisplay => Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
    }
}
