using System.Globalization;
using System.Text;

namespace Stateless.Testing;

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
