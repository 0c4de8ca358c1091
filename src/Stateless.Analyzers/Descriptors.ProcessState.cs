using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers;

public static partial class Descriptors
{
    /// <summary>STL1002's consequence for static state: who loses it and when.</summary>
    public const string StaticStateConsequence = "the value lives only in this replica's memory, so requests served by other replicas never see it and it is lost when this replica restarts, is scaled in or is replaced by a rolling update";

    /// <summary>STL1003's consequence for per-client singleton state (a write carrying request identity): who loses it and when.</summary>
    public const string SingletonStateConsequence = "one copy per replica holds it, so a client routed to another replica, or arriving after a restart, scale-in or rolling update, does not find it";

    /// <summary>
    /// STL1003's consequence for singleton state that handler code writes without request identity (a counter, a flag, a
    /// shared list): it is not one client's, so the message says what is true of any such write.
    /// </summary>
    public const string SharedSingletonStateConsequence = "each replica holds its own copy, so what handlers write through one replica the others never see, and a restart, scale-in or rolling update loses it";

    /// <summary>STL1001's consequence for a static that code changes at run time: who loses it and when.</summary>
    public const string ChangedStaticConsequence = "it lives in one replica's memory, so a request routed to another replica or after a restart will not see it";

    /// <summary>
    /// STL1001's consequence for a writable or visible mutable static that nothing the analysis sees changes after its
    /// initializer: no state yet, so the message says what could make it state, not that a request loses it.
    /// </summary>
    public const string UnchangedStaticConsequence = "nothing in this type changes it after its initializer, but any code may: make it const, or readonly of an immutable type, so that no later change can turn it into state kept in one replica's memory";

    /// <summary>STL1002/STL1003's consequence for request data put into a shared HttpClient's default headers.</summary>
    public const string SharedHeadersConsequence = "every request this replica serves at the same time sends those headers, so one caller's credentials go out with another caller's calls";

