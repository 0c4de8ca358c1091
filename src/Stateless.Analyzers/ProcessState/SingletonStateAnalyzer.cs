using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Handlers;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// STL1003: an instance field (or auto-property) of a type registered as a singleton that holds a mutable
/// collection changed after construction, or that is reassigned after construction.
/// <para>
/// Design: a type does not say its own lifetime; the registration does, usually in another file. Writes are
/// recorded per member while the compilation is analysed (one operation action on member references, filtered
/// to <c>this</c> members outside constructors), registrations are collected into a set scoped to the compilation
/// start, and the two are joined in a compilation-end action. The descriptor is tagged <c>CompilationEnd</c>.
/// </para>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SingletonStateAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Methods that run at the start or end of the service's life, not per request.</summary>
    private static readonly ImmutableHashSet<string> LifecycleMethods = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Dispose", "DisposeAsync", "StartAsync", "StopAsync", "ExecuteAsync", "StartingAsync", "StartedAsync", "StoppingAsync", "StoppedAsync");

    /// <summary>Namespaces of process-wide services: a field of one of their types that is (re)assigned is a client, not client state.</summary>
    private static readonly string[] ServiceNamespaces =
    {
        "Microsoft.Extensions.Logging", "Microsoft.Extensions.Options", "Microsoft.Extensions.Caching.Distributed",
        "Microsoft.Extensions.Configuration", "Microsoft.Extensions.Primitives", "StackExchange.Redis", "System.Net.Http",
        "System.Threading", "System.Threading.Tasks", "System.Text.RegularExpressions", "System.Text.Json", "System.Diagnostics",
        "System.Security.Cryptography", "Microsoft.IdentityModel", "System.IdentityModel",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.STL1003_SingletonKeepsPerClientState);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // no callbacks on generated code: see GeneratedCode
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (!AnalysisScope.Get(context.Compilation, context.Options).Includes(RuleFamily.ProcessState))
        {
            return;
        }

        var registrations = SingletonRegistrations.Create(context.Compilation);
        if (registrations is null)
        {
            return;
        }

        registrations.Register(context);
        var state = new AnalysisState(context.Compilation, context.Options, registrations, HandlerRecognizer.GetOrCreate(context.Compilation, context.Options));
        context.RegisterOperationAction(state.RecordWrite, OperationKind.FieldReference, OperationKind.PropertyReference);
        context.RegisterCompilationEndAction(state.Report);
    }

    /// <summary>Whether an instance member's collection or value is written after construction.</summary>
    internal static bool IsOutsideConstruction(ISymbol? containingSymbol, INamedTypeSymbol memberType)
    {
        switch (containingSymbol)
        {
            case IMethodSymbol { MethodKind: MethodKind.Constructor } constructor:
                return !TypeHierarchy.IsOrInheritsFrom(constructor.ContainingType, memberType.OriginalDefinition);
            case IMethodSymbol { IsInitOnly: true } or IMethodSymbol { MethodKind: MethodKind.StaticConstructor }:
                return false;
            case IMethodSymbol method:
                return !LifecycleMethods.Contains(method.Name);
            default:
                // Field and property initializers.
                return false;
        }
    }

    private sealed class AnalysisState
    {
        private readonly SingletonRegistrations _registrations;
        private readonly HandlerRecognizer _recognizer;
        private readonly StateTypeClassifier _classifier;
        private readonly ProcessStateExemptions _exemptions;
        private readonly RequestIdentity _identity;
        private readonly RequestObjects _requestObjects;
        private readonly ImmutableArray<INamedTypeSymbol> _memoKeyTypes;
        private readonly ConcurrentDictionary<ISymbol, Finding> _findings = ConcurrentCache.Create<ISymbol, Finding>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, ConcurrentDictionary<StartupReachability.CodeSite, SiteFacts>> _sites = ConcurrentCache.Create<ISymbol, ConcurrentDictionary<StartupReachability.CodeSite, SiteFacts>>(SymbolEqualityComparer.Default);
        private readonly StartupReachability _reach;
        private readonly ProcessResources _resources;
        /// <summary>Members a miss refills from a source of truth (a cache-aside write seen): caches whose in-step writes are not state.</summary>
        private readonly ConcurrentDictionary<ISymbol, bool> _refilled = ConcurrentCache.Create<ISymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IPropertySymbol, bool> _autoProperties = ConcurrentCache.Create<IPropertySymbol, bool>(SymbolEqualityComparer.Default);

        public AnalysisState(Compilation compilation, AnalyzerOptions options, SingletonRegistrations registrations, HandlerRecognizer recognizer)
        {
            _reach = StartupReachability.GetOrCreate(compilation, options);
            _resources = ProcessResources.GetOrCreate(compilation);
            var types = WellKnownTypes.GetOrCreate(compilation);
            _registrations = registrations;
            _recognizer = recognizer;
            _classifier = StateTypeClassifier.Create(compilation);
            _exemptions = new ProcessStateExemptions(compilation);
            _identity = RequestIdentity.Create(compilation);
            _requestObjects = RequestObjects.Create(compilation);
            _memoKeyTypes = types.GetAll(MetadataNames.SystemType, MetadataNames.MemberInfo, MetadataNames.Assembly);
        }

        public void RecordWrite(OperationAnalysisContext context)
        {
            var reference = context.Operation;
            var (member, type, instance, isReadOnly) = reference switch
            {
                IFieldReferenceOperation { Field: { IsConst: false } field } field0 => ((ISymbol)field, field.Type, field0.Instance, field.IsReadOnly),
                IPropertyReferenceOperation { Property: { IsIndexer: false } property } property0 => (property, property.Type, property0.Instance, property.SetMethod is null or { IsInitOnly: true }),
                _ => (null, null, null, false),
            };

            // Instance members through this; static members of the singleton type itself (process-wide just the same);
            // instance members set from handler code through another reference (currentUser.UserId = ... in middleware).
            if (member is null || type is null || member.ContainingType is not { } containingType || member.Locations.IsEmpty || !member.Locations[0].IsInSource
                || (member.IsStatic ? instance is not null : instance is null or IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.ContainingTypeInstance }))
            {
                return;
            }

            var external = !member.IsStatic && instance is not IInstanceReferenceOperation;

            // Statics written from other types' code (a handler) are STL1002's.
            if (member.IsStatic && !SymbolEqualityComparer.Default.Equals(context.ContainingSymbol?.ContainingType?.OriginalDefinition, containingType.OriginalDefinition))
            {
                return;
            }

            var kind = StateWrites.Classify(reference, _classifier, out var write);
            var headers = kind == StateWriteKind.None && _resources.IsDefaultHeadersWrite(reference, out write);
            if (kind is StateWriteKind.None or StateWriteKind.MemberWrite && !headers)
            {
                return;
            }

            // Startup code that fills a settings object before registering it is construction, not per-client state.
            if (external
                ? !_recognizer.GetHandlerContext(reference, context.ContainingSymbol, context.CancellationToken).IsHandler
                : !IsOutsideConstruction(context.ContainingSymbol, containingType))
            {
                return;
            }

            if (member is IPropertySymbol autoCandidate && !_autoProperties.GetOrAdd(autoCandidate.OriginalDefinition, AutoProperties.IsAutoProperty))
            {
                return;
            }

            // Request objects stored in singletons are STL1005's.
            if (_requestObjects.IsRequestObjectType(type))
            {
                return;
            }

            var site = _reach.Locate(reference, context.ContainingSymbol, context.CancellationToken);
            if (headers)
            {
                // A shared HttpClient's default headers set from this call's data: every concurrent request sends them.
                var source = _identity.Find(write, reference) ?? StateWrites.ParameterIn(write);
                if (source is not null)
                {
                    Add(member, type, WriteKind.Headers, new SiteFacts(WriteFacts.Store, source), site);
                }
            }
            else if (kind == StateWriteKind.CollectionMutation)
            {
                if (IsReflectionMemo(type))
                {
                    return;
                }

                // A read-through cache of shared data and a pool of channels or clients belong to the process; a value fetched
                // from a source of truth (a database, a device, an API) is a cache a cold replica refills, even when it is
                // kept per client. Only data no other store has is client state.
                var identity = _identity.Find(write, reference);
                if (IsRefill(write, member) || identity is null && (_classifier.IsMemoryCache(type) || IsResourcePool(type)))
                {
                    return;
                }

                var facts = IsMemoWrite(write) ? WriteFacts.Memo : IsRegistry(type, throughInterfaces: false) ? WriteFacts.Registry
                    : CacheAside.KeepsInStepWithStore(write, _resources) ? WriteFacts.InStep : WriteFacts.Store;
                Add(member, type, WriteKind.Mutation, new SiteFacts(facts, identity), site);
            }
            else
            {
                // Services, clients and configuration objects (a reloaded ServerConfiguration) belong to the process.
                if (isReadOnly || IsServiceType(type) || _resources.IsProcessResource(type))
                {
                    return;
                }

                // _products ??= Load(); if (_rates is null) _rates = Fetch(): a process-wide value computed once on first use.
                // _countries = await Download(): a cache a cold replica refills. (A flag latched to true is judged in IsState.)
                var identity = _identity.Find(write, reference);
                if (identity is null && (IsRefill(write, member) || IsLazyInitialization(write, member)))
                {
                    return;
                }

                // Replacing a set of providers, or a configuration object, is a registry write: state only when handler code does it.
                var facts = IsRegistry(type, throughInterfaces: true) || ConfigurationTypes.IsConfigurationType(type) ? WriteFacts.Registry : WriteFacts.Store;
                var latch = write is ISimpleAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: true } };
                Add(member, type, WriteKind.Assignment, new SiteFacts(facts, identity, latch), site);
            }
        }

        /// <summary>A cache-aside write (<see cref="CacheAside.IsRecomputed"/>); remembers that a miss refills the member.</summary>
        private bool IsRefill(IOperation write, ISymbol member)
        {
            if (!CacheAside.IsRecomputed(write, _resources))
            {
                return false;
            }

            _refilled.TryAdd(member.OriginalDefinition, true);
            return true;
        }

        public void Report(CompilationAnalysisContext context)
        {
            var reported = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var registered in _registrations.Types)
            {
                Report(context, registered, singleton: true, reported);
            }

            foreach (var registered in _registrations.OtherServices)
            {
                Report(context, registered, singleton: false, reported);
            }
        }

        private void Report(CompilationAnalysisContext context, INamedTypeSymbol registered, bool singleton, HashSet<ISymbol> reported)
        {
            if (_exemptions.IsExempt(registered))
            {
                return;
            }

            foreach (var type in TypeHierarchy.BaseTypesAndSelf(registered))
            {
                var current = type.OriginalDefinition;
                if (current.Locations.IsEmpty || !current.Locations[0].IsInSource)
                {
                    break;
                }

                foreach (var member in current.GetMembers())
                {
                    // Scoped and transient instances live for one request or less; only their statics outlive it.
                    if (!singleton && !member.IsStatic
                        || !_findings.TryGetValue(member, out var finding)
                        || _exemptions.IsExempt(member)
                        || !finding.IsStore && finding.Identity is null
                        || !IsState(member, context.CancellationToken, out var identity))
                    {
                        continue;
                    }

                    // A static keyed by request identity is reported by STL1002 at the write; report it once.
                    if (member.IsStatic && identity is not null || GeneratedCode.IsGeneratedDeclaration(member, context.Options) || !reported.Add(member))
                    {
                        continue;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.STL1003_SingletonKeepsPerClientState,
                        member.Locations[0],
                        (singleton ? "Singleton '" : "Service '") + registered.Name + "'",
                        finding.Describe(),
                        (member.IsStatic ? "static " : string.Empty) + (member is IPropertySymbol ? "property '" : "field '") + member.Name + "'",
                        finding.Kind == WriteKind.Headers
                            ? " from '" + identity + "'"
                            : identity is null ? string.Empty : " keyed or filled by request identity '" + identity + "', so it is per-client state",
                        finding.Kind == WriteKind.Headers ? Descriptors.SharedHeadersConsequence : Descriptors.SingletonStateConsequence));
                }
            }
        }

        /// <summary>
        /// Records a write and where it sits. Most members are written the same way many times: a write that adds
        /// nothing to what is known (already a store, identity already found, site already seen) returns after lock-free lookups.
        /// </summary>
        private void Add(ISymbol member, ITypeSymbol type, WriteKind kind, SiteFacts facts, StartupReachability.CodeSite site)
        {
            var key = member.OriginalDefinition;
            var identity = facts.Identity;
            var isStore = facts.Kind != WriteFacts.Memo;
            var sites = _sites.GetOrAdd(key, static _ => new ConcurrentDictionary<StartupReachability.CodeSite, SiteFacts>());
            sites.AddOrUpdate(site, facts, (_, existing) => existing.Merge(facts));

            if (_findings.TryGetValue(key, out var known) && (known.IsStore || !isStore) && (known.Identity is not null || identity is null))
            {
                return;
            }

            _findings.AddOrUpdate(
                key,
                new Finding(type, kind, identity, isStore),
                (_, existing) => existing.IsStore || !isStore
                    ? new Finding(existing.Type, existing.Kind, existing.Identity ?? identity, existing.IsStore)
                    : new Finding(type, kind, existing.Identity ?? identity, isStore: true));
        }

        /// <summary>
        /// Whether the member's writes make it state: a store (or identity-keyed) write that does not run only at startup,
        /// and that handler code reaches or that carries request identity. <paramref name="identity"/> is what the message names.
        /// </summary>
        private bool IsState(ISymbol member, System.Threading.CancellationToken cancellationToken, out string? identity)
        {
            identity = null;
            if (!_sites.TryGetValue(member, out var sites))
            {
                return false;
            }

            // A flag only ever set to true after construction latches once (a lazy load done, a warning logged): not state.
            if (sites.Values.All(f => f.SetsTrue && f.Identity is null))
            {
                return false;
            }

            var state = false;
            foreach (var pair in sites.OrderBy(p => p.Key.Member?.ToDisplayString(), StringComparer.Ordinal).ThenBy(p => p.Key.InHandlerDelegate).ThenBy(p => p.Key.InCallback))
            {
                var facts = pair.Value;
                if (facts.Kind == WriteFacts.Memo && facts.Identity is null || facts.Kind == WriteFacts.InStep && facts.Identity is null && _refilled.ContainsKey(member))
                {
                    continue;
                }

                // Startup code configures. Without request identity a write is state when handler code reaches it, or when
                // it is public surface no code here calls (other assemblies' handlers do); callbacks and background loops
                // and registries that no handler fills are not.
                var reach = _reach.ReachOf(pair.Key, cancellationToken);
                var isState = reach != CodeReach.Startup
                    && (facts.Identity is not null
                        || reach == CodeReach.Handler
                        || reach == CodeReach.Uncalled && facts.Kind >= WriteFacts.InStep);
                if (!isState)
                {
                    continue;
                }

                state = true;
                identity ??= facts.Identity;
            }

            return state;
        }

        /// <summary>
        /// <c>GetOrAdd</c>/<c>GetOrCreate</c>: memoisation, a value computed from its key. A collection written only this
        /// way, with no request identity, is a process-wide memo that a cold replica rebuilds.
        /// </summary>
        private static bool IsMemoWrite(IOperation write) =>
            write is IInvocationOperation { TargetMethod.Name: "GetOrAdd" or "GetOrCreate" or "GetOrCreateAsync" };

        /// <summary>
        /// A dictionary keyed by <c>Type</c>, <c>MemberInfo</c> or <c>Assembly</c>: a process-wide memo of reflection
        /// results, the same on every replica.
        /// </summary>
        private bool IsReflectionMemo(ITypeSymbol type) =>
            type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 2 } named && TypeHierarchy.IsOrInheritsFromAny(named.TypeArguments[0], _memoKeyTypes);

        /// <summary>
        /// A collection or array of delegates, types or services (interfaces): a registry of handlers, plugins or
        /// providers, filled the same way on every replica at startup. It is state only when handler code adds to it.
        /// </summary>
        private bool IsRegistry(ITypeSymbol type, bool throughInterfaces)
        {
            var element = type switch
            {
                IArrayTypeSymbol array => array.ElementType,
                INamedTypeSymbol { IsGenericType: true } named => named.TypeArguments[named.TypeArguments.Length - 1],
                _ => null,
            };

            // Delegates, types, and services (interfaces: the resolvers, providers and rules an application host hands over).
            return element is not null
                && (element.TypeKind == TypeKind.Delegate || throughInterfaces && element.TypeKind == TypeKind.Interface || TypeHierarchy.IsOrInheritsFromAny(element, _memoKeyTypes)
                    || element is INamedTypeSymbol { IsGenericType: true } && IsRegistry(element, throughInterfaces));
        }

        /// <summary>A collection of clients, connections or channels (see <see cref="ProcessResources"/>).</summary>
        private bool IsResourcePool(ITypeSymbol type)
        {
            var element = type is INamedTypeSymbol { IsGenericType: true } named ? named.TypeArguments[named.TypeArguments.Length - 1] : null;

            // Lazy<HttpMessageInvoker>, Task<IConnection>: a handle created on first use; IList<FileSystemWatcher>: several per key.
            while (element is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } wrapper
                && (wrapper.Name is "Lazy" or "Task" or "ValueTask" || _classifier.IsMutableStateType(wrapper)))
            {
                element = wrapper.TypeArguments[0];
            }

            // (InstallationInfo Info, CancellationTokenSource Token): work in progress that this process can cancel.
            if (element is INamedTypeSymbol { IsTupleType: true } tuple)
            {
                foreach (var field in tuple.TupleElements)
                {
                    if (_resources.IsProcessResource(field.Type))
                    {
                        return true;
                    }
                }
            }

            return _resources.IsProcessResource(element);
        }

        // The cache interfaces are not generic: the type's definition implements them exactly when the type does,
        // and the definition's interface set is computed once rather than substituted for each constructed type.

        private bool IsServiceType(ITypeSymbol type)
        {
            if (type.TypeKind is TypeKind.Delegate || type.SpecialType == SpecialType.System_Object)
            {
                return true;
            }

            if (type.TypeKind == TypeKind.Interface && !_classifier.IsMutableStateType(type))
            {
                return true;
            }

            foreach (var prefix in ServiceNamespaces)
            {
                if (NamespaceNames.IsOrIsInside(type.ContainingNamespace, prefix))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>x ??= value</c>, or <c>x = value</c> guarded by <c>if (x == null)</c>/<c>if (x is null)</c> on the same member.
        /// </summary>
        private static bool IsLazyInitialization(IOperation write, ISymbol member)
        {
            if (write is ICoalesceAssignmentOperation)
            {
                return true;
            }

            var depth = 0;
            for (var current = write.Parent; current is not null && depth < 4; current = current.Parent, depth++)
            {
                if (current is IConditionalOperation conditional)
                {
                    return conditional.WhenTrue.Syntax.Span.Contains(write.Syntax.Span) && TestsForNull(conditional.Condition, member);
                }
            }

            return false;
        }

        private static bool TestsForNull(IOperation condition, ISymbol member)
        {
            foreach (var node in condition.DescendantsAndSelf())
            {
                IOperation? tested = node switch
                {
                    IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals, RightOperand: var right, LeftOperand: var left } when right.ConstantValue is { HasValue: true, Value: null } => left,
                    IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } pattern => pattern.Value,
                    _ => null,
                };

                tested = tested.WithoutConversions();

                var testedMember = tested switch
                {
                    IFieldReferenceOperation field => (ISymbol)field.Field,
                    IPropertyReferenceOperation property => property.Property,
                    _ => null,
                };

                if (testedMember is not null && SymbolEqualityComparer.Default.Equals(testedMember.OriginalDefinition, member.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// What one write says about its member, weakest first (two writes at one site say what the stronger says): a memo
    /// (<c>GetOrAdd</c>), an addition to a registry of types, delegates or services, a store of data.
    /// </summary>
    private enum WriteFacts
    {
        Memo,
        Registry,

        /// <summary>An eviction or write-through (<see cref="CacheAside.KeepsInStepWithStore"/>): a store unless a miss refills the member.</summary>
        InStep,
        Store,
    }

    /// <summary>What the writes at one site say: their kind, the request identity they carry, whether they only set a flag to true.</summary>
    private sealed class SiteFacts
    {
        public SiteFacts(WriteFacts kind, string? identity, bool setsTrue = false)
        {
            Kind = kind;
            Identity = identity;
            SetsTrue = setsTrue;
        }

        public WriteFacts Kind { get; }

        public string? Identity { get; }

        /// <summary>Every write here sets the member to <c>true</c>: with no other write, a flag that latches once (<c>_initialized = true</c>).</summary>
        public bool SetsTrue { get; }

        /// <summary>What two writes at one site say together: the stronger kind, the identity first in ordinal order.</summary>
        public SiteFacts Merge(SiteFacts other)
        {
            // The identity the message names must not depend on which write a thread recorded first.
            var identity = Identity is null ? other.Identity
                : other.Identity is null ? Identity
                : string.CompareOrdinal(Identity, other.Identity) <= 0 ? Identity : other.Identity;
            return new SiteFacts(Kind > other.Kind ? Kind : other.Kind, identity, SetsTrue && other.SetsTrue);
        }
    }

    private enum WriteKind
    {
        Mutation,
        Assignment,
        Headers,
    }

    /// <summary>What is known about one member's writes; the message text is built only for members that are reported.</summary>
    private sealed class Finding
    {
        public Finding(ITypeSymbol type, WriteKind kind, string? identity, bool isStore)
        {
            Type = type;
            Kind = kind;
            Identity = identity;
            IsStore = isStore;
        }

        /// <summary>False while every write seen is memoisation (<c>GetOrAdd</c>).</summary>
        public bool IsStore { get; }

        /// <summary>The member's type as written (the message names it).</summary>
        public ITypeSymbol Type { get; }

        /// <summary>How the member is written: its collection changed, the member reassigned, or an HttpClient's default headers set.</summary>
        public WriteKind Kind { get; }

        public string? Identity { get; }

        public string Describe()
        {
            var display = Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            return Kind switch
            {
                WriteKind.Mutation => "a mutable " + display + " changed after construction",
                WriteKind.Headers => "per-call default request headers on the shared " + display,
                _ => "state of type " + display + " assigned after construction",
            };
        }
    }
}
