using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Handlers;

/// <summary>
/// The process-state rules' one answer to "is every caller of this write startup code; is it reachable from a
/// handler?" (STL1001–STL1005). Startup code is top-level statements and <c>Main</c>, methods taking an
/// <c>IServiceCollection</c>, <c>IApplicationBuilder</c>, <c>IEndpointRouteBuilder</c>, <c>WebApplication(Builder)</c>
/// or host builder (<c>Startup.Configure*</c> and every extension method of those types), <c>IStartupFilter.Configure</c>,
/// <c>IHostedService.StartAsync</c>, static constructors and <c>[ModuleInitializer]</c> methods. Other methods are
/// judged by their callers in the compilation, found through <see cref="CallSiteIndex"/> (calls through an interface or
/// a base method count), up to <see cref="MaxDepth"/> calls deep. Lambdas in startup code count as startup only when
/// they are handed to a configuration API (a service factory, an options callback); any other callback may run
/// later and is Unknown. One instance per compilation; bound call sites are cached per method, answers per query.
/// STL1002 and STL1003 follow callers; STL1001, which runs as the user types, asks only <see cref="IsStartupCode"/>.
/// </summary>
internal sealed partial class StartupReachability
{
    private const int MaxDepth = 6;
    private const int MaxSitesPerName = 400;

    private static readonly ConditionalWeakTable<Compilation, StartupReachability> Shared = new();

    private readonly Compilation _compilation;
    private readonly HandlerRecognizer _recognizer;
    private readonly MetadataNameSet _builderTypes = new(MetadataNames.StartupBuilderTypes);
    private readonly INamedTypeSymbol? _startupFilter;
    private readonly INamedTypeSymbol? _hostedService;
    private readonly INamedTypeSymbol? _hostedLifecycleService;
    private readonly INamedTypeSymbol? _moduleInitializer;
    private readonly ConcurrentDictionary<IMethodSymbol, CodeReach> _reach = ConcurrentCache.Create<IMethodSymbol, CodeReach>(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Callers> _callers = ConcurrentCache.Create<IMethodSymbol, Callers>(SymbolEqualityComparer.Default);
    private readonly CallSiteIndex _index;

    private StartupReachability(Compilation compilation, HandlerRecognizer recognizer)
    {
        _compilation = compilation;
        _index = CallSiteIndex.Build(compilation);
        _recognizer = recognizer;
        var types = WellKnownTypes.GetOrCreate(compilation);
        _startupFilter = types.Get(MetadataNames.StartupFilter);
        _hostedService = types.Get(MetadataNames.HostedService);
        _hostedLifecycleService = types.Get(MetadataNames.HostedLifecycleService);
        _moduleInitializer = types.Get(MetadataNames.ModuleInitializerAttribute);
    }

    /// <summary>The instance shared by every rule analysing this compilation.</summary>
    public static StartupReachability GetOrCreate(Compilation compilation, AnalyzerOptions options) =>
        Shared.GetValue(compilation, c => new StartupReachability(c, HandlerRecognizer.GetOrCreate(c, options)));

    /// <summary>
    /// Who runs <paramref name="operation"/>, found in <paramref name="containingSymbol"/> (the symbol an operation
    /// action reports as containing it): a handler delegate around it, else the method's callers.
    /// </summary>
    public CodeReach ReachOf(IOperation operation, ISymbol? containingSymbol, CancellationToken cancellationToken) =>
        ReachOf(Locate(operation, containingSymbol, cancellationToken), cancellationToken);

    /// <summary>
    /// Where <paramref name="operation"/> sits, without following callers: cheap enough for every write an operation
    /// action sees; <see cref="ReachOf(CodeSite, CancellationToken)"/> follows the callers later, for the few that matter.
    /// </summary>
    public CodeSite Locate(IOperation operation, ISymbol? containingSymbol, CancellationToken cancellationToken)
    {
        // A handler delegate (route handler, middleware) around the code: it runs per request.
        if (_recognizer.GetEnclosingHandlerDelegate(operation, cancellationToken).IsHandler)
        {
            return new CodeSite(containingSymbol, inHandlerDelegate: true, inCallback: false);
        }

        var member = containingSymbol;
        while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            member = member.ContainingSymbol;
        }

        // A lambda that is not handed to a configuration API (a service factory, an options callback) is a callback
        // that may run at any later time: an event subscription, a timer.
        var inCallback = false;
        for (var current = operation.Parent; current is not null && !inCallback; current = current.Parent)
        {
            inCallback = current is IAnonymousFunctionOperation lambda && !IsConfigurationCallback(lambda);
        }

        return new CodeSite(member, inHandlerDelegate: false, inCallback);
    }

