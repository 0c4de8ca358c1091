using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.ProcessState.CapturedStateAnalyzer>;

namespace Stateless.Analyzers.Tests.ProcessState;

/// <summary>STL1004: route handler captures mutable state.</summary>
public class STL1004_RouteHandlerCapturesMutableStateTests
{
    private static DiagnosticResult Capture(int location, string handler, string verb, string name, string kind = "local", string? identity = null) =>
        VerifyCS.Diagnostic(DiagnosticIds.STL1004_RouteHandlerCapturesMutableState)
            .WithLocation(location)
            .WithArguments(handler, verb, kind, name, identity is null ? string.Empty : " with request identity '" + identity + "', so it keeps per-client state");

    private static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string Route = "Route handler";
    private const string Middleware = "Middleware delegate";
    private const string Assigns = "assigns";
    private const string Changes = "changes the collection in";
    private const string ChangesObject = "changes the object in";

    // ---------------------------------------------------------------- reporting cases

    [Fact]
    public async Task Minimal_api_lambdas_mutating_a_captured_list_are_reported()
    {
        await VerifyProgramAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            var todos = new List<string>();
            app.MapGet("/todos", () => todos);
            app.MapPost("/todos", (string title) => { {|#0:todos.Add(title)|}; return Results.Created(); });
            app.MapDelete("/todos/{i}", (int i) => {|#1:todos.RemoveAt(i)|});
            app.Run();
            """,
            Capture(0, Route, Changes, "todos"),
            Capture(1, Route, Changes, "todos"));
    }

    [Fact]
    public async Task Counter_local_incremented_by_a_route_handler_is_reported()
    {
        await VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            var visits = 0;
            var last = "";
            app.MapGet("/visit", () => {|#0:++visits|});
            app.MapPut("/last/{name}", (string name) => {|#1:last = name|});
            app.MapPatch("/visits", (int delta) => {|#2:visits += delta|});
            app.Run();
            """,
            Capture(0, Route, Assigns, "visits"),
            Capture(1, Route, Assigns, "last"),
            Capture(2, Route, Assigns, "visits"));
    }

    [Fact]
    public async Task Dictionary_keyed_by_the_user_is_reported_as_per_client()
    {
        await VerifyProgramAsync("""
            using System.Collections.Generic;
            using System.Security.Claims;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            var carts = new Dictionary<string, List<string>>();
            app.MapPost("/cart", (ClaimsPrincipal user, string item) =>
            {
                var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
                {|#0:carts[userId] = new List<string> { item }|};
            });
            app.Run();
            """,
            Capture(0, Route, Changes, "carts", identity: "userId"));
    }

    [Fact]
    public async Task Middleware_delegates_writing_captured_state_are_reported()
    {
        await VerifyProgramAsync("""
            using System.Collections.Concurrent;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            var requests = 0L;
            var seen = new ConcurrentDictionary<string, int>();
            app.Use(async (context, next) => { {|#0:requests++|}; await next(context); });
            app.Use(next => async context => { {|#1:seen.TryAdd(context.Connection.Id, 1)|}; await next(context); });
            app.Run(context => { {|#2:requests = 0|}; return context.Response.WriteAsync("reset"); });
            """,
            Capture(0, Middleware, Assigns, "requests"),
            Capture(1, Middleware, Changes, "seen", identity: "context.Connection.Id"),
            Capture(2, Middleware, Assigns, "requests"));
    }

    [Fact]
    public async Task Use_when_and_map_when_predicates_are_handler_code()
    {
        await VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            var probes = 0;
            app.UseWhen(context => {|#0:probes++|} % 2 == 0, branch => branch.Run(c => c.Response.WriteAsync("even")));
            app.MapWhen(context => {|#1:++probes|} > 100, branch => branch.Run(c => c.Response.WriteAsync("busy")));
            app.Run();
            """,
            Capture(0, Middleware, Assigns, "probes"),
            Capture(1, Middleware, Assigns, "probes"));
    }

    [Fact]
    public async Task Captured_parameter_of_an_endpoint_mapping_method_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;

            public static class FeedEndpoints
            {
                public static RouteGroupBuilder MapFeed(this IEndpointRouteBuilder routes, List<string> posts, int limit)
                {
                    var group = routes.MapGroup("/feed");
                    group.MapPost("/", (string text) => {|#0:posts.Insert(0, text)|});
                    group.MapPut("/limit/{value}", (int value) => {|#1:limit = value|});
                    return group;
                }
            }
            """,
            Capture(0, Route, Changes, "posts", kind: "parameter"),
            Capture(1, Route, Assigns, "limit", kind: "parameter"));
    }

    [Fact]
    public async Task Local_function_passed_as_method_group_capturing_state_is_reported()
    {
        await VerifyProgramAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            var sessions = new HashSet<string>();
            app.MapPost("/login/{sessionId}", Login);
            app.Run();

            void Login(string sessionId) => {|#0:sessions.Add(sessionId)|};
            """,
            Capture(0, Route, Changes, "sessions", identity: "sessionId"));
    }

    [Fact]
    public async Task Array_element_and_object_member_writes_are_reported()
    {
        await VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            var slots = new string[8];
            var stats = new Stats();
            app.MapPut("/slot/{i}/{name}", (int i, string name) => {|#0:slots[i] = name|});
            app.MapGet("/stats", () => {|#1:stats.Hits++|});
            app.Run();

            sealed class Stats { public int Hits { get; set; } }
            """,
            Capture(0, Route, Changes, "slots"),
            Capture(1, Route, "changes the object in", "stats"));
    }

    [Fact]
    public async Task Handler_stored_in_a_local_first_is_recognised()
    {
        await VerifyProgramAsync("""
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            var log = new Queue<string>();
            Func<string, int> handler = msg => { {|#0:log.Enqueue(msg)|}; return log.Count; };
            app.MapPost("/log", handler);
            app.Run();
            """,
            Capture(0, Route, Changes, "log"));
    }

    [Fact]
    public async Task Map_fallback_and_map_with_request_delegate_are_route_handlers()
    {
        await VerifyProgramAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            var misses = new List<string>();
            var hits = 0;
            app.MapFallback(context => { {|#0:misses.Add(context.Request.Path.Value!)|}; return context.Response.WriteAsync("404"); });
            app.Map("/ping", (HttpContext context) => { {|#1:hits++|}; return context.Response.WriteAsync("pong"); });
            app.Run();
            """,
            Capture(0, Route, Changes, "misses"),
            Capture(1, Route, Assigns, "hits"));
    }

    [Fact]
    public async Task Interlocked_on_a_captured_local_is_reported_once_with_its_other_write()
    {
        // One finding per captured variable and handler: the decrement is the same shared counter, shown as an
        // additional location of the increment's finding.
        await VerifyProgramAsync("""
            using System.Threading;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            long active = 0;
            app.Use(async (context, next) =>
            {
                {|#0:Interlocked.Increment(ref active)|};
                try { await next(); }
                finally { {|#1:Interlocked.Decrement(ref active)|}; }
            });
            app.Run();
            """,
            Capture(0, Middleware, Assigns, "active").WithLocation(1));
    }

    [Fact]
    public async Task Writes_of_one_captured_local_are_one_finding_at_the_write_with_request_identity_per_handler()
    {
        // The docs' StaticFileAuth sample: Subject (the caller) and Expires written on one captured descriptor are one
        // finding, reported where the caller's identity goes in. Another handler writing it is a finding of its own.
        await VerifyProgramAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            var last = new Visit();
            app.MapGet("/visit", (HttpContext context) =>
            {
                {|#1:last.At = DateTime.UtcNow|};
                {|#0:last.User = context.User.Identity!.Name|};
                {|#2:last.Count++|};
                return last.Count;
            });
            app.MapDelete("/visit", () => { {|#3:last.Count = 0|}; });
            app.Run();

            public sealed class Visit
            {
                public DateTime At { get; set; }
                public string? User { get; set; }
                public int Count { get; set; }
            }
            """,
            Capture(0, Route, ChangesObject, "last", identity: "last.User").WithLocation(1).WithLocation(2),
            Capture(3, Route, ChangesObject, "last"));
    }

    [Fact]
    public async Task Generic_endpoint_mapping_method_capturing_a_list_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;

            public static partial class CrudEndpoints
            {
                public static void MapCrud<T>(this IEndpointRouteBuilder routes, string prefix)
                {
                    var items = new Dictionary<int, T>();
                    routes.MapPut(prefix + "/{id}", (int id, T item) => {|#0:items[id] = item|});
                }
            }

            public static partial class CrudEndpoints
            {
                public static void MapLog(this IEndpointRouteBuilder routes)
                {
                    var lines = new List<string>();
                    routes.MapPost("/log", (string line) => {|#1:lines.Add(line)|});
                }
            }
            """,
            Capture(0, Route, Changes, "items"),
            Capture(1, Route, Changes, "lines"));
    }

    // ---------------------------------------------------------------- silent cases

    [Fact]
    public async Task Read_only_captures_are_silent()
    {
        await VerifyProgramAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            var summaries = new[] { "Freezing", "Cool", "Hot" };
            var lookup = new Dictionary<string, int> { ["a"] = 1 };
            var greeting = app.Configuration["Greeting"] ?? "hi";
            app.MapGet("/weather", () => summaries.Select(s => s.ToUpperInvariant()).Reverse().Append(greeting));
            app.MapGet("/lookup/{key}", (string key) => lookup.TryGetValue(key, out var v) ? v : 0);
            app.Run();
            """);
    }

    [Fact]
    public async Task Locals_declared_inside_the_delegate_are_silent()
    {
        await VerifyProgramAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.MapPost("/batch", (List<string> items) =>
            {
                var result = new List<string>();
                var count = 0;
                foreach (var item in items) { result.Add(item); count++; }
                items.Add("done");
                items = new List<string>();
                result.ForEach(r => { count += r.Length; });
                return new { result, count };
            });
            app.Run();
            """);
    }

    [Fact]
    public async Task Lambdas_that_are_not_handlers_are_silent()
    {
        await VerifyProgramAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var configured = new List<string>();
            var started = false;
            builder.Services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o => configured.Add("forwarded"));
            var app = builder.Build();
            app.Lifetime.ApplicationStarted.Register(() => started = true);
            app.UseWhen(c => true, branch => configured.Add("branch"));
            app.Run();
            """);
    }

    [Fact]
    public async Task Per_request_state_inside_a_middleware_delegate_is_silent()
    {
        await VerifyProgramAsync("""
            using System.Diagnostics;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.Use(async (context, next) =>
            {
                var watch = Stopwatch.StartNew();
                var headers = new System.Collections.Generic.List<string>();
                context.Response.OnStarting(() => { headers.Add("x-time"); context.Response.Headers["x-time"] = watch.ElapsedMilliseconds.ToString(); return System.Threading.Tasks.Task.CompletedTask; });
                await next(context);
            });
            app.Run();
            """);
    }

    [Fact]
    public async Task Factory_state_created_per_pipeline_build_is_still_reported_only_inside_the_request_delegate()
    {
        // The factory body runs once; a local declared there and written by the returned RequestDelegate is shared by all requests.
        await VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.Use(next =>
            {
                var built = 0;
                built++;
                var served = 0;
                return async context => { {|#0:served++|}; await next(context); };
            });
            app.Run();
            """,
            Capture(0, Middleware, Assigns, "served"));
    }

    [Fact]
    public async Task Look_alike_map_methods_in_other_namespaces_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            namespace Other.Routing
            {
                public interface IEndpointRouteBuilder { }
                public static class EndpointRouteBuilderExtensions
                {
                    public static void MapPost(this IEndpointRouteBuilder routes, string pattern, Delegate handler) { }
                }
            }

            namespace App
            {
                using Other.Routing;

                public static class Setup
                {
                    public static void Map(IEndpointRouteBuilder routes)
                    {
                        var items = new List<string>();
                        var count = 0;
                        routes.MapPost("/items", (string item) => { items.Add(item); count++; });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Writes_to_static_state_are_left_to_STL1002()
    {
        await VerifyProgramAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.MapPost("/x", (string v) => Store.Items.Add(v));
            app.Run();

            static class Store { public static readonly List<string> Items = new(); }
            """);
    }

    [Fact]
    public async Task Handler_parameters_reassigned_inside_the_handler_are_silent()
    {
        await VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.MapGet("/page", (int? page, int? size) =>
            {
                page ??= 1;
                size = size is null or > 100 ? 20 : size;
                return new { page, size };
            });
            app.Run();
            """);
    }

    [Fact]
    public async Task Controller_actions_with_lambdas_over_their_own_locals_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;

            public class ListController : ControllerBase
            {
                public IActionResult Get(List<int> ids)
                {
                    var total = 0;
                    var seen = new HashSet<int>();
                    ids.ForEach(id => { total += id; seen.Add(id); });
                    return Ok(new { total, distinct = seen.Count });
                }
            }
            """);
    }

    [Fact]
    public async Task Method_group_target_in_a_static_class_has_no_captures()
    {
        await VerifyProgramAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.MapPost("/sum", Handlers.Sum);
            app.Run();

            static class Handlers
            {
                public static int Sum(List<int> values)
                {
                    var total = 0;
                    values.ForEach(v => total += v);
                    values.Clear();
                    return total;
                }
            }
            """);
    }

    [Fact]
    public async Task Captured_services_used_per_request_are_silent()
    {
        await VerifyProgramAsync("""
            using System.Net.Http;
            using System.Threading;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Logging;

            var app = WebApplication.Create(args);
            var http = new HttpClient();
            var gate = new SemaphoreSlim(4);
            var logger = app.Logger;
            var shutdown = new CancellationTokenSource();
            app.MapGet("/proxy", async () =>
            {
                await gate.WaitAsync(shutdown.Token);
                try { logger.LogInformation("proxy"); return await http.GetStringAsync("https://example.org"); }
                finally { gate.Release(); }
            });
            app.Run();
            """);
    }

    [Fact]
    public async Task Cancellation_source_replaced_by_middleware_is_silent_but_the_counter_beside_it_is_reported()
    {
        // dodyg/practical-aspnetcore's caching sample cancels a shared CancellationTokenSource to expire cache entries
        // and replaces it: a resource of this process. The page counter beside it is shared state.
        await VerifyProgramAsync("""
            using System.Threading;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            var cts = new CancellationTokenSource();
            var count = 0;
            app.Use(next => async context =>
            {
                {|#0:count++|};
                if (count >= 5)
                {
                    cts.Cancel();
                    cts = new CancellationTokenSource();
                }

                await next(context);
            });
            app.Run();
            """,
            Capture(0, Middleware, Assigns, "count"));
    }

    [Fact]
    public async Task Writes_to_objects_bound_from_the_request_are_silent()
    {
        await VerifyProgramAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.MapPost("/orders", (Order order) =>
            {
                order.Lines.Add("shipping");
                order.Total += 5;
                order.Tags[0] = "new";
                return order;
            });
            app.Run();

            sealed class Order { public List<string> Lines { get; } = new(); public decimal Total { get; set; } public string[] Tags { get; set; } = new string[1]; }
            """);
    }

    [Fact]
    public async Task Incomplete_code_does_not_throw()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;

                public static class Broken
                {
                    public static void Map(WebApplication app)
                    {
                        var n = 0;
                        app.MapGet("/a", () => { {|#0:n++|}; {|CS0103:missing|}.Add(1); });
                        app.Use({|CS0103:unknown|});
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Capture(0, Route, Assigns, "n"));
        await test.RunAsync();
    }
    // ---------------------------------------------------------------- in-process caches

    [Fact]
    public async Task Route_that_clears_or_evicts_a_captured_memory_cache_is_silent()
    {
        // A test host's "/clear" endpoint: evicting recomputable entries stores nothing about any client.
        await VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Caching.Memory;

            var app = WebApplication.Create(args);
            var memoryCache = new MemoryCache(new MemoryCacheOptions());
            app.MapGet("/clear/l1", () => memoryCache.Clear());
            app.MapGet("/compact", () => memoryCache.Compact(0.5));
            app.Run();
            """);
    }

    [Fact]
    public async Task Route_that_stores_or_removes_one_entry_of_a_captured_memory_cache_is_reported()
    {
        // The look-alikes that stay: the cache is the only home of what the caller posted, and a removal takes the entry
        // a request named (a mailbox read once).
        await VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Caching.Memory;

            var app = WebApplication.Create(args);
            var notes = new MemoryCache(new MemoryCacheOptions());
            IMemoryCache shared = notes;
            app.MapPost("/notes/{userId}", (string userId, string note) => {|#0:notes.CreateEntry(userId)|}.Value = note);
            app.MapDelete("/notes/{userId}", (string userId) => {|#1:shared.Remove(userId)|});
            app.MapGet("/clear", () => notes.Clear());
            app.Run();
            """,
            Capture(0, Route, Changes, "notes", identity: "userId"),
            Capture(1, Route, Changes, "shared", identity: "userId"));
    }
}
