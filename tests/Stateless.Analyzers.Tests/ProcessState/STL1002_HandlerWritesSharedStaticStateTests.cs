using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.ProcessState.StaticStateWriteAnalyzer>;

namespace Stateless.Analyzers.Tests.ProcessState;

/// <summary>STL1002: handler writes shared static state.</summary>
public class STL1002_HandlerWritesSharedStaticStateTests
{
    private const string PerClient = " with request identity '{0}', so it keeps per-client state";

    private static DiagnosticResult Write(int location, string handler, string member, string kind = "field", string? identity = null) =>
        VerifyCS.Diagnostic(DiagnosticIds.STL1002_HandlerWritesSharedStaticState)
            .WithLocation(location)
            .WithArguments(handler, kind, member, identity is null ? string.Empty : string.Format(System.Globalization.CultureInfo.InvariantCulture, PerClient, identity), Descriptors.StaticStateConsequence);

    private static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // ---------------------------------------------------------------- reporting cases

    [Fact]
    public async Task Controller_writing_a_static_store_of_per_user_items_is_reported_as_per_client()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public static class CartStore
            {
                public static readonly Dictionary<string, List<string>> Items = new();
            }

            [ApiController]
            public class CartController : ControllerBase
            {
                [HttpPost("cart/{userId}")]
                public IActionResult Add(string userId, string item)
                {
                    {|#0:CartStore.Items[userId] = new List<string> { item }|};
                    return Ok();
                }
            }
            """,
            Write(0, "Controller 'CartController'", "CartStore.Items", identity: "userId"));
    }

    [Fact]
    public async Task Hub_adding_connection_to_a_static_registry_is_reported_as_per_client()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.SignalR;

            public static class Presence
            {
                public static readonly ConcurrentDictionary<string, string> Online = new();
            }

            public class ChatHub : Hub
            {
                public override Task OnConnectedAsync()
                {
                    {|#0:Presence.Online.TryAdd(Context.ConnectionId, Context.UserIdentifier ?? "")|};
                    return base.OnConnectedAsync();
                }

                public override Task OnDisconnectedAsync(System.Exception? exception)
                {
                    {|#1:Presence.Online.TryRemove(Context.ConnectionId, out _)|};
                    return base.OnDisconnectedAsync(exception);
                }
            }
            """,
            Write(0, "Hub 'ChatHub'", "Presence.Online", identity: "Context.ConnectionId"),
            Write(1, "Hub 'ChatHub'", "Presence.Online", identity: "Context.ConnectionId"));
    }

    [Fact]
    public async Task Interlocked_increment_on_a_static_counter_in_middleware_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public static class Stats { public static long Requests; }

            public sealed class CountingMiddleware
            {
                private readonly RequestDelegate _next;
                public CountingMiddleware(RequestDelegate next) => _next = next;

                public Task InvokeAsync(HttpContext context)
                {
                    {|#0:Interlocked.Increment(ref Stats.Requests)|};
                    return _next(context);
                }
            }
            """,
            Write(0, "Middleware 'CountingMiddleware'", "Stats.Requests"));
    }

    [Fact]
    public async Task Increment_decrement_and_compound_assignment_are_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public static class Counters
            {
                public static int Visits;
                public static int Active { get; set; }
                public static decimal Revenue;
            }

            public class ShopController : Controller
            {
                public IActionResult Enter() { {|#0:Counters.Visits++|}; {|#1:--Counters.Active|}; return View(); }
                public IActionResult Pay(decimal amount) { {|#2:Counters.Revenue += amount|}; return View(); }
            }
            """,
            Write(0, "Controller 'ShopController'", "Counters.Visits"),
            Write(1, "Controller 'ShopController'", "Counters.Active", kind: "property"),
            Write(2, "Controller 'ShopController'", "Counters.Revenue"));
    }

    [Fact]
    public async Task Minimal_api_lambda_writing_static_state_is_reported()
    {
        await VerifyProgramAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            app.MapPost("/likes/{postId}", (string postId) => { {|#0:Store.Likes.Add(postId)|}; return Results.Ok(); });
            app.MapDelete("/likes", () => {|#1:Store.Likes.Clear()|});
            app.MapGet("/hits", () => {|#2:Store.Hits++|});
            app.Run();

            static class Store
            {
                public static readonly List<string> Likes = new();
                public static int Hits;
            }
            """,
            Write(0, "Route handler MapPost(\"/likes/{postId}\")", "Store.Likes"),
            Write(1, "Route handler MapDelete(\"/likes\")", "Store.Likes"),
            Write(2, "Route handler MapGet(\"/hits\")", "Store.Hits"));
    }

    [Fact]
    public async Task Middleware_delegates_writing_static_state_are_reported()
    {
        await VerifyProgramAsync("""
            using System.Threading;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            app.Use(async (context, next) => { {|#0:Interlocked.Increment(ref Metrics.InFlight)|}; await next(context); });
            app.UseWhen(context => {|#1:Metrics.Seen++|} > 0, branch => { });
            app.Run(async context => { {|#2:Metrics.Last = context.Request.Path|}; await context.Response.WriteAsync("ok"); });

            static class Metrics
            {
                public static int InFlight;
                public static int Seen;
                public static string? Last;
            }
            """,
            Write(0, "Middleware delegate Use(...)", "Metrics.InFlight"),
            Write(1, "Middleware delegate UseWhen(...)", "Metrics.Seen"),
            Write(2, "Middleware delegate Run(...)", "Metrics.Last"));
    }

    [Fact]
    public async Task Route_handler_method_group_and_local_function_are_handler_code()
    {
        await VerifyProgramAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            app.MapPost("/orders", Orders.Create);
            app.MapPut("/orders/{id}", Touch);
            app.Run();

            IResult Touch(int id) { {|#1:Orders.Touched[id] = true|}; return Results.NoContent(); }

            static class Orders
            {
                public static readonly Dictionary<int, bool> Touched = new();
                public static readonly List<string> All = new();
                public static IResult Create(string customerId) { {|#0:All.Add(customerId)|}; return Results.Created(); }
            }
            """,
            Write(0, "Route handler", "Orders.All", identity: "customerId"),
            Write(1, "Route handler", "Orders.Touched"));
    }

    [Fact]
    public async Task Endpoints_mapped_on_a_route_group_in_an_extension_class_are_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            public static class TodoEndpoints
            {
                private static readonly List<string> Todos = new();

                public static void MapTodos(this IEndpointRouteBuilder routes)
                {
                    var group = routes.MapGroup("/todos");
                    group.MapPost("/", (string title) => { {|#0:Todos.Add(title)|}; return Results.Ok(); });
                    group.MapMethods("/clear", new[] { "POST" }, () => {|#1:Todos.Clear()|});
                    group.MapPatch("/{i}", (int i, string title) => {|#2:Todos[i] = title|});
                }
            }
            """,
            Write(0, "Route handler MapPost(\"/\")", "TodoEndpoints.Todos"),
            Write(1, "Route handler MapMethods(\"/clear\")", "TodoEndpoints.Todos"),
            Write(2, "Route handler MapPatch(\"/{i}\")", "TodoEndpoints.Todos"));
    }

    [Fact]
    public async Task Message_handlers_and_functions_writing_static_state_are_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            namespace MediatR
            {
                public interface IRequest<out TResponse> { }
                public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
                {
                    Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
                }
            }

            namespace MassTransit
            {
                public interface ConsumeContext<out T> where T : class { T Message { get; } }
                public interface IConsumer<in TMessage> where TMessage : class { Task Consume(ConsumeContext<TMessage> context); }
            }

            namespace App
            {
                public static class Seen { public static readonly HashSet<string> Ids = new(); public static int Count; }
                public record Ping(string SessionId) : MediatR.IRequest<int>;
                public record OrderPlaced(string OrderId);

                public class PingHandler : MediatR.IRequestHandler<Ping, int>
                {
                    public Task<int> Handle(Ping request, CancellationToken cancellationToken)
                    {
                        {|#0:Seen.Ids.Add(request.SessionId)|};
                        return Task.FromResult(Seen.Ids.Count);
                    }
                }

                public class OrderConsumer : MassTransit.IConsumer<OrderPlaced>
                {
                    public Task Consume(MassTransit.ConsumeContext<OrderPlaced> context)
                    {
                        {|#1:Seen.Count++|};
                        return Task.CompletedTask;
                    }
                }
            }
            """,
            Write(0, "MediatR handler 'PingHandler'", "Seen.Ids", identity: "request.SessionId"),
            Write(1, "Consumer 'OrderConsumer'", "Seen.Count"));
    }

    [Fact]
    public async Task Static_state_of_a_base_type_written_from_a_derived_controller_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public abstract class AppController : ControllerBase
            {
                protected static readonly Dictionary<string, int> Quotas = new();
            }

            public class UploadController : AppController
            {
                [HttpPost]
                public IActionResult Upload()
                {
                    var tenantId = User.FindFirst("tid")?.Value ?? "";
                    {|#0:Quotas[tenantId] = Quotas.GetValueOrDefault(tenantId) + 1|};
                    return Ok();
                }
            }
            """,
            Write(0, "Controller 'UploadController'", "AppController.Quotas", identity: "tenantId"));
    }

    [Fact]
    public async Task Static_array_element_set_and_property_of_static_object_are_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public sealed class Board { public string? Leader { get; set; } }
            public static class Game
            {
                public static readonly int[] Scores = new int[10];
                public static readonly Board Current = new();
            }

            public class PlayModel : PageModel
            {
                public void OnPost(int slot, string username)
                {
                    {|#0:Game.Scores[slot] = 1|};
                    {|#1:Game.Current.Leader = username|};
                }
            }
            """,
            Write(0, "Page model 'PlayModel'", "Game.Scores"),
            Write(1, "Page model 'PlayModel'", "Game.Current", identity: "username"));
    }

    [Fact]
    public async Task Nested_lambda_inside_a_route_handler_is_handler_code()
    {
        await VerifyProgramAsync("""
            using System.Collections.Concurrent;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.MapPost("/vote/{option}", (string option) =>
                {|#0:Votes.Tally.AddOrUpdate(option, 1, (_, n) => n + 1)|});
            app.Run();

            static class Votes { public static readonly ConcurrentDictionary<string, int> Tally = new(); }
            """,
            Write(0, "Route handler MapPost(\"/vote/{option}\")", "Votes.Tally"));
    }

    [Fact]
    public async Task Static_helper_keyed_by_connection_id_is_per_client_state_wherever_it_is_written()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.SignalR;

            public static class OnlineUsers
            {
                private static readonly ConcurrentDictionary<string, string> Users = new();
                public static void Add(string connectionId, string name) => {|#0:Users[connectionId] = name|};
                public static void Remove(string connectionId) => {|#1:Users.TryRemove(connectionId, out _)|};
                public static IEnumerable<string> All => Users.Values;
            }

            public class ChatHub : Hub
            {
                public override Task OnConnectedAsync()
                {
                    OnlineUsers.Add(Context.ConnectionId, Context.User?.Identity?.Name ?? "");
                    return base.OnConnectedAsync();
                }
            }
            """,
            Write(0, "Method 'OnlineUsers.Add'", "OnlineUsers.Users", identity: "connectionId"),
            Write(1, "Method 'OnlineUsers.Remove'", "OnlineUsers.Users", identity: "connectionId"));
    }

    [Fact]
    public async Task Static_store_in_a_scoped_service_keyed_by_session_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            public class BasketService
            {
                private static readonly Dictionary<string, List<int>> Baskets = new();

                public void Add(string sessionId, int productId)
                {
                    if (!Baskets.TryGetValue(sessionId, out var items)) {|#0:Baskets[sessionId] = items = new List<int>()|};
                    items.Add(productId);
                }
            }
            """,
            Write(0, "Method 'BasketService.Add'", "BasketService.Baskets", identity: "sessionId"));
    }

    [Fact]
    public async Task Changing_a_list_stored_in_a_static_dictionary_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.SignalR;

            public static class Rooms
            {
                public static readonly Dictionary<string, List<string>> Members = new();
            }

            public class GroupHub : Hub
            {
                public Task Join(string group)
                {
                    {|#0:Rooms.Members[group].Add(Context.ConnectionId)|};
                    return Task.CompletedTask;
                }
            }
            """,
            Write(0, "Hub 'GroupHub'", "Rooms.Members", identity: "Context.ConnectionId"));
    }

    [Fact]
    public async Task Generic_static_store_written_from_a_generic_controller_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public static class Store<T> { public static readonly List<T> Items = new(); }

            public abstract class CrudController<T> : ControllerBase
            {
                [HttpPost] public IActionResult Add(T item) { {|#0:Store<T>.Items.Add(item)|}; return Ok(); }
            }

            public partial class NotesController : CrudController<string> { }
            public partial class NotesController { [HttpDelete] public void Clear() => {|#1:Store<string>.Items.Clear()|}; }
            """,
            Write(0, "Controller 'CrudController'", "Store.Items"),
            Write(1, "Controller 'NotesController'", "Store.Items"));
    }

    // ---------------------------------------------------------------- silent cases

    [Fact]
    public async Task Reads_of_static_state_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;

            public static class Catalog
            {
                public static readonly Dictionary<string, decimal> Prices = new() { ["a"] = 1m };
                public static readonly List<string> Names = new() { "a" };
            }

            public class PriceController : ControllerBase
            {
                public IActionResult Get(string sku) =>
                    Catalog.Prices.TryGetValue(sku, out var price) ? Ok(price) : NotFound(Catalog.Names.Take(3).Append("x").Reverse().ToList());
            }
            """);
    }

    [Fact]
    public async Task Writes_to_locals_and_instance_fields_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class ReportController : ControllerBase
            {
                private readonly List<string> _lines = new();
                private int _count;

                public IActionResult Build(string userId)
                {
                    var lines = new List<string>();
                    lines.Add(userId);
                    _lines.Add(userId);
                    _count++;
                    var total = 0;
                    total += lines.Count;
                    return Ok(total);
                }
            }
            """);
    }

    [Fact]
    public async Task State_declared_in_the_same_handler_type_is_left_to_STL1001()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class LikesController : ControllerBase
            {
                private static readonly Dictionary<string, int> Likes = new();
                private static int _total;

                public void Like(string postId) { Likes[postId] = 1; _total++; }
            }
            """);
    }

    [Fact]
    public async Task Writes_from_non_handler_code_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Reflection;

            public static class PropertyCache
            {
                private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Cache = new();
                private static int _misses;

                public static PropertyInfo[] For(Type type) => Cache.GetOrAdd(type, t => { _misses++; return t.GetProperties(); });
            }

            public class Worker
            {
                public void Run() => PropertyCache.For(typeof(Worker));
            }
            """);
    }

    [Fact]
    public async Task Helper_statics_keyed_by_non_request_data_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            public static class TemplateCache
            {
                private static readonly ConcurrentDictionary<string, string> Templates = new();
                private static readonly Dictionary<Type, Func<object>> Factories = new();
                private static int _loads;

                public static string Get(string templateName) => Templates.GetOrAdd(templateName, n => { _loads++; return "<" + n + ">"; });
                public static void Register(Type type, Func<object> factory) => Factories[type] = factory;
            }
            """);
    }

    [Fact]
    public async Task A_helper_keeping_the_requested_host_is_silent_but_one_keeping_the_callers_cookie_is_reported()
    {
        // VirtoCommerce's UrlHelperExtensions keep the Host and Scheme the platform was reached at: the server's own
        // address, the same for every client. A cookie of the request is the caller's.
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class UrlHelperExtensions
            {
                private static HostString _host;
                private static string? _scheme;
                private static string? _lastCart;

                public static void Configure(IHttpContextAccessor accessor)
                {
                    _host = accessor.HttpContext!.Request.Host;
                    _scheme = accessor.HttpContext!.Request.Scheme;
                    {|#0:_lastCart = accessor.HttpContext!.Request.Cookies["cart"]|};
                }
            }
            """,
            Write(0, "Method 'UrlHelperExtensions.Configure'", "UrlHelperExtensions._lastCart", identity: "accessor.HttpContext!.Request.Cookies[\"cart\"]"));
    }

    [Fact]
    public async Task Static_constructor_and_field_initializers_of_a_handler_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public static class Registry { public static readonly List<string> Names = new(); public static int Loaded; }

            public class SetupController : ControllerBase
            {
                private static readonly int Seed = Registry.Loaded++;

                static SetupController()
                {
                    Registry.Names.Add("setup");
                }
            }
            """);
    }

    [Fact]
    public async Task Per_flow_and_per_thread_statics_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Globalization;
            using System.Threading;
            using Microsoft.AspNetCore.Mvc;

            public static class Ambient
            {
                public static readonly AsyncLocal<string?> Tenant = new();
                [ThreadStatic] public static int Depth;
            }

            public class LocaleController : ControllerBase
            {
                public IActionResult Set(string tenantId)
                {
                    Ambient.Tenant.Value = tenantId;
                    Ambient.Depth++;
                    CultureInfo.CurrentCulture = new CultureInfo("de-DE");
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task Non_collection_services_with_mutating_sounding_methods_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Diagnostics.Metrics;
            using Microsoft.AspNetCore.Mvc;

            public static class Telemetry
            {
                public static readonly Meter Meter = new("shop");
                public static readonly Counter<long> Orders = Meter.CreateCounter<long>("orders");
            }

            public class OrderController : ControllerBase
            {
                public IActionResult Place()
                {
                    Telemetry.Orders.Add(1);
                    Console.Out.Write("placed");
                    Console.Out.WriteLine();
                    return Ok();
                }
            }
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
            builder.Services.AddSingleton(sp => { Startup.Steps.Add("singleton"); return new object(); });
            var app = builder.Build();
            app.Lifetime.ApplicationStarted.Register(() => Startup.Started = true);
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), branch => Startup.Steps.Add("branch"));
            app.Run();

            static class Startup
            {
                public static readonly List<string> Steps = new();
                public static bool Started;
            }
            """);
    }

    [Fact]
    public async Task Look_alike_map_and_use_methods_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            namespace MyRouting
            {
                public class Router
                {
                    public void MapGet(string pattern, Delegate handler) { }
                    public void Use(Func<object, Func<System.Threading.Tasks.Task>, System.Threading.Tasks.Task> middleware) { }
                }
            }

            namespace App
            {
                public static class Boot
                {
                    public static readonly List<string> Routes = new();

                    public static void Configure(MyRouting.Router router)
                    {
                        router.MapGet("/x", () => Routes.Add("x"));
                        router.Use((context, next) => { Routes.Clear(); return next(); });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Allow_process_state_silences_the_member_and_the_handler()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using Microsoft.AspNetCore.Mvc;
            using Stateless.Runtime;

            public static class Prices
            {
                [AllowProcessState("Read-through cache of public prices; a cold replica refetches them.")]
                public static readonly ConcurrentDictionary<string, decimal> Cache = new();
                public static readonly ConcurrentDictionary<string, decimal> Other = new();
            }

            public class PriceController : ControllerBase
            {
                public decimal Get(string sku) => Prices.Cache.GetOrAdd(sku, _ => 1m);
            }

            [AllowProcessState("Warm-up only: values are recomputed on a miss.")]
            public class WarmController : ControllerBase
            {
                public decimal Get(string sku) => Prices.Other.GetOrAdd(sku, _ => 2m);
            }
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
                        app.MapGet("/a", () => {|CS0103:Missing|}.Add(1));
                        app.MapPost("/b", {|CS0103:Unknown|});
                        {|CS0103:Nope|}++;
                    }
                }
                """,
        };
        await test.RunAsync();
    }

    // ---------------------------------------------------------------- shapes found in public repositories

    [Fact]
    public async Task Static_property_whose_setter_saves_to_a_file_is_silent()
    {
        // The setter decides where the value goes (Kavita writes appsettings.json); only auto-properties are storage.
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public static class Configuration
            {
                public static int Port
                {
                    get => System.IO.File.Exists("port") ? int.Parse(System.IO.File.ReadAllText("port")) : 5000;
                    set => System.IO.File.WriteAllText("port", value.ToString());
                }
            }

            public class SettingsController : ControllerBase
            {
                public IActionResult Save(int port) { Configuration.Port = port; return Ok(); }
            }
            """);
    }

    [Fact]
    public async Task Caller_token_in_a_static_http_client_is_reported_with_the_credentials_consequence()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public static class Backend { public static readonly HttpClient Http = new(); }

            public class OrdersController : ControllerBase
            {
                public async Task<IActionResult> Get(string accessToken)
                {
                    {|#0:Backend.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken)|};
                    return Ok(await Backend.Http.GetStringAsync("https://orders"));
                }
            }
            """,
            VerifyCS.Diagnostic(DiagnosticIds.STL1002_HandlerWritesSharedStaticState).WithLocation(0)
                .WithArguments("Controller 'OrdersController'", "field", "Backend.Http", "'s default request headers from 'accessToken'", Descriptors.SharedHeadersConsequence));
    }

    [Fact]
    public async Task Helper_write_with_an_identity_named_value_that_only_startup_runs_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.Extensions.DependencyInjection;

            public static class SeedUsers
            {
                private static readonly Dictionary<string, string> Users = new();
                public static IServiceCollection AddSeedUsers(this IServiceCollection services, string userName) { Remember(userName); return services; }
                private static void Remember(string userName) => Users[userName] = "seeded";
            }
            """);
    }

    [Fact]
    public async Task Static_search_cache_keyed_by_a_url_holding_the_process_account_is_silent_but_the_callers_name_is_reported()
    {
        // An indexer caches search results by the URL it fetched them from; the URL carries the indexer's own account on
        // the tracker, read from its configuration object. That is the process's identity, not the caller's. The
        // look-alike keys the same cache by the name of the user who searched.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class StringItem { public string Value { get; set; } = ""; }
            public class ConfigurationData { }
            public class ConfigurationDataUserPasskey : ConfigurationData { public StringItem Username { get; } = new(); public StringItem Passkey { get; } = new(); }
            public class ConfigurationDataTracker : ConfigurationDataUserPasskey { }
            public record CachedResult(string Query, string Results);

            public abstract class CachingIndexer
            {
                protected static readonly List<CachedResult> Cache = new();
            }

            public class TrackerIndexer : CachingIndexer
            {
                private readonly HttpClient _http = new();
                private ConfigurationDataTracker ConfigData { get; } = new();

                public async Task<string> Search(string term)
                {
                    var url = "https://tracker.example/search?username=" + ConfigData.Username.Value + "&pass=" + ConfigData.Passkey.Value + "&q=" + term;
                    lock (Cache)
                    {
                        var hit = Cache.Find(c => c.Query == url);
                        if (hit is not null) return hit.Results;
                    }

                    var results = await _http.GetStringAsync(url);
                    lock (Cache)
                    {
                        Cache.Add(new CachedResult(url, results));
                    }

                    return results;
                }

                public void Remember(string userName, string results)
                {
                    {|#0:Cache.Add(new CachedResult(userName, results))|};
                }
            }
            """,
            Write(0, "Method 'TrackerIndexer.Remember'", "CachingIndexer.Cache", identity: "userName"));
    }
}
