using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Stateless.Runtime.Benchmarks;

/// <summary>
/// Times several operations round-robin in batches of about 1 ms, after half a second of warm-up each (so tiered JIT
/// is done), so load from other processes hits all of them alike. Returns each operation's fastest and median batch,
/// in nanoseconds per call.
/// </summary>
internal static class BatchTimer
{
    public static (double[] Fastest, double[] Median) Run(IReadOnlyList<Action> operations, int rounds)
    {
        foreach (var operation in operations)
        {
            var warm = Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 500)
            {
                operation();
            }
        }

        // About 1 ms per batch: long enough to time, short enough that a burst of load spoils few batches.
        var batch = operations.Select(o => Math.Max(1, (int)(1_000_000 / Time(o, 20)))).ToArray();
        var samples = operations.Select(_ => new double[rounds]).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < operations.Count; i++)
            {
                samples[i][round] = Time(operations[i], batch[i]);
            }
        }

        return (samples.Select(s => s.Min()).ToArray(), samples.Select(Median).ToArray());
    }

    private static double Time(Action operation, int count)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            operation();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / count;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
