namespace Stateless.Testing;

/// <summary>Replays scenarios against a fleet and compares them with a single-replica baseline.</summary>
public static class StatelessAssertions
{
    /// <summary>Throws <see cref="StatelessAssertionException"/> unless every schedule reproduces the baseline.</summary>
    /// <param name="fleet">The fleet.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">Schedules and comparison; default <see cref="StatelessCheckOptions"/>.</param>
    /// <param name="cancellationToken">Cancels the replays.</param>
    /// <returns>The passing report.</returns>
    public static async Task<StatelessReport> AssertStatelessAsync(
        this IReplicaFleet fleet, Scenario scenario, StatelessCheckOptions? options = null, CancellationToken cancellationToken = default)
    {
        var report = await fleet.CheckStatelessAsync(scenario, options, cancellationToken).ConfigureAwait(false);
        return report.IsStateless ? report : throw new StatelessAssertionException(report);
    }

    /// <summary>Replays the scenario on one replica (baseline), then under each schedule until a step differs.</summary>
    /// <param name="fleet">The fleet.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">Schedules and comparison; default <see cref="StatelessCheckOptions"/>.</param>
    /// <param name="cancellationToken">Cancels the replays.</param>
    /// <returns>The report.</returns>
    public static async Task<StatelessReport> CheckStatelessAsync(
        this IReplicaFleet fleet, Scenario scenario, StatelessCheckOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new StatelessCheckOptions();
        var baseline = await fleet.ReplayAsync(scenario, FleetSchedule.SingleReplica, options, cancellationToken).ConfigureAwait(false);
        var replays = new List<ReplayResult>();
        foreach (var schedule in options.Schedules)
        {
            var replay = await fleet.ReplayAsync(scenario, schedule, options, cancellationToken).ConfigureAwait(false);
            replays.Add(replay);
            if (FirstDifference(baseline, replay) is { } difference)
            {
                return new StatelessReport(scenario, baseline, replays, difference);
            }
        }

        return new StatelessReport(scenario, baseline, replays, null);
    }

    /// <summary>Resets the fleet (cold replicas, empty shared state) and replays the scenario under one schedule.</summary>
    /// <param name="fleet">The fleet.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="schedule">Routing and fleet actions.</param>
    /// <param name="options">Comparison settings (the normaliser and compared headers shape the snapshots).</param>
    /// <param name="cancellationToken">Cancels the replay.</param>
    /// <returns>Each step's outcome and the trace.</returns>
    public static async Task<ReplayResult> ReplayAsync(
        this IReplicaFleet fleet, Scenario scenario, FleetSchedule schedule, StatelessCheckOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(schedule);
        options ??= new StatelessCheckOptions();
        await fleet.ResetAsync(cancellationToken).ConfigureAwait(false);

        var run = Guid.NewGuid().ToString("N")[..12];
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["run"] = run };
        var normalizer = ResponseNormalizer.Replace(run, "{{run}}").Then(options.Normalizer);
        var churn = schedule.CreateChurn();
        var trace = new List<string>();
        var outcomes = new List<StepOutcome>();
        using var client = fleet.CreateClient(schedule.CreateRouting());
        trace.Add($"routing: {client.Routing.Name}; live: {string.Join(", ", fleet.LiveReplicas)}");

        foreach (var step in scenario.Steps)
        {
            foreach (var action in churn(step.Number, fleet).ToList())
            {
                trace.Add("-- " + await ApplyAsync(fleet, client, action, cancellationToken).ConfigureAwait(false));
            }

            using var request = step.CreateRequest(variables);
            using var response = await client.For(step.Client).SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                headers[name] = string.Join(", ", values);
            }

            var served = client.Log[^1];
            trace.Add(served.ToString());
            var compared = options.CompareHeaders
                .Where(headers.ContainsKey)
                .ToDictionary(h => h, h => normalizer.Normalize(headers[h]), StringComparer.OrdinalIgnoreCase);
            outcomes.Add(new StepOutcome(step, new ResponseSnapshot((int)response.StatusCode, compared, normalizer.Normalize(body)), served));

            var captured = new CapturedResponse((int)response.StatusCode, headers, body);
            foreach (var capture in step.Captures)
            {
                if (capture.Read(captured) is { } value)
                {
                    variables[capture.Variable] = value;
                }
                else
                {
                    variables.Remove(capture.Variable);
                    trace.Add($"   (nothing to capture as {{{{{capture.Variable}}}}} by {capture.Description})");
                }
            }
        }

        return new ReplayResult(schedule, outcomes, trace);
    }

    private static async Task<string> ApplyAsync(IReplicaFleet fleet, FleetClient client, ScheduledAction action, CancellationToken cancellationToken)
    {
        switch (action.Kind)
        {
            case FleetActionKind.Add:
                var added = await fleet.AddReplicaAsync(cancellationToken).ConfigureAwait(false);
                return $"add {added.DisplayName}";
            case FleetActionKind.Kill:
            case FleetActionKind.Restart:
                var target = action.Replica is { } index ? fleet.Replicas[index] : client.LastServed ?? fleet.LiveReplicas[0];
                var before = target.DisplayName;
                if (action.Kind == FleetActionKind.Restart)
                {
                    await fleet.RestartAsync(target.Index, cancellationToken).ConfigureAwait(false);
                    return $"restart {before} -> cold {target.DisplayName}";
                }

                if (!target.IsAlive || fleet.LiveReplicas.Count == 1)
                {
                    return $"kill {before} skipped ({(target.IsAlive ? "last live replica" : "already dead")})";
                }

                await fleet.KillAsync(target.Index).ConfigureAwait(false);
                return $"kill {before}";
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action.Kind, null);
        }
    }

    private static StepDifference? FirstDifference(ReplayResult baseline, ReplayResult replay)
    {
        for (var i = 0; i < baseline.Steps.Count && i < replay.Steps.Count; i++)
        {
            var expected = baseline.Steps[i];
            var actual = replay.Steps[i];
            var differences = new List<string>();
            if (expected.Response.Status != actual.Response.Status)
            {
                differences.Add("status");
            }

            foreach (var name in expected.Response.Headers.Keys.Union(actual.Response.Headers.Keys, StringComparer.OrdinalIgnoreCase))
            {
                expected.Response.Headers.TryGetValue(name, out var e);
                actual.Response.Headers.TryGetValue(name, out var a);
                if (!string.Equals(e, a, StringComparison.Ordinal))
                {
                    differences.Add(name);
                }
            }

            if (!string.Equals(expected.Response.Body, actual.Response.Body, StringComparison.Ordinal))
            {
                differences.Add("body");
            }

            if (differences.Count > 0)
            {
                return new StepDifference(expected.Step, expected, actual, differences);
            }
        }

        return null;
    }
}
