using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.ProcessState.AllowProcessStateReasonAnalyzer>;

namespace Stateless.Analyzers.Tests.ProcessState;

/// <summary>STL1000: [AllowProcessState] needs a reason.</summary>
public class STL1000_AllowProcessStateNeedsReasonTests
{
    private static DiagnosticResult NoReason(int location, string target) =>
        VerifyCS.Diagnostic(DiagnosticIds.STL1000_AllowProcessStateNeedsReason).WithLocation(location).WithArguments(target);

    // ---------------------------------------------------------------- reporting cases

    [Fact]
    public async Task Empty_reason_on_a_field_is_reported_at_the_argument()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using Stateless.Runtime;

            public static class Cache
            {
                [AllowProcessState({|#0:""|})]
                public static readonly ConcurrentDictionary<string, string> Items = new();
            }
            """,
            NoReason(0, "Items"));
    }

    [Fact]
    public async Task Whitespace_reason_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Stateless.Runtime;

            public static class Counters
            {
                [AllowProcessState({|#0:"   "|})] public static int A;
                [AllowProcessState({|#1:"\t\n"|})] public static int B;
            }
            """,
            NoReason(0, "A"),
            NoReason(1, "B"));
    }

    [Fact]
    public async Task Empty_reason_on_a_type_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Stateless.Runtime;

            [AllowProcessState({|#0:""|})]
            public sealed class WarmCache { }
            """,
            NoReason(0, "WarmCache"));
    }

    [Fact]
    public async Task Empty_reason_on_a_property_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Stateless.Runtime;

            public class Holder
            {
                [AllowProcessState({|#0:""|})]
                public static List<string> Names { get; } = new();
            }
            """,
            NoReason(0, "Names"));
    }

    [Fact]
    public async Task Empty_const_reason_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Stateless.Runtime;

            public static class Reasons { public const string None = ""; }

            public static class Memo
            {
                [AllowProcessState({|#0:Reasons.None|})] public static int Hits;
            }
            """,
            NoReason(0, "Hits"));
    }

    [Fact]
    public async Task String_empty_and_null_reasons_are_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Stateless.Runtime;

            public static class Memo
            {
                [AllowProcessState({|#0:null!|})] public static int A;
                [AllowProcessState({|#1:"" + ""|})] public static int B;
            }
            """,
            NoReason(0, "A"),
            NoReason(1, "B"));
    }

    [Fact]
    public async Task Named_argument_and_fully_qualified_attribute_are_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public static class Memo
            {
                [Stateless.Runtime.AllowProcessStateAttribute({|#0:reason: " "|})] public static int A;
            }
            """,
            NoReason(0, "A"));
    }

    [Fact]
    public async Task Aliased_attribute_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Keep = Stateless.Runtime.AllowProcessStateAttribute;

            public static class Memo
            {
                [Keep({|#0:""|})] public static int A;
            }
            """,
            NoReason(0, "A"));
    }

    [Fact]
    public async Task Empty_reason_on_a_struct_and_a_record_property_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Stateless.Runtime;

            [AllowProcessState({|#0:""|})]
            public struct Slot { }

            public record Snapshot([property: AllowProcessState({|#1:""|})] int Version);
            """,
            NoReason(0, "Slot"),
            NoReason(1, "Version"));
    }

    [Fact]
    public async Task Empty_reason_on_a_backing_field_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Stateless.Runtime;

            public class Holder
            {
                [field: AllowProcessState({|#0:""|})]
                public static int Count { get; set; }
            }
            """,
            NoReason(0, "Count"));
    }

    [Fact]
    public async Task Partial_type_with_an_empty_reason_is_reported_once()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Stateless.Runtime;

            [AllowProcessState({|#0:""|})]
            public partial class Split { }

            public partial class Split { public static int X; }
            """,
            NoReason(0, "Split"));
    }

    // ---------------------------------------------------------------- silent cases

    [Fact]
    public async Task Non_empty_reasons_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using Stateless.Runtime;

            [AllowProcessState("Sticky for speed only: every entry is recomputed on a miss.")]
            public sealed class Rates
            {
                [AllowProcessState("Public price list; a cold replica refetches it.")]
                public static readonly ConcurrentDictionary<string, decimal> Prices = new();

                [AllowProcessState(" x ")] public static int Padded;
            }
            """);
    }

    [Fact]
    public async Task Const_reason_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Stateless.Runtime;

            public static class Reasons { public const string Memo = "Reflection memo keyed by type; rebuilt on a cold replica."; }

            public static class Memo
            {
                [AllowProcessState(Reasons.Memo)] public static int Hits;
                [AllowProcessState("Warm-up " + "counter")] public static int Warm;
            }
            """);
    }

    [Fact]
    public async Task Look_alike_attribute_in_another_namespace_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.All)]
                public sealed class AllowProcessStateAttribute : System.Attribute { public AllowProcessStateAttribute(string reason) { } }

                public static class Memo
                {
                    [AllowProcessState("")] public static int Hits;
                }
            }
            """);
    }

    [Fact]
    public async Task Other_attributes_with_empty_strings_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.ComponentModel;

            public static class Memo
            {
                [Description("")] [Obsolete("")] public static int Hits;
            }
            """);
    }

    [Fact]
    public async Task Code_without_the_attribute_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public static class Memo
            {
                public static int Hits;
                public static string Empty { get; } = "";
            }
            """);
    }

    [Fact]
    public async Task Reason_on_a_property_and_type_of_a_record_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Stateless.Runtime;

            [AllowProcessState("Immutable snapshot of configuration; reloaded on every replica.")]
            public record Snapshot([property: AllowProcessState("Version of the snapshot, recomputed on load.")] int Version);
            """);
    }

    [Fact]
    public async Task Reason_on_a_backing_field_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Stateless.Runtime;

            public class Holder
            {
                [field: AllowProcessState("Only a warm-up hint.")]
                public static int Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Reason_from_interpolated_constant_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Stateless.Runtime;

            public static class Memo
            {
                private const string Kind = "memo";
                [AllowProcessState($"Reflection {Kind}, rebuilt on a miss.")] public static int Hits;
            }
            """);
    }

    [Fact]
    public async Task Missing_or_wrong_arguments_do_not_throw()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Stateless.Runtime;

            public static class Memo
            {
                [{|CS7036:AllowProcessState|}] public static int A;
                [AllowProcessState({|CS1503:42|})] public static int B;
            }
            """);
    }

    [Fact]
    public async Task Attribute_on_an_event_field_is_silent_with_a_reason()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using Stateless.Runtime;

            public class Bus
            {
                [field: AllowProcessState("Subscribers re-register on start.")]
                public static event EventHandler? Changed;
                public static void Raise() => Changed?.Invoke(null, EventArgs.Empty);
            }
            """);
    }
}
