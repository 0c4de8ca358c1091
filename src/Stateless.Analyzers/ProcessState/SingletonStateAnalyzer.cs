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
public sealed partial class SingletonStateAnalyzer : FamilyAnalyzer
{
    /// <summary>Methods that run at the start or end of the service's life, not per request.</summary>
    private static readonly NameSet LifecycleMethods = new(
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

    private protected override RuleFamily? Family => RuleFamily.ProcessState;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
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

    private sealed partial class AnalysisState
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
        private readonly ConcurrentDictionary<IPropertySymbol, bool> _autoProperties = ConcurrentCache.ForDefinitions<IPropertySymbol, bool>();

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

        /// <summary>
        /// The member <paramref name="context"/>'s reference names, when it is one STL1003 follows: instance members through
        /// <c>this</c>; static members of the singleton type itself (process-wide just the same), written from its own code
        /// (statics written from other types' code are STL1002's); instance members set from handler code through another
        /// reference (<c>currentUser.UserId = ...</c> in middleware: <paramref name="external"/>).
        /// </summary>
        private static bool TryReadMember(OperationAnalysisContext context, out ISymbol member, out ITypeSymbol type, out INamedTypeSymbol containingType, out bool isReadOnly, out bool external)
        {
            var (found, foundType, instance, readOnly) = context.Operation switch
            {
                IFieldReferenceOperation { Field: { IsConst: false } field } field0 => ((ISymbol)field, field.Type, field0.Instance, field.IsReadOnly),
                IPropertyReferenceOperation { Property: { IsIndexer: false } property } property0 => (property, property.Type, property0.Instance, property.SetMethod is null or { IsInitOnly: true }),
                _ => (null, null, null, false),
            };

            member = found!;
            type = foundType!;
            containingType = found?.ContainingType!;
            isReadOnly = readOnly;
            external = found is { IsStatic: false } && instance is not IInstanceReferenceOperation;
            if (found is null || foundType is null || found.ContainingType is null || found.Locations.IsEmpty || !found.Locations[0].IsInSource
                || (found.IsStatic ? instance is not null : instance is null or IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.ContainingTypeInstance }))
            {
                return false;
            }

            return !found.IsStatic || SymbolEqualityComparer.Default.Equals(context.ContainingSymbol?.ContainingType?.OriginalDefinition, found.ContainingType.OriginalDefinition);
        }

        public void RecordWrite(OperationAnalysisContext context)
        {
            var reference = context.Operation;
            if (!TryReadMember(context, out var member, out var type, out var containingType, out var isReadOnly, out var external))
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
                RecordMutation(member, type, reference, write, site);
            }
            else
            {
                RecordAssignment(member, type, reference, write, site, isReadOnly);
            }
        }

        /// <summary>A collection changed in place (<c>Add</c>, an indexer set, ...).</summary>
        private void RecordMutation(ISymbol member, ITypeSymbol type, IOperation reference, IOperation write, StartupReachability.CodeSite site)
        {
            // An eviction from a memory cache (Remove, Clear) stores nothing, whatever its key: the cache's fills
            // (GetOrCreate*, Set, CreateEntry), which are all seen, decide. A dictionary's eviction stays a sign of a store
            // whose fills may go through helpers this analysis does not recognise (an own AddOrReplace extension).
            if (IsReflectionMemo(type) || CacheAside.IsEviction(write) && _classifier.IsMemoryCache(type))
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

        /// <summary>The member itself assigned (<c>_current = token</c>, <c>_count++</c>).</summary>
        private void RecordAssignment(ISymbol member, ITypeSymbol type, IOperation reference, IOperation write, StartupReachability.CodeSite site, bool isReadOnly)
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
                        finding.Kind == WriteKind.Headers ? Descriptors.SharedHeadersConsequence
                            : identity is null ? Descriptors.SharedSingletonStateConsequence
                            : Descriptors.SingletonStateConsequence));
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

                // Startup code configures. Without request identity a write is state only when handler code in this
                // compilation reaches it (RULES.md, *Where the rules look*): public surface nothing here calls, callbacks,
                // background loops and registries that no handler fills are not reported.
                var reach = _reach.ReachOf(pair.Key, cancellationToken);
                var isState = reach != CodeReach.Startup && (facts.Identity is not null || reach == CodeReach.Handler);
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

    }

    /// <summary>
    /// What one write says about its member, weakest first (two writes at one site say what the stronger says): a memo
    /// (<c>GetOrAdd</c>), an addition to a registry of types, delegates or services, a store of data.
    /// </summary>
}
