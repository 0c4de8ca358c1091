using System;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Meter_reports_verifications_by_outcome_rotations_reuse_and_revocations()
    {
        var measurements = new ConcurrentQueue<(string Instrument, long Value, string? Tag)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RuntimeTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? tag = null;
            foreach (var t in tags)
            {
                tag = $"{t.Key}={t.Value}";
            }

            measurements.Enqueue((instrument.Name, value, tag));
        });
        listener.Start();

        using var keys = new Keys();
        var verifier = keys.Verifier();
        await verifier.VerifyAsync(keys.Es256(keys.Claims()));
        await verifier.VerifyAsync("garbage");
        var rotator = new RefreshTokenRotator(new InMemoryRefreshTokenStore(), new RefreshTokenOptions(), keys.Time);
        var issued = await rotator.IssueAsync("telemetry-subject");
        await rotator.RotateAsync(issued);
        await rotator.RotateAsync(issued);
        await new InMemoryJtiDenylist(keys.Time).RevokeAsync("telemetry-jti", keys.Time.GetUtcNow());
        keys.Ring.Revoke("rsa-1");

        // Other tests run in parallel on the same static meter: look for our measurements, not exact totals.
        Assert.Contains(measurements, m => m.Instrument == "stateless.token.verifications" && m.Tag == "outcome=None");
        Assert.Contains(measurements, m => m.Instrument == "stateless.token.verifications" && m.Tag == "outcome=Malformed");
        Assert.Contains(measurements, m => m.Instrument == "stateless.refresh.rotations" && m.Tag == "outcome=Rotated");
        Assert.Contains(measurements, m => m.Instrument == "stateless.refresh.rotations" && m.Tag == "outcome=ReuseDetected");
        Assert.Contains(measurements, m => m.Instrument == "stateless.refresh.reuse_detections");
        Assert.Contains(measurements, m => m.Instrument == "stateless.revocations" && m.Tag == "kind=jti");
        Assert.Contains(measurements, m => m.Instrument == "stateless.revocations" && m.Tag == "kind=key");
        Assert.Contains(measurements, m => m.Instrument == "stateless.revocations" && m.Tag == "kind=family");
    }

    [Fact]
    public void Key_revocation_is_logged()
    {
        var logger = new ListLogger();
        var ring = new SigningKeyRing(TimeProvider.System, logger);
        ring.Add(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]) { KeyId = "leaked" });
        ring.Revoke("leaked");

        var entry = Assert.Single(logger.Entries, e => e.Id == RuntimeEvents.KeyRevoked);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, entry.Level);
        Assert.Contains("leaked", entry.Message, StringComparison.Ordinal);
    }
}