    /// <summary>
    /// True when <paramref name="operation"/> is startup code by its own method alone (a static constructor, <c>Main</c>, a
    /// method taking a builder, outside any callback), without following callers: the cheap question for rules that run
    /// as the user types.
    /// </summary>
    public bool IsStartupCode(IOperation operation, ISymbol? containingSymbol, CancellationToken cancellationToken)
    {
        var site = Locate(operation, containingSymbol, cancellationToken);
        return !site.InHandlerDelegate && !site.InCallback
            && (site.Member is IMethodSymbol method ? IsStartupMethod(method) : site.Member is { IsStatic: true });
    }

    /// <summary>Who runs the code at <paramref name="site"/>.</summary>
    public CodeReach ReachOf(CodeSite site, CancellationToken cancellationToken)
    {
        var visiting = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        return ReachOfSite(site, visiting, 0, cancellationToken).Reach;
    }

    /// <summary>True for code that configures the application: it runs once per process, before requests are served.</summary>
    public bool IsStartupMethod(IMethodSymbol method)
    {
        switch (method.MethodKind)
        {
            case MethodKind.StaticConstructor:
                return true;
            case MethodKind.Ordinary when method.IsStatic && (method.Name is "Main" or "<Main>$" || SymbolAttributes.HasAttribute(method, _moduleInitializer, inherit: false)):
                return true;
        }

        foreach (var parameter in method.Parameters)
        {
            if (IsBuilderType(parameter.Type))
            {
                return true;
            }
        }

        return method.Name switch
        {
            "Configure" => Implements(method, _startupFilter),
            "StartAsync" => Implements(method, _hostedService),
            "StartingAsync" or "StartedAsync" => Implements(method, _hostedLifecycleService),
            _ => false,
        };
    }

    private Result ReachOfSite(CodeSite site, HashSet<IMethodSymbol> visiting, int depth, CancellationToken cancellationToken)
    {
        if (site.InHandlerDelegate)
        {
            return Result.Handler;
        }

        var member = site.Member;
        var result = member switch
        {
            IMethodSymbol method => ReachOfMethod(method, visiting, depth, cancellationToken),

            // Field and property initializers: static ones run once per process; a handler's instance ones per request.
            _ when member?.ContainingType is { } type && _recognizer.IsHandlerType(type) && !member.IsStatic => Result.Handler,
            _ when member is { IsStatic: true } => Result.Startup,
            _ => Result.Unknown,
        };

        // A callback registered by startup code runs later, at a time the compilation does not show.
        return result.Reach == CodeReach.Startup && site.InCallback ? new Result(CodeReach.Unknown, result.CutCycle) : result;
    }

    /// <summary>
    /// Answers are cached only for the method a query starts from: inside a search, a cached answer of a caller would
    /// have been found with a different depth budget, and reading it would make the result depend on the order in which
    /// concurrent callbacks asked. The expensive part, binding the call sites, is cached per method in
    /// <see cref="CallersOf"/>.
    /// </summary>
    private Result ReachOfMethod(IMethodSymbol method, HashSet<IMethodSymbol> visiting, int depth, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (depth == 0 && _reach.TryGetValue(method, out var known))
        {
            return new Result(known, cutCycle: false);
        }

        var result = Judge(method, visiting, depth, cancellationToken);
        if (depth == 0)
        {
            _reach.TryAdd(method, result.Reach);
        }

        return result;
    }

    private Result Judge(IMethodSymbol method, HashSet<IMethodSymbol> visiting, int depth, CancellationToken cancellationToken)
    {
        if (IsStartupMethod(method))
        {
            return Result.Startup;
        }

        var inHandlerType = _recognizer.IsHandlerType(method.ContainingType);

        // Actions, hub methods, Invoke/InvokeAsync, Handle/Consume: what the framework calls per request.
        if (inHandlerType && method.DeclaredAccessibility == Accessibility.Public && !method.IsStatic)
        {
            return Result.Handler;
        }

        // Implementations of ASP.NET Core's own extension points (ITicketStore, IAuthorizationHandler, IClaimsTransformation)
        // are called by the framework while it serves requests.
        if (MethodDispatch.ImplementsLibraryInterface(method, aspNetCoreOnly: true))
        {
            return Result.Handler;
        }

        if (depth >= MaxDepth || !visiting.Add(method))
        {
            return new Result(CodeReach.Unknown, cutCycle: true);
        }

        try
        {
            return JudgeByCallers(method, inHandlerType, visiting, depth, cancellationToken);
        }
        finally
        {
            visiting.Remove(method);
        }
    }

