using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace Stateless.Runtime;

/// <summary>
/// The metrics of Stateless.Runtime, on the <see cref="System.Diagnostics.Metrics.Meter"/> named
/// <c>Stateless.Runtime</c> (listen with <c>dotnet-counters monitor --counters Stateless.Runtime</c> or OpenTelemetry's
/// <c>AddMeter("Stateless.Runtime")</c>).
/// </summary>
public static class RuntimeTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Stateless.Runtime";

    internal static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Access-token verifications, tagged <c>outcome</c> with the <see cref="TokenFailure"/> name (<c>None</c> when valid).</summary>
    internal static readonly Counter<long> Verifications = Meter.CreateCounter<long>("stateless.token.verifications", "{verification}", "Access-token verifications by outcome");

    /// <summary>Revocations, tagged <c>kind</c>: <c>jti</c>, <c>key</c>, <c>family</c>, <c>subject</c>.</summary>
    internal static readonly Counter<long> Revocations = Meter.CreateCounter<long>("stateless.revocations", "{revocation}", "Revocations of access tokens, signing keys and refresh-token families");

    /// <summary>Refresh-token rotations, tagged <c>outcome</c> with the <see cref="RefreshStatus"/> name.</summary>
    internal static readonly Counter<long> Rotations = Meter.CreateCounter<long>("stateless.refresh.rotations", "{rotation}", "Refresh-token rotation attempts by outcome");

    /// <summary>Refresh-token reuse detections (each revoked a family).</summary>
    internal static readonly Counter<long> ReuseDetections = Meter.CreateCounter<long>("stateless.refresh.reuse_detections", "{detection}", "Rotated refresh tokens presented again");

    /// <summary>Signing keys retired.</summary>
    internal static readonly Counter<long> KeyRetirements = Meter.CreateCounter<long>("stateless.keys.retirements", "{key}", "Signing keys retired");

    internal static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
}
