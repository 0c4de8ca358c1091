using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Handlers;

/// <summary>
/// The one place that decides whether a type is a handler. Created once per compilation; the answer for each
/// type is cached, so rules can ask on every symbol or operation without repeating the walk.
/// All matching is by metadata name.
/// </summary>
internal sealed partial class HandlerRecognizer
{
    private readonly AnalyzerOptions _options;
    private readonly WellKnownTypes _types;
    private readonly INamedTypeSymbol? _controllerBase;
    private readonly INamedTypeSymbol? _apiControllerAttribute;
    private readonly INamedTypeSymbol? _controllerAttribute;
    private readonly INamedTypeSymbol? _nonControllerAttribute;
    private readonly INamedTypeSymbol? _pageModel;
    private readonly INamedTypeSymbol? _hub;
    private readonly INamedTypeSymbol? _hubOfT;
    private readonly INamedTypeSymbol? _httpContext;
    private readonly INamedTypeSymbol? _middlewareInterface;
    private readonly INamedTypeSymbol? _bindServiceMethodAttribute;
    private readonly INamedTypeSymbol? _workerFunctionAttribute;
    private readonly INamedTypeSymbol? _webJobsFunctionNameAttribute;
    private readonly INamedTypeSymbol? _statelessHandlerAttribute;
    private readonly ImmutableArray<INamedTypeSymbol> _messageHandlerInterfaces;
    private readonly INamedTypeSymbol? _massTransitConsumer;
    private readonly ConcurrentDictionary<INamedTypeSymbol, HandlerKind> _cache = ConcurrentCache.ForDefinitions<INamedTypeSymbol, HandlerKind>();
    private readonly ConcurrentDictionary<string, ImmutableArray<INamedTypeSymbol>> _configuredTypes = new(StringComparer.Ordinal);

    private HandlerRecognizer(Compilation compilation, AnalyzerOptions options)
    {
        _options = options;
        _types = WellKnownTypes.GetOrCreate(compilation);
        _controllerBase = _types.Get(MetadataNames.ControllerBase);
        _apiControllerAttribute = _types.Get(MetadataNames.ApiControllerAttribute);
        _controllerAttribute = _types.Get(MetadataNames.ControllerAttribute);
        _nonControllerAttribute = _types.Get(MetadataNames.NonControllerAttribute);
        _pageModel = _types.Get(MetadataNames.PageModel);
        _hub = _types.Get(MetadataNames.Hub);
        _hubOfT = _types.Get(MetadataNames.HubOfT);
        _httpContext = _types.Get(MetadataNames.HttpContext);
        _middlewareInterface = _types.Get(MetadataNames.IMiddleware);
        _bindServiceMethodAttribute = _types.Get(MetadataNames.GrpcBindServiceMethodAttribute);
        _workerFunctionAttribute = _types.Get(MetadataNames.FunctionsWorkerFunctionAttribute);
        _webJobsFunctionNameAttribute = _types.Get(MetadataNames.WebJobsFunctionNameAttribute);
        _statelessHandlerAttribute = _types.Get(MetadataNames.StatelessHandlerAttribute);
        _massTransitConsumer = _types.Get(MetadataNames.MassTransitConsumer);

        var handlers = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in new[] { MetadataNames.MediatRRequestHandler, MetadataNames.MediatRRequestHandlerNoResponse, MetadataNames.MediatRNotificationHandler })
        {
            if (_types.Get(name) is { } type)
            {
                handlers.Add(type);
            }
        }

        _messageHandlerInterfaces = handlers.ToImmutable();
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, HandlerRecognizer> Shared = new();

    public static HandlerRecognizer Create(Compilation compilation, AnalyzerOptions options) => new(compilation, options);

    /// <summary>
    /// The recognizer shared by every rule analysing this compilation with these options, so each type is classified
    /// once per compilation rather than once per analyzer. Falls back to a private instance when another analyzer
    /// was given different options.
    /// </summary>
    public static HandlerRecognizer GetOrCreate(Compilation compilation, AnalyzerOptions options)
    {
        var recognizer = Shared.GetValue(compilation, c => new HandlerRecognizer(c, options));
        return ReferenceEquals(recognizer._options, options) ? recognizer : new HandlerRecognizer(compilation, options);
    }

    /// <summary>The compilation's <c>HttpContext</c> type, if ASP.NET Core is referenced.</summary>
    public INamedTypeSymbol? HttpContextType => _httpContext;

    /// <summary>True when the type, or the type that contains it, serves requests or messages.</summary>
    public bool IsHandlerType(INamedTypeSymbol? type) => GetHandlerKind(type) != HandlerKind.None;

    /// <summary>
    /// The handler kind of a type. A nested type counts as part of its containing handler only if it is
    /// itself a handler; its own statics are judged with the type that declares them.
    /// </summary>
    public HandlerKind GetHandlerKind(INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return HandlerKind.None;
        }

        type = type.OriginalDefinition;
        if (_cache.TryGetValue(type, out var kind))
        {
            return kind;
        }

