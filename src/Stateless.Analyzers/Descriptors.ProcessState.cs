using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor MutableStaticStateInHandler = new(
        DiagnosticIds.MutableStaticStateInHandler,
        title: "Mutable static state in a handler",
        messageFormat: "Static {0} '{1}' in handler '{2}' {3}: it lives in one replica's memory, so a request routed to another replica or after a restart will not see it",
        category: DiagnosticCategories.ProcessState,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A handler must be a pure function of the request and external state. A static field or auto-property that can be written, or that holds a mutable collection, keeps state in one process: kill that replica or route the client to another and the state is gone or different. Keep per-client state in an external store (IDistributedCache, a database, Redis), make constant data static readonly with an immutable type, or document a deliberate, loss-tolerant cache with [AllowProcessState(\"reason\")].",
        helpLinkUri: HelpLink(DiagnosticIds.MutableStaticStateInHandler));
}
