using System.Threading.Tasks;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Stateless.Analyzers.ProcessState.MutableStaticStateAnalyzer,
    Stateless.CodeFixes.ProcessState.MutableStaticStateCodeFix>;
using static Stateless.Analyzers.Tests.ProcessState.MutableStaticStateResults;

namespace Stateless.Analyzers.Tests.ProcessState;

/// <summary>
/// STL1006 (<see cref="Descriptors.STL1006_ConstantStaticCollectionIsMutable"/>): a constant static collection with a
/// mutable type, and the fix both it and <see cref="Descriptors.STL1001_MutableStaticStateInHandler"/> share.
/// </summary>
public class STL1006_ConstantStaticCollectionIsMutableTests
{
    // ---------------------------------------------------------------- code fix

    [Fact]
    public async Task Fix_freezes_a_never_written_lookup_dictionary_and_keeps_trivia()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class CountryController : ControllerBase
            {
                // ISO codes we ship to.
                private static Dictionary<string, string> {|#0:Countries|} = new(StringComparer.OrdinalIgnoreCase)
                {
                    ["DE"] = "Germany",
                    ["FR"] = "France",
                };

                public IActionResult Get(string code) => Countries.TryGetValue(code, out var name) ? Ok(name) : NotFound();
            }
            """,
            new[] { Field(0, "CountryController.Countries", "CountryController", "is writable and holds a mutable Dictionary<string, string>", unchanged: true) },
            """
            using System;
            using System.Collections.Frozen;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class CountryController : ControllerBase
            {
                // ISO codes we ship to.
                private static readonly FrozenDictionary<string, string> Countries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["DE"] = "Germany",
                    ["FR"] = "France",
                }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

                public IActionResult Get(string code) => Countries.TryGetValue(code, out var name) ? Ok(name) : NotFound();
            }
            """);
    }

    [Fact]
    public async Task Fix_turns_sets_and_arrays_into_frozen_set_and_immutable_array()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class FilesController : ControllerBase
            {
                private static readonly HashSet<string> {|#0:Extensions|} = new() { ".png", ".jpg" };
                private static readonly string[] {|#1:Roots|} = { "/srv", "/data" };

                public bool Allowed(string ext, int i) => Extensions.Contains(ext) && Roots[i].Length > 0;
            }
            """,
            new[]
            {
                Constant(0, "FilesController.Extensions", "HashSet<string>", "FrozenSet<string>"),
                Constant(1, "FilesController.Roots", "string[]", "ImmutableArray<string>"),
            },
            """
            using System.Collections.Frozen;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using Microsoft.AspNetCore.Mvc;

            public class FilesController : ControllerBase
            {
                private static readonly FrozenSet<string> Extensions = new HashSet<string>() { ".png", ".jpg" }.ToFrozenSet();
                private static readonly ImmutableArray<string> Roots = ImmutableArray.Create("/srv", "/data");

                public bool Allowed(string ext, int i) => Extensions.Contains(ext) && Roots[i].Length > 0;
            }
            """);
    }

    [Fact]
    public async Task Fix_all_converts_fields_in_two_documents()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Collections.Generic;
                    using Microsoft.AspNetCore.Mvc;
                    public class AController : ControllerBase
                    {
                        private static readonly List<int> {|#0:Ids|} = new() { 1, 2 };
                        private static readonly HashSet<string> {|#2:Names|} = new() { "a" };
                        public int First() => Ids[0];
                        public bool Known(string name) => Names.Contains(name);
                    }
                    """,
                    """
                    using System.Collections.Generic;
                    using Microsoft.AspNetCore.SignalR;
                    public class BHub : Hub { private static Dictionary<int, string> {|#1:Names|} = new() { [1] = "one" }; public string N(int i) => Names[i]; }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Collections.Frozen;
                    using System.Collections.Generic;
                    using System.Collections.Immutable;
                    using Microsoft.AspNetCore.Mvc;
                    public class AController : ControllerBase
                    {
                        private static readonly ImmutableArray<int> Ids = new List<int>() { 1, 2 }.ToImmutableArray();
                        private static readonly FrozenSet<string> Names = new HashSet<string>() { "a" }.ToFrozenSet();
                        public int First() => Ids[0];
                        public bool Known(string name) => Names.Contains(name);
                    }
                    """,
                    """
                    using System.Collections.Frozen;
                    using System.Collections.Generic;
                    using Microsoft.AspNetCore.SignalR;
                    public class BHub : Hub { private static readonly FrozenDictionary<int, string> Names = new Dictionary<int, string>() { [1] = "one" }.ToFrozenDictionary(); public string N(int i) => Names[i]; }
                    """,
                },
            },
        };
        // dotnet format applies Fix All once: every field of a document must be fixed in a single pass.
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 2;
        test.ExpectedDiagnostics.Add(Constant(0, "AController.Ids", "List<int>", "ImmutableArray<int>"));
        test.ExpectedDiagnostics.Add(Constant(2, "AController.Names", "HashSet<string>", "FrozenSet<string>"));
        test.ExpectedDiagnostics.Add(Field(1, "BHub.Names", "BHub", "is writable and holds a mutable Dictionary<int, string>", unchanged: true));
        await test.RunAsync();
    }

    [Fact]
    public async Task No_fix_when_the_collection_is_written_after_its_initializer()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class LikesController : ControllerBase
            {
                private static readonly Dictionary<string, int> {|#0:Likes|} = new();
                public void Like(string postId) => Likes[postId] = Likes.GetValueOrDefault(postId) + 1;
            }
            """,
            new[] { Field(0, "LikesController.Likes", "LikesController", "holds a mutable Dictionary<string, int>") },
            """
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class LikesController : ControllerBase
            {
                private static readonly Dictionary<string, int> {|#0:Likes|} = new();
                public void Like(string postId) => Likes[postId] = Likes.GetValueOrDefault(postId) + 1;
            }
            """);
    }

    [Fact]
    public async Task No_fix_when_the_immutable_type_would_not_compile_or_field_is_visible_outside()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class TagsController : ControllerBase
            {
                private static readonly List<string> {|#0:Tags|} = new() { "a" };
                internal static readonly List<string> {|#1:Shared|} = new() { "b" };
                public int Count() => Tags.Count;
            }
            """,
            new[]
            {
                Constant(0, "TagsController.Tags", "List<string>", "ImmutableArray<string>"),
                Field(1, "TagsController.Shared", "TagsController", "holds a mutable List<string>", unchanged: true),
            },
            """
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class TagsController : ControllerBase
            {
                private static readonly List<string> {|#0:Tags|} = new() { "a" };
                internal static readonly List<string> {|#1:Shared|} = new() { "b" };
                public int Count() => Tags.Count;
            }
            """);
    }

    // ---------------------------------------------------------------- shapes found in public repositories

    [Fact]
    public async Task Web_template_summaries_are_a_constant_table()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("[controller]")]
            public class WeatherForecastController : ControllerBase
            {
                private static readonly string[] {|#0:Summaries|} = new[] { "Freezing", "Bracing", "Chilly" };

                [HttpGet]
                public IEnumerable<string> Get() => Enumerable.Range(1, 5).Select(i => Summaries[Random.Shared.Next(Summaries.Length)]);
            }
            """,
            Constant(0, "WeatherForecastController.Summaries", "string[]", "ImmutableArray<string>"));
    }

    [Fact]
    public async Task Constant_bytes_served_as_a_file_or_written_to_a_stream_are_silent_but_bytes_read_into_are_state()
    {
        // bitwarden/server's IconsController serves a fixed "not found" image: passing the array to a framework member
        // that only reads it does not change it, and ImmutableArray<byte> would copy it for every response (Squidex's and
        // the streaming docs' stream delimiters likewise): no STL1006. Stream.Read writes into the array it is given.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class IconsController : ControllerBase
            {
                private static readonly byte[] NotFound = Convert.FromBase64String("iVBORw0KGgo=");
                private static readonly byte[] Delimiter = { 10, 13 };
                private static readonly byte[] {|#2:Buffer|} = new byte[16];

                public IActionResult Missing() => new FileContentResult(NotFound, "image/png");

                public IActionResult Download() => File(NotFound, "image/png");

                public async Task Write(Stream body)
                {
                    await body.WriteAsync(Delimiter, 0, Delimiter.Length);
                    body.Write(Delimiter, 0, 2);
                    _ = Convert.ToBase64String(Delimiter);
                    _ = body.Read(Buffer, 0, Buffer.Length);
                }
            }
            """,
            Field(2, "IconsController.Buffer", "IconsController", "holds a mutable byte[]"));
    }

    [Fact]
    public async Task Constant_byte_lists_and_sbyte_arrays_differ_only_for_arrays()
    {
        // Only byte and sbyte arrays are buffers to hand on as they are; a List<byte> never changed is a table like any other.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class SignatureController : ControllerBase
            {
                private static readonly sbyte[] Offsets = { -1, 1 };
                private static readonly List<byte> {|#0:Magic|} = new() { 0x89, 0x50 };

                public int Get() => Offsets[0] + Magic[0];
            }
            """,
            Constant(0, "SignatureController.Magic", "List<byte>", "ImmutableArray<byte>"));
    }

    [Fact]
    public async Task Month_names_handed_to_a_culture_are_a_constant_but_an_array_handed_to_own_code_may_change()
    {
        // smartstore's RequestCultureMiddleware: DateTimeFormatInfo keeps the names for formatting only (its getters
        // return copies), so the array stays what its initializer made it. An own property may keep and change it.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Globalization;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public class RequestCultureMiddleware
            {
                private static readonly string[] {|#0:DeMonths|} = { "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.", "" };
                private static readonly string[] {|#1:Days|} = { "So", "Mo", "Di", "Mi", "Do", "Fr", "Sa" };
                private readonly RequestDelegate _next;

                public RequestCultureMiddleware(RequestDelegate next) => _next = next;

                public Task InvokeAsync(HttpContext context)
                {
                    var culture = (CultureInfo)CultureInfo.GetCultureInfo("de-DE").Clone();
                    culture.DateTimeFormat.AbbreviatedMonthNames = culture.DateTimeFormat.AbbreviatedMonthGenitiveNames = DeMonths;
                    new Names().Values = Days;
                    CultureInfo.CurrentCulture = culture;
                    return _next(context);
                }
            }

            public class Names
            {
                public string[] Values { get; set; } = System.Array.Empty<string>();
            }
            """,
            Constant(0, "RequestCultureMiddleware.DeMonths", "string[]", "ImmutableArray<string>"),
            Field(1, "RequestCultureMiddleware.Days", "RequestCultureMiddleware", "holds a mutable string[]"));
    }

    [Fact]
    public async Task Visible_table_that_no_code_of_the_compilation_changes_is_a_constant()
    {
        // Ocelot's WebSocketsProxyMiddleware.NotForwardedWebSocketHeaders, bitwarden's AccountsController defaults: a
        // public or internal table read by other types. One that another type changes, or may, stays STL1001's.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;

            public class HeadersController : ControllerBase
            {
                public static readonly string[] {|#0:NotForwarded|} = { "Connection", "Upgrade" };
                internal static readonly List<string> {|#1:Defaults|} = new() { "pbkdf2" };
                public static readonly List<string> {|#2:Extended|} = new() { "argon2" };
                public static readonly string[] {|#3:Handed|} = { "a" };

                public IActionResult Get() => Ok(NotForwarded.Length + Defaults.Count);
            }

            public static class Forwarder
            {
                public static bool Skips(string header) => HeadersController.NotForwarded.Contains(header) || HeadersController.Defaults[0] == header;

                public static string Name => nameof(HeadersController.NotForwarded);

                public static void Extend(string algorithm) => HeadersController.Extended.Add(algorithm);

                public static void Keep(Holder holder) => holder.Values = HeadersController.Handed;
            }

            public class Holder
            {
                public string[] Values { get; set; } = System.Array.Empty<string>();
            }
            """,
            Constant(0, "HeadersController.NotForwarded", "string[]", "ImmutableArray<string>"),
            Constant(1, "HeadersController.Defaults", "List<string>", "ImmutableArray<string>"),
            Field(2, "HeadersController.Extended", "HeadersController", "holds a mutable List<string>", unchanged: true),
            Field(3, "HeadersController.Handed", "HeadersController", "holds a mutable string[]", unchanged: true));
    }

    [Fact]
    public async Task Extension_taking_the_table_as_a_read_only_type_does_not_change_it()
    {
        // Radarr's BackupController: ValidExtensions.Join(", ") through an own IEnumerable<string> extension. An own
        // extension on List<string> may change it, whatever its name.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public static class StringExtensions
            {
                public static string Join(this IEnumerable<string> values, string separator) => string.Join(separator, values);

                public static string Normalize(this List<string> values)
                {
                    values.Sort();
                    return string.Join(",", values);
                }
            }

            public class BackupController : ControllerBase
            {
                private static readonly List<string> {|#0:ValidExtensions|} = new() { ".zip", ".db", ".xml" };
                private static readonly List<string> {|#1:Sorted|} = new() { "b", "a" };

                public IActionResult Restore(string extension) =>
                    ValidExtensions.Contains(extension) ? Ok() : BadRequest("must be one of: " + ValidExtensions.Join(", ") + Sorted.Normalize());
            }
            """,
            Constant(0, "BackupController.ValidExtensions", "List<string>", "ImmutableArray<string>"),
            Field(1, "BackupController.Sorted", "BackupController", "holds a mutable List<string>"));
    }

    [Fact]
    public async Task Read_only_collection_used_in_code_that_does_not_bind_is_neither_state_nor_constant()
    {
        // A call whose argument types come from a package the compilation lacks does not bind: it may be GetOrAdd, so
        // the dictionary may change. Neither "never changed" (STL1006) nor "changed" (STL1001) can be said.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class AvatarController : ControllerBase
            {
                private static readonly ConcurrentDictionary<string, Task> CachingTasks = new();

                public Task Get(string name) => CachingTasks.GetOrAdd(name, {|CS0103:LoadAvatar|});
            }
            """);
    }

    [Fact]
    public async Task Read_only_collection_read_next_to_unbound_code_is_still_a_constant_table()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class SizesController : ControllerBase
            {
                private static readonly List<int> {|#0:Sizes|} = new() { 16, 32 };

                public int Count() => Sizes.Count + {|CS0103:Missing|}.Value;
            }
            """,
            Constant(0, "SizesController.Sizes", "List<int>", "ImmutableArray<int>"));
    }
}
