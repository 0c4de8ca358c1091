using System.Globalization;
using System.Text;

namespace Stateless.Testing;

/// <summary>What <see cref="StatelessAssertions.CheckStatelessAsync"/> replays and compares.</summary>
public sealed class StatelessCheckOptions
{
    /// <summary>The schedules replayed against the fleet, in order, until one exposes a difference. Default: always
    /// different routing; sticky routing with the serving replica restarted before each step; random routing and
    /// churn with seeds 1 and 2.</summary>
    public IList<FleetSchedule> Schedules { get; } = new List<FleetSchedule>
    {
        FleetSchedule.AlwaysDifferent(),
        FleetSchedule.RestartServingReplicaEachStep(),
        FleetSchedule.Random(1),
        FleetSchedule.Random(2),
    };

    /// <summary>Response headers compared besides status and body. Default <c>Content-Type</c>.</summary>
    public IList<string> CompareHeaders { get; } = new List<string> { "Content-Type" };

    /// <summary>Applied to bodies and compared header values before comparison. Default <see cref="ResponseNormalizer.Default"/>.</summary>
    public ResponseNormalizer Normalizer { get; set; } = ResponseNormalizer.Default;
}

/// <summary>A response reduced to what is compared: status, chosen headers, normalised body.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Headers">The compared headers (normalised), absent ones omitted.</param>
/// <param name="Body">The normalised body.</param>
public sealed record ResponseSnapshot(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Status.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(CultureInfo.InvariantCulture, $", {name}: {value}");
        }

        text.Append(", body: ").Append(Body.Length == 0 ? "(empty)" : Body.Length > 400 ? Body[..400] + "…" : Body);
        return text.ToString();
    }
}

/// <summary>One step as a replay ran it.</summary>
/// <param name="Step">The step.</param>
/// <param name="Response">What came back.</param>
/// <param name="ServedBy">Which replica served it.</param>
public sealed record StepOutcome(ScenarioStep Step, ResponseSnapshot Response, RoutedRequest ServedBy);

/// <summary>One replay of a scenario under one schedule.</summary>
/// <param name="Schedule">The schedule.</param>
/// <param name="Steps">Each step's outcome.</param>
/// <param name="Trace">Requests and fleet actions in the order they happened.</param>
public sealed record ReplayResult(FleetSchedule Schedule, IReadOnlyList<StepOutcome> Steps, IReadOnlyList<string> Trace);

/// <summary>The first step whose fleet response differs from the baseline's.</summary>
/// <param name="Step">The step.</param>
/// <param name="Expected">The baseline's response.</param>
/// <param name="Actual">The fleet's response.</param>
/// <param name="Differences">What differs: <c>status</c>, header names, <c>body</c>.</param>
public sealed record StepDifference(ScenarioStep Step, StepOutcome Expected, StepOutcome Actual, IReadOnlyList<string> Differences);

/// <summary>The outcome of checking a scenario against a fleet.</summary>
public sealed class StatelessReport
{
    internal StatelessReport(Scenario scenario, ReplayResult baseline, IReadOnlyList<ReplayResult> replays, StepDifference? difference)
    {
        Scenario = scenario;
        Baseline = baseline;
        Replays = replays;
        Difference = difference;
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>The single-replica replay.</summary>
    public ReplayResult Baseline { get; }

    /// <summary>The fleet replays run, in order; the last one exposed <see cref="Difference"/> if there is one.</summary>
    public IReadOnlyList<ReplayResult> Replays { get; }

    /// <summary>The first differing step of the first failing schedule, or null.</summary>
    public StepDifference? Difference { get; }

    /// <summary>Whether every schedule reproduced the baseline.</summary>
    public bool IsStateless => Difference is null;

    /// <summary>The schedule that exposed the difference, or null.</summary>
    public FleetSchedule? FailingSchedule => Difference is null ? null : Replays[^1].Schedule;

    /// <summary>A readable account: the step, expected vs actual, the schedule and the trace of routing and fleet events.</summary>
    /// <returns>The text.</returns>
    public string Describe()
    {
        var text = new StringBuilder();
        if (Difference is not { } d)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"Scenario \"{Scenario.Name}\" behaved like a single replica under {Replays.Count} schedules: ");
            text.AppendJoin("; ", Replays.Select(r => r.Schedule.ToString()));
            return text.ToString();
        }

        var failing = Replays[^1];
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Scenario \"{Scenario.Name}\" is not stateless: step {d.Step.Number} of {Scenario.Steps.Count} differs from the single-replica baseline ({string.Join(", ", d.Differences)}).");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Schedule: {failing.Schedule}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Step {d.Step.Number}: {d.Step.Client}: {d.Step.Method.Method} {d.Step.Path}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    expected (baseline, replica {d.Expected.ServedBy.Replica}): {d.Expected.Response}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    actual   (fleet, replica {d.Actual.ServedBy.Replica} gen {d.Actual.ServedBy.Generation}): {d.Actual.Response}");
        text.AppendLine("  Trace of the failing replay:");
        foreach (var line in failing.Trace)
        {
            text.Append("    ").AppendLine(line);
        }

        if (Replays.Count > 1)
        {
            text.Append("  Passed before it: ").AppendJoin("; ", Replays.Take(Replays.Count - 1).Select(r => r.Schedule.ToString())).AppendLine();
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Describe();
}

/// <summary>Thrown by <see cref="StatelessAssertions.AssertStatelessAsync"/>; its message is <see cref="StatelessReport.Describe"/>.</summary>
public sealed class StatelessAssertionException : Exception
{
    /// <summary>Creates the exception for a failing report.</summary>
    /// <param name="report">The report.</param>
    public StatelessAssertionException(StatelessReport report)
        : base(report?.Describe())
    {
        Report = report!;
    }

    /// <summary>Creates the exception with a message.</summary>
    public StatelessAssertionException()
        : this("The service is not stateless.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public StatelessAssertionException(string message)
        : base(message)
    {
        Report = null!;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StatelessAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Report = null!;
    }

    /// <summary>The failing report.</summary>
    public StatelessReport Report { get; }
}

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