    /// <summary>A method that is neither startup code nor a handler entry point: what its callers are.</summary>
    private Result JudgeByCallers(IMethodSymbol method, bool inHandlerType, HashSet<IMethodSymbol> visiting, int depth, CancellationToken cancellationToken)
    {
        var sawStartup = false;
        var sawUnknown = false;
        var cutCycle = false;
        var sawCaller = false;
        var callers = CallersOf(method, cancellationToken);
        if (callers.TooMany)
        {
            return Result.Unknown;
        }

        if (callers.HandlerCallback)
        {
            return Result.Handler;
        }

        sawUnknown |= callers.UnknownCallback;
        sawCaller |= callers.UnknownCallback;

        foreach (var site in callers.Sites)
        {
            sawCaller = true;
            var reach = ReachOfSite(site, visiting, depth + 1, cancellationToken);
            cutCycle |= reach.CutCycle;
            switch (reach.Reach)
            {
                case CodeReach.Handler:
                    return new Result(CodeReach.Handler, cutCycle: false);
                case CodeReach.Startup:
                    sawStartup = true;
                    break;
                case CodeReach.Uncalled:
                    // The caller is public surface with no caller here: this method is its machinery, run at times
                    // the compilation does not show.
                    sawUnknown = true;
                    break;
                default:
                    sawUnknown |= !reach.CutCycle;
                    break;
            }
        }

        if (!sawCaller)
        {
            // A helper of a handler type with no caller seen is still the handler's code. An override or implementation
            // of a library's member (BackgroundService.ExecuteAsync, a timer callback interface) is called by that
            // library at times the compilation does not show; anything else is public surface for other assemblies.
            return inHandlerType ? Result.Handler
                : MethodDispatch.OverridesLibraryMethod(method) || MethodDispatch.ImplementsLibraryInterface(method, aspNetCoreOnly: false) || method.DeclaredAccessibility != Accessibility.Public ? Result.Unknown
                : new Result(CodeReach.Uncalled, cutCycle: false);
        }

        var combined = !sawUnknown && sawStartup ? CodeReach.Startup : CodeReach.Unknown;
        return new Result(combined, cutCycle);
    }

    private bool IsBuilderType(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        return _builderTypes.ContainsSelfOrBase(named) || _builderTypes.ContainsInterfaceOf(named);
    }

    private static bool Implements(IMethodSymbol method, INamedTypeSymbol? interfaceType) =>
        interfaceType is not null && method.ContainingType is { } type && TypeHierarchy.Implements(type, interfaceType);

    /// <summary>Where a write sits: its member (lambdas and local functions folded into it) and what surrounds it.</summary>
    internal readonly struct CodeSite : System.IEquatable<CodeSite>
    {
        public CodeSite(ISymbol? member, bool inHandlerDelegate, bool inCallback)
        {
            Member = member;
            InHandlerDelegate = inHandlerDelegate;
            InCallback = inCallback;
        }

        public ISymbol? Member { get; }

        public bool InHandlerDelegate { get; }

        public bool InCallback { get; }

        public bool Equals(CodeSite other) =>
            SymbolEqualityComparer.Default.Equals(Member, other.Member) && InHandlerDelegate == other.InHandlerDelegate && InCallback == other.InCallback;

        public override bool Equals(object? obj) => obj is CodeSite other && Equals(other);

        public override int GetHashCode() =>
            (SymbolEqualityComparer.Default.GetHashCode(Member) * 4) + (InHandlerDelegate ? 2 : 0) + (InCallback ? 1 : 0);
    }

    private readonly struct Result
    {
        public static readonly Result Handler = new(CodeReach.Handler, cutCycle: false);
        public static readonly Result Startup = new(CodeReach.Startup, cutCycle: false);
        public static readonly Result Unknown = new(CodeReach.Unknown, cutCycle: false);

        public Result(CodeReach reach, bool cutCycle)
        {
            Reach = reach;
            CutCycle = cutCycle;
        }

        public CodeReach Reach { get; }

        /// <summary>True when a caller was left out because it was already being judged (a cycle) or too deep: such an unknown does not count against startup.</summary>
        public bool CutCycle { get; }
    }
}
