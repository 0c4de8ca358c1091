using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace Stateless.Runtime.Benchmarks;

/// <summary>
/// Runs the runtime benchmarks with a short job (one launch, 3 warm-up and 7 measured iterations of 250 ms) and then
/// checks the budgets on the medians. Arguments go to BenchmarkDotNet (e.g. --filter *Verify*); the Redis
/// benchmarks run only when a redis-server binary is found. <c>--interleaved [rounds]</c> instead runs the
/// <see cref="InterleavedRatios"/> cross-check, <c>--phases [rounds]</c> the <see cref="VerifyPhases"/> breakdown.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "--interleaved" or "--phases")
        {
            int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
            if (args[0] == "--phases")
            {
                VerifyPhases.Run(rounds);
            }
            else
            {
                InterleavedRatios.Run(rounds);
            }

            return 0;
        }

        var job = Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(7)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithId("bench");
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .AddColumn(StatisticColumn.Median)
            .WithOptions(ConfigOptions.JoinSummary)
            .WithArtifactsPath(System.IO.Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"))
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));

        var types = new List<Type> { typeof(VerifyBenchmarks), typeof(InMemoryStoreBenchmarks) };
        if (RedisServerProcess.FindServerBinary() is not null)
        {
            types.Add(typeof(RedisBenchmarks));
        }
        else
        {
            Console.WriteLine("bench: no redis-server binary found: the Redis benchmarks are skipped.");
        }

        if (args.Length == 0)
        {
            args = ["--filter", "*"];
        }

        var summaries = BenchmarkSwitcher.FromTypes(types.ToArray()).Run(args, config).ToList();
        return Budgets.Check(summaries) ? 0 : 1;
    }
}

/// <summary>The budgets of docs/performance.md, judged on the medians of this run.</summary>
internal static class Budgets
{
    public static bool Check(IReadOnlyList<Summary> summaries)
    {
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            if (report.ResultStatistics is null)
            {
                continue;
            }

            var descriptor = report.BenchmarkCase.Descriptor;
            var parameter = report.BenchmarkCase.Parameters.Items.FirstOrDefault()?.Value?.ToString();
            var name = descriptor.Type.Name + "." + descriptor.WorkloadMethod.Name;
            var key = parameter is null ? name : $"{name}/{parameter}";
            medians[key] = report.ResultStatistics.Median;
        }

        var lines = new List<(string Budget, string Measured, bool? Holds)>();
        foreach (var algorithm in new[] { "RS256", "ES256", "HS256" })
        {
            if (!medians.TryGetValue($"VerifyBenchmarks.StatelessVerifier/{algorithm}", out double ours)
                || !medians.TryGetValue($"VerifyBenchmarks.JsonWebTokenHandler/{algorithm}", out double handler)
                || !medians.TryGetValue($"VerifyBenchmarks.RawSignature/{algorithm}", out double raw))
            {
                continue;
            }

            lines.Add(($"{algorithm}: verifier throughput >= JsonWebTokenHandler's",
                       $"{Ns(ours)} vs {Ns(handler)}: {handler / ours:0.00}x the handler's throughput", ours <= handler));
            double limit = algorithm == "HS256" ? 2.0 : 1.15;
            lines.Add(($"{algorithm}: verifier <= {limit:0.00}x raw signature",
                       $"{Ns(ours)} vs {Ns(raw)} raw: {ours / raw:0.00}x (handler {handler / raw:0.00}x)", ours <= limit * raw));
        }

        if (medians.TryGetValue("InMemoryStoreBenchmarks.DenylistCheck", out double check))
        {
            lines.Add(("in-memory denylist check < 100 ns", Ns(check), check < 100));
        }

        if (medians.TryGetValue("RedisBenchmarks.VerifyWithRedisDenylist", out double withRedis) && medians.TryGetValue("RedisBenchmarks.ForgedWithRedisDenylist", out double forged)
            && medians.TryGetValue("VerifyBenchmarks.RawSignature/ES256", out double rawEs))
        {
            lines.Add(("Redis denylist only after the signature: forged token costs no round trip",
                       $"forged {Ns(forged)}, valid {Ns(withRedis)}, raw ES256 {Ns(rawEs)}", forged < 2 * rawEs && withRedis > forged));
        }

        Console.WriteLine();
        Console.WriteLine("Budgets (medians of this run):");
        bool all = true;
        foreach (var (budget, measured, holds) in lines)
        {
            Console.WriteLine($"  [{(holds == true ? "holds" : "MISSED")}] {budget}: {measured}");
            all &= holds == true;
        }

        return all;
    }

    private static string Ns(double nanoseconds) => nanoseconds >= 10_000
        ? (nanoseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " us"
        : nanoseconds.ToString("0", CultureInfo.InvariantCulture) + " ns";
}
