using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor STL1101_SharedStateInProcessMemory = new(
        DiagnosticIds.STL1101_SharedStateInProcessMemory,
        title: "Shared state held in process memory",
        messageFormat: "'{0}' backs IDistributedCache and ISession with this replica's memory: with two replicas a session or cache entry written on one is missing on the other, and every restart or deploy empties it",
        category: DiagnosticCategories.ScaleOut,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "AddDistributedMemoryCache registers an IDistributedCache that is not distributed: every replica keeps its own dictionary. Session state, cached tokens and anything else written through IDistributedCache exist only on the replica that wrote them, so a load balancer that sends the next request elsewhere loses them, and a restart or deploy loses all of them. Register a shared cache (Redis, SQL Server, Cosmos DB, NCache) outside development. Reported only when something stores entries in the cache (session state, Microsoft.Identity.Web's distributed token cache, code that takes an IDistributedCache); calls guarded by an environment check and code in test projects are not reported.",
        helpLinkUri: HelpLink(DiagnosticIds.STL1101_SharedStateInProcessMemory));

    public static readonly DiagnosticDescriptor STL1102_DataProtectionKeysNotShared = new(
        DiagnosticIds.STL1102_DataProtectionKeysNotShared,
        title: "Data Protection keys not shared",
        messageFormat: "The Data Protection builder of '{0}' never persists its keys with a PersistKeysTo* method: with two replicas each one creates its own key ring, so auth cookies, antiforgery tokens and TempData protected by one replica cannot be read by the other, and a restart or deploy logs every user out",
        category: DiagnosticCategories.ScaleOut,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Without a key repository Data Protection keeps its key ring in a folder local to the process (or only in memory in a container), so every replica protects cookies, antiforgery tokens and TempData with a different key. Persist the key ring to storage all replicas share (PersistKeysToStackExchangeRedis, PersistKeysToAzureBlobStorage, PersistKeysToDbContext, a shared network folder) and protect it at rest. The rule follows the fluent chain, locals, fields and helpers in the same type that receive the builder.",
        helpLinkUri: HelpLink(DiagnosticIds.STL1102_DataProtectionKeysNotShared));

    public static readonly DiagnosticDescriptor STL1103_SignalRWithoutBackplane = new(
        DiagnosticIds.STL1103_SignalRWithoutBackplane,
        title: "SignalR without a scale-out backplane",
        messageFormat: "The SignalR builder of '{0}' adds no scale-out backplane ({1}): with two replicas a message sent to all clients, a group or a user reaches only the clients connected to the replica that sent it",
        category: DiagnosticCategories.ScaleOut,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A SignalR hub only knows the connections of its own process. Sticky sessions keep each connection on one replica, which is a legitimate and controlled choice, but Clients.All, Clients.Group and Clients.User still reach only the clients of the replica that sends. Add a backplane (AddStackExchangeRedis, AddAzureSignalR) or list your own ISignalRServerBuilder extension in stateless_signalr_backplanes.",
        helpLinkUri: HelpLink(DiagnosticIds.STL1103_SignalRWithoutBackplane));
}