        kind = Classify(type);
        _cache.TryAdd(type, kind);
        return kind;
    }

    private HandlerKind Classify(INamedTypeSymbol type)
    {
        if (SymbolAttributes.HasAttribute(type, _statelessHandlerAttribute, inherit: true) || HasMemberAttribute(type, _statelessHandlerAttribute))
        {
            return HandlerKind.MarkedHandler;
        }

        if (IsController(type))
        {
            return HandlerKind.Controller;
        }

        if (TypeHierarchy.InheritsFrom(type, _pageModel))
        {
            return HandlerKind.RazorPage;
        }

        if (TypeHierarchy.InheritsFrom(type, _hub) || TypeHierarchy.InheritsFrom(type, _hubOfT))
        {
            return HandlerKind.SignalRHub;
        }

        if (IsMiddlewareClass(type))
        {
            return HandlerKind.MiddlewareClass;
        }

        if (IsGrpcService(type))
        {
            return HandlerKind.GrpcService;
        }

        if (HasMemberAttribute(type, _workerFunctionAttribute) || HasMemberAttribute(type, _webJobsFunctionNameAttribute))
        {
            return HandlerKind.AzureFunction;
        }

        foreach (var handlerInterface in _messageHandlerInterfaces)
        {
            if (TypeHierarchy.Implements(type, handlerInterface))
            {
                return HandlerKind.MediatRHandler;
            }
        }

        if (TypeHierarchy.Implements(type, _massTransitConsumer))
        {
            return HandlerKind.MassTransitConsumer;
        }

        if (IsConfiguredHandler(type))
        {
            return HandlerKind.ConfiguredHandler;
        }

        return HandlerKind.None;
    }

    private bool IsController(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || SymbolAttributes.HasAttribute(type, _nonControllerAttribute, inherit: true))
        {
            return false;
        }

        if (TypeHierarchy.InheritsFrom(type, _controllerBase)
            || SymbolAttributes.HasAttribute(type, _apiControllerAttribute, inherit: true)
            || SymbolAttributes.HasAttribute(type, _controllerAttribute, inherit: true))
        {
            return true;
        }

        // MVC's own discovery convention: a public, top-level, non-abstract, non-generic class whose name ends
        // in "Controller". Only applied where MVC is referenced, so a "GameController" in a console app is not a handler,
        // and only to POCO controllers (no base class but object): a class that derives from a domain type of its own
        // (a game's MapController : MapDescriptor) is that type's kind, not an endpoint someone wrote without a base.
        return _controllerBase is not null
            && type.DeclaredAccessibility == Accessibility.Public
            && type.ContainingType is null
            && !type.IsAbstract
            && !type.IsStatic
            && !type.IsGenericType
            && type.BaseType is null or { SpecialType: SpecialType.System_Object }
            && type.Name.EndsWith("Controller", StringComparison.Ordinal);
    }

    private bool IsMiddlewareClass(INamedTypeSymbol type)
    {
        if (TypeHierarchy.Implements(type, _middlewareInterface))
        {
            return true;
        }

        if (_httpContext is null || type.IsStatic)
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public } method
                && (method.Name == "Invoke" || method.Name == "InvokeAsync")
                && method.Parameters.Length > 0
                && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _httpContext))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsGrpcService(INamedTypeSymbol type)
    {
        if (_bindServiceMethodAttribute is null)
        {
            return false;
        }

        foreach (var current in TypeHierarchy.BaseTypes(type))
        {
            if (SymbolAttributes.HasAttribute(current, _bindServiceMethodAttribute, inherit: false))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsConfiguredHandler(INamedTypeSymbol type)
    {
        if (type.Locations.IsEmpty || type.Locations[0].SourceTree is not { } tree)
        {
            return false;
        }

        var configured = ConfiguredTypes(tree);
        foreach (var candidate in configured)
        {
            if (SymbolEqualityComparer.Default.Equals(type, candidate))
            {
                continue; // the listed base type itself is not a handler; its derived types are
            }

            if (TypeHierarchy.InheritsFrom(type, candidate) || TypeHierarchy.Implements(type, candidate) || SymbolAttributes.HasAttribute(type, candidate, inherit: true))
            {
                return true;
            }
        }

        return false;
    }

    private ImmutableArray<INamedTypeSymbol> ConfiguredTypes(SyntaxTree tree)
    {
        var names = StatelessOptions.HandlerTypes(_options, tree);
        if (names.IsEmpty)
        {
            return ImmutableArray<INamedTypeSymbol>.Empty;
        }

        var key = string.Join(",", names);
        if (_configuredTypes.TryGetValue(key, out var resolved))
        {
            return resolved;
        }

        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in names)
        {
            if (_types.Get(name) is { } symbol)
            {
                builder.Add(symbol);
            }
        }

        resolved = builder.ToImmutable();
        _configuredTypes.TryAdd(key, resolved);
        return resolved;
    }

    private static bool HasMemberAttribute(INamedTypeSymbol type, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol && SymbolAttributes.HasAttribute(member, attributeType, inherit: false))
            {
                return true;
            }
        }

        return false;
    }
}
