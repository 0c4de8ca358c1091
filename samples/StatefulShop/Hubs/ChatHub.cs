using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace StatefulShop.Hubs;

public class ChatHub : Hub
{
    // Online users known to this replica only.
    private static readonly ConcurrentDictionary<string, string> OnlineUsers = new();

    public override Task OnConnectedAsync()
    {
        OnlineUsers[Context.ConnectionId] = Context.UserIdentifier ?? "guest";
        return base.OnConnectedAsync();
    }

    public Task<int> Online() => Task.FromResult(OnlineUsers.Count);
}
