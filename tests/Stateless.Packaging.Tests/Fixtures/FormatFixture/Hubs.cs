using Microsoft.AspNetCore.SignalR;

namespace FormatFixture;

public class StatusHub : Hub
{
    private static readonly List<string> Levels = new() { "ok", "degraded", "down" };

    public string Level(int index) => Levels[index];
}