    public static readonly DiagnosticDescriptor STL1001_MutableStaticStateInHandler = new(
        DiagnosticIds.STL1001_MutableStaticStateInHandler,
        title: "Mutable static state in a handler",
        messageFormat: "Static {0} '{1}' in handler '{2}' {3}: {4}",
        category: DiagnosticCategories.ProcessState,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A handler must be a pure function of the request and external state. A static field or auto-property that can be written, or that holds a mutable collection, keeps state in one process: kill that replica or route the client to another and the state is gone or different. Keep per-client state in an external store (IDistributedCache, a database, Redis), make constant data static readonly with an immutable type, or document a deliberate, loss-tolerant cache with [AllowProcessState(\"reason\")].",
        helpLinkUri: HelpLink(DiagnosticIds.STL1001_MutableStaticStateInHandler));

    public static readonly DiagnosticDescriptor STL1000_AllowProcessStateNeedsReason = new(
        DiagnosticIds.STL1000_AllowProcessStateNeedsReason,
        title: "Exception to statelessness needs a reason",
        messageFormat: "[AllowProcessState] on '{0}' has no reason: say why losing this state with its replica keeps every response correct, or move the state to an external store",
        category: DiagnosticCategories.ProcessState,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "[AllowProcessState] silences the process-state rules for state that is deliberately kept in one process, such as a cache that makes sticky routing faster but is correct without it. The reason is the only record of why the state is safe to lose when a replica is killed, scaled in or replaced by a rolling update; an empty or whitespace reason documents nothing.",
        helpLinkUri: HelpLink(DiagnosticIds.STL1000_AllowProcessStateNeedsReason));

    public static readonly DiagnosticDescriptor STL1002_HandlerWritesSharedStaticState = new(
        DiagnosticIds.STL1002_HandlerWritesSharedStaticState,
        title: "Handler writes shared static state",
        messageFormat: "{0} writes static {1} '{2}'{3}: {4}",
        category: DiagnosticCategories.ProcessState,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Code that serves a request or message writes a static field or property declared outside the handler: an assignment, an increment, a compound assignment, a ref pass to Interlocked, or a mutating call or indexer set on a static collection. Static state belongs to one process; with several replicas behind a load balancer every replica keeps a different copy, and killing a replica loses its copy. Keep the state in an external store (IDistributedCache, Redis, a database), or document a loss-tolerant cache with [AllowProcessState(\"reason\")].",
        helpLinkUri: HelpLink(DiagnosticIds.STL1002_HandlerWritesSharedStaticState));

    public static readonly DiagnosticDescriptor STL1003_SingletonKeepsPerClientState = new(
        DiagnosticIds.STL1003_SingletonKeepsPerClientState,
        title: "Singleton service keeps per-client state",
        messageFormat: "{0} keeps {1} in {2}{3}: {4}",
        category: DiagnosticCategories.ProcessState,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A type registered as a singleton (AddSingleton, TryAddSingleton, an instance or a factory, or convention middleware added with UseMiddleware) lives once per process, and so does every static field of a registered service. A mutable collection it changes after construction, or a field it reassigns, is state in one replica's memory: other replicas never see it, and it is gone when the replica is killed. Keep per-client data in IDistributedCache, Redis or a database, register per-request state as scoped, or document a loss-tolerant cache with [AllowProcessState(\"reason\")]. Registrations are collected from the whole project, so the rule reports when the compilation is complete.",
        helpLinkUri: HelpLink(DiagnosticIds.STL1003_SingletonKeepsPerClientState),
        customTags: CompilationEndTag);

    public static readonly DiagnosticDescriptor STL1004_RouteHandlerCapturesMutableState = new(
        DiagnosticIds.STL1004_RouteHandlerCapturesMutableState,
        title: "Route handler captures mutable state",
        messageFormat: "{0} {1} captured {2} '{3}'{4}: the delegate is created once, so every request on this replica shares that {2}, while other replicas and restarted ones have their own empty copy",
        category: DiagnosticCategories.ProcessState,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A minimal-API route handler or middleware delegate is created once when the app starts. A local or parameter of the code around it that the delegate assigns, or a collection held in one that the delegate changes, is shared by every request this process serves and exists in this process only: another replica, or the same one after a restart, starts from scratch. Keep the state in an external store such as IDistributedCache, Redis or a database.",
        helpLinkUri: HelpLink(DiagnosticIds.STL1004_RouteHandlerCapturesMutableState));

    public static readonly DiagnosticDescriptor STL1005_RequestObjectKeptBeyondRequest = new(
        DiagnosticIds.STL1005_RequestObjectKeptBeyondRequest,
        title: "Request object kept beyond its request",
        messageFormat: "{0} is stored in {1} '{2}': it outlives its request, later requests from other clients on this replica see it, and other replicas never do; take it from the current request (handler parameters, IHttpContextAccessor) where it is needed",
        category: DiagnosticCategories.ProcessState,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "HttpContext, HttpRequest, HttpResponse, ISession, ConnectionInfo and the request's ClaimsPrincipal belong to one request. Stored in a static member or a field of a singleton, they outlive the request (ASP.NET Core recycles HttpContext objects), leak one client's identity into other clients' requests, and tie the client to the replica that stored them. Read them per request through handler parameters or IHttpContextAccessor. The rule reports when the compilation is complete because singleton registrations are collected from the whole project.",
        helpLinkUri: HelpLink(DiagnosticIds.STL1005_RequestObjectKeptBeyondRequest),
        customTags: CompilationEndTag);

    public static readonly DiagnosticDescriptor STL1006_ConstantStaticCollectionIsMutable = new(
        DiagnosticIds.STL1006_ConstantStaticCollectionIsMutable,
        title: "Constant static collection has a mutable type",
        messageFormat: "Static {0} '{1}' is never changed, but its type {2} allows it: declare it as {3} so that no later change can turn it into state kept in one replica",
        category: DiagnosticCategories.ProcessState,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A static readonly array or collection in a handler that nothing changes after its initializer is a constant table, not state: every replica builds the same one. Its type still allows in-place changes, and one added line (Summaries[0] = ..., Codes.Add(...)) would make it state that lives in one replica's memory. An ImmutableArray, FrozenSet or FrozenDictionary says the table is constant and keeps it so. A collection that is changed is reported by STL1001 instead.",
        helpLinkUri: HelpLink(DiagnosticIds.STL1006_ConstantStaticCollectionIsMutable));
}
