using Microsoft.AspNetCore.SignalR;

namespace StatelessShop.Hubs;

/// <summary>Chat without a static user list; with Redis configured, the backplane reaches clients on every replica.</summary>
public class ChatHub : Hub
{
    public Task Send(string message) =>
        Clients.All.SendAsync("message", Context.UserIdentifier ?? "guest", message);
}
