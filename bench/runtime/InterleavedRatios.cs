using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace Stateless.Runtime.Benchmarks;

/// <summary>
/// A cross-check for a shared, noisy machine (<c>--interleaved</c>): runs the three <see cref="VerifyBenchmarks"/>
/// methods round-robin in short batches, so load from other processes hits all three alike, and reports each method's
/// fastest and median batch and the ratios of those. It does not replace BenchmarkDotNet or the budget check, which
/// judge BenchmarkDotNet's medians; it says whether a missed or held budget is the code or the neighbours.
/// </summary>
internal static class InterleavedRatios
{
    public static void Run(int rounds)
    {
        foreach (var algorithm in new[] { "RS256", "ES256", "HS256" })
        {
            var benchmarks = new VerifyBenchmarks { Algorithm = algorithm };
            benchmarks.Setup();
            var methods = new (string Name, Action Call)[]
            {
                ("raw signature", () => benchmarks.RawSignature()),
                ("StatelessTokenVerifier", () => benchmarks.StatelessVerifier().GetAwaiter().GetResult()),
                ("JsonWebTokenHandler", () => benchmarks.JsonWebTokenHandler().GetAwaiter().GetResult()),
            };

            // Warm up for half a second per method, so tiered JIT compilation has finished before anything is timed.
            foreach (var method in methods)
            {
                var warm = Stopwatch.StartNew();
                while (warm.ElapsedMilliseconds < 500)
                {
                    method.Call();
                }
            }

            // About 1 ms per batch: long enough to time, short enough that a burst of load spoils few batches.
            var batch = methods.Select(m => Math.Max(1, (int)(1_000_000 / Time(m.Call, 20)))).ToArray();
            var samples = methods.Select(_ => new double[rounds]).ToArray();
            for (int round = 0; round < rounds; round++)
            {
                for (int m = 0; m < methods.Length; m++)
                {
                    samples[m][round] = Time(methods[m].Call, batch[m]);
                }
            }

            var best = samples.Select(s => s.Min()).ToArray();
            var median = samples.Select(Median).ToArray();
            Console.WriteLine($"{algorithm} ({rounds} interleaved rounds; fastest batch / median batch per call):");
            for (int m = 0; m < methods.Length; m++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {methods[m].Name,-24} {best[m],10:0} ns {median[m],10:0} ns"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  verifier / raw   {best[1] / best[0]:0.00}x (median {median[1] / median[0]:0.00}x)   handler / raw {best[2] / best[0]:0.00}x (median {median[2] / median[0]:0.00}x)   handler time / verifier time {best[2] / best[1]:0.00}x (median {median[2] / median[1]:0.00}x)"));
        }
    }

    private static double Time(Action call, int count)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            call();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / count;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
