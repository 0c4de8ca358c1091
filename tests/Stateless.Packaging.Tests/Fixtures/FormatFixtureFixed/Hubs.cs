using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;

namespace FormatFixture;

public class StatusHub : Hub
{
    private static readonly ImmutableArray<string> Levels = new List<string>() { "ok", "degraded", "down" }.ToImmutableArray();

    public string Level(int index) => Levels[index];
}
