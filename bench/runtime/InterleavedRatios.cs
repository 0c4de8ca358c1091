using System;
using System.Globalization;

namespace Stateless.Runtime.Benchmarks;

/// <summary>
/// A cross-check for a shared, noisy machine (<c>--interleaved</c>): runs the three <see cref="VerifyBenchmarks"/>
/// methods round-robin with <see cref="BatchTimer"/> and reports each method's fastest and median batch and the ratios
/// of those. It does not replace BenchmarkDotNet or the budget check, which judge BenchmarkDotNet's medians; it says
/// whether a missed or held budget is the code or the neighbours.
/// </summary>
internal static class InterleavedRatios
{
    public static void Run(int rounds)
    {
        foreach (var algorithm in new[] { "RS256", "ES256", "HS256" })
        {
            var benchmarks = new VerifyBenchmarks { Algorithm = algorithm };
            benchmarks.Setup();
            string[] names = ["raw signature", "StatelessTokenVerifier", "JsonWebTokenHandler"];
            var (best, median) = BatchTimer.Run(
                [
                    () => benchmarks.RawSignature(),
                    () => benchmarks.StatelessVerifier().GetAwaiter().GetResult(),
                    () => benchmarks.JsonWebTokenHandler().GetAwaiter().GetResult(),
                ],
                rounds);

            Console.WriteLine($"{algorithm} ({rounds} interleaved rounds; fastest batch / median batch per call):");
            for (int m = 0; m < names.Length; m++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {names[m],-24} {best[m],10:0} ns {median[m],10:0} ns"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  verifier / raw   {best[1] / best[0]:0.00}x (median {median[1] / median[0]:0.00}x)   handler / raw {best[2] / best[0]:0.00}x (median {median[2] / median[0]:0.00}x)   handler time / verifier time {best[2] / best[1]:0.00}x (median {median[2] / median[1]:0.00}x)"));
        }
    }
}
