using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Stateless.Analyzers.ProcessState.MutableStaticStateAnalyzer,
    Stateless.CodeFixes.ProcessState.MutableStaticStateCodeFix>;
using static Stateless.Analyzers.Tests.ProcessState.MutableStaticStateResults;

namespace Stateless.Analyzers.Tests.ProcessState;

/// <summary>STL1001 (<see cref="Descriptors.STL1001_MutableStaticStateInHandler"/>): mutable static state in a handler.</summary>
public class STL1001_MutableStaticStateInHandlerTests
{
    // ---------------------------------------------------------------- reporting cases

    [Fact]
    public async Task Controller_static_dictionary_of_per_user_carts_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("cart")]
            public class CartController : ControllerBase
            {
                private static readonly Dictionary<string, List<string>> {|#0:Carts|} = new();

                [HttpPost("{userId}")]
                public IActionResult Add(string userId, string item)
                {
                    if (!Carts.TryGetValue(userId, out var cart)) Carts[userId] = cart = new List<string>();
                    cart.Add(item);
                    return Ok(cart.Count);
                }
            }
            """,
            Field(0, "CartController.Carts", "CartController", "holds a mutable Dictionary<string, List<string>> written with request identity 'userId', so it keeps per-client state"));
    }

    [Fact]
    public async Task Writable_static_counter_in_controller_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class VisitsController : Controller
            {
                private static int {|#0:_visits|};

                public IActionResult Index() => Content((++_visits).ToString());
            }
            """,
            Field(0, "VisitsController._visits", "VisitsController", "is writable"));
    }

    [Fact]
    public async Task Hub_online_users_in_static_readonly_concurrent_dictionary_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.SignalR;

            public class ChatHub : Hub
            {
                private static readonly ConcurrentDictionary<string, string> {|#0:OnlineUsers|} = new();

                public override Task OnConnectedAsync()
                {
                    OnlineUsers.TryAdd(Context.ConnectionId, Context.UserIdentifier ?? "anonymous");
                    return base.OnConnectedAsync();
                }
            }
            """,
            Field(0, "ChatHub.OnlineUsers", "ChatHub", "holds a mutable ConcurrentDictionary<string, string> written with request identity 'Context.ConnectionId', so it keeps per-client state"));
    }

    [Fact]
    public async Task Generic_hub_static_list_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.SignalR;

            public interface IChatClient { }

            public class RoomHub : Hub<IChatClient>
            {
                public static List<string> {|#0:Rooms|} = new();
            }
            """,
            Field(0, "RoomHub.Rooms", "RoomHub", "is writable and holds a mutable List<string>", unchanged: true));
    }

    [Fact]
    public async Task Razor_page_model_static_property_with_setter_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class CheckoutModel : PageModel
            {
                public static string? {|#0:LastOrderId|} { get; set; }

                public void OnPost(string orderId) => LastOrderId = orderId;
            }
            """,
            Property(0, "CheckoutModel.LastOrderId", "CheckoutModel", "is writable"));
    }

    [Fact]
    public async Task Get_only_static_auto_property_holding_a_hash_set_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class SessionsController : ControllerBase
            {
                public static HashSet<string> {|#0:ActiveSessions|} { get; } = new();
            }
            """,
            Property(0, "SessionsController.ActiveSessions", "SessionsController", "holds a mutable HashSet<string>", unchanged: true));
    }

    [Fact]
    public async Task Convention_middleware_static_array_and_string_builder_are_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Text;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public class AuditMiddleware
            {
                private static readonly long[] {|#0:_hitsPerMinute|} = new long[60];
                private static readonly StringBuilder {|#1:_log|} = new();
                private readonly RequestDelegate _next;

                public AuditMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    _log.Append(context.Request.Path);
                    await _next(context);
                }
            }
            """,
            Constant(0, "AuditMiddleware._hitsPerMinute", "long[]", "ImmutableArray<long>"),
            Field(1, "AuditMiddleware._log", "AuditMiddleware", "holds a mutable StringBuilder"));
    }

    [Fact]
    public async Task IMiddleware_implementation_static_queue_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class RecentRequestsMiddleware : IMiddleware
            {
                private static readonly Queue<string> {|#0:Recent|} = new();

                public Task InvokeAsync(HttpContext context, RequestDelegate next)
                {
                    Recent.Enqueue(context.TraceIdentifier);
                    return next(context);
                }
            }
            """,
            Field(0, "RecentRequestsMiddleware.Recent", "RecentRequestsMiddleware", "holds a mutable Queue<string>"));
    }

    [Fact]
    public async Task Controller_by_name_convention_without_base_class_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            namespace Shop.Web
            {
                public class OrdersController
                {
                    internal static IDictionary<int, string> {|#0:Orders|} = new Dictionary<int, string>();
                }

                public class Marker : Microsoft.AspNetCore.Mvc.ControllerBase { }
            }
            """,
            Field(0, "OrdersController.Orders", "OrdersController", "is writable and holds a mutable IDictionary<int, string>", unchanged: true));
    }

    [Fact]
    public async Task Lazy_of_mutable_collection_and_derived_controller_are_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public abstract class ApiControllerBase : ControllerBase { }

            public class ReportsController : ApiControllerBase
            {
                private static readonly Lazy<List<int>> {|#0:Cache|} = new(() => new List<int>());
            }
            """,
            Constant(0, "ReportsController.Cache", "Lazy<List<int>>", "an immutable or frozen collection"));
    }

    [Fact]
    public async Task Stateless_handler_attribute_marks_a_plain_class()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Stateless.Runtime;

            [StatelessHandler]
            public class OrderPlacedHandler
            {
                private static readonly List<string> {|#0:Seen|} = new();
            }
            """,
            Constant(0, "OrderPlacedHandler.Seen", "List<string>", "ImmutableArray<string>"));
    }

    [Fact]
    public async Task Middleware_settings_switched_on_by_its_UseX_extension_are_configuration_but_a_request_time_setter_is_state()
    {
        // FastEndpoints' AntiforgeryMiddleware: internal static settings that only UseAntiforgeryFE (an IApplicationBuilder
        // extension, startup code) sets. A setter some request code calls keeps state.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            sealed class AntiforgeryMiddleware(RequestDelegate next)
            {
                internal static bool IsRegistered { get; set; }
                internal static string[] AdditionalContentTypes { private get; set; } = [];
                internal static string? {|#0:LastPath|} { get; set; }

                public Task Invoke(HttpContext context) => IsRegistered && AdditionalContentTypes.Length > 0 ? next(context) : Task.CompletedTask;
            }

            public static class MiddlewareExtensions
            {
                public static IApplicationBuilder UseAntiforgeryFE(this IApplicationBuilder app, string[]? types = null)
                {
                    AntiforgeryMiddleware.IsRegistered = true;
                    if (types is not null)
                    {
                        AntiforgeryMiddleware.AdditionalContentTypes = types;
                    }

                    return app.UseMiddleware<AntiforgeryMiddleware>();
                }
            }

            public class Tracker
            {
                public void Track(HttpContext context) => AntiforgeryMiddleware.LastPath = context.Request.Path;
            }
            """,
            Property(0, "AntiforgeryMiddleware.LastPath", "AntiforgeryMiddleware", "is writable", unchanged: true));
    }

    [Fact]
    public async Task Statics_copied_from_configuration_on_each_construction_mirror_it_but_request_data_is_state()
    {
        // Radarr's and Sonarr's InitializeJsonController copy their config file's API key and URL base into statics in
        // every constructor: each replica copies the same values from its own configuration.
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.Options;

            public interface IConfigFileProvider { string ApiKey { get; } string UrlBase { get; } }

            public sealed class UiOptions { public string Theme { get; set; } = ""; }

            public class InitializeJsonController : Controller
            {
                private static string? _apiKey;
                private static string? _urlBase;
                private static string? _theme;
                private static string? _section;
                private static string? {|#0:_lastCaller|};

                public InitializeJsonController(IConfigFileProvider configFileProvider, IOptions<UiOptions> options, IConfiguration configuration)
                {
                    _apiKey = configFileProvider.ApiKey;
                    _urlBase = configFileProvider.UrlBase;
                    _theme = options.Value.Theme;
                    _section = configuration["Ui:Section"];
                }

                [HttpGet("/initialize.json")]
                public IActionResult Index()
                {
                    _lastCaller = User.Identity?.Name;
                    return Content(_apiKey + _urlBase + _theme + _section + _lastCaller, "application/json");
                }
            }
            """,
            Field(0, "InitializeJsonController._lastCaller", "InitializeJsonController", "is writable written with request identity 'User.Identity', so it keeps per-client state"));
    }

    [Fact]
    public async Task Partial_controller_reports_member_in_each_part()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using Microsoft.AspNetCore.Mvc;
                    public partial class ProfileController : ControllerBase { private static string {|#0:_last|} = ""; }
                    """,
                    """
                    using System.Collections.Generic;
                    public partial class ProfileController { private static readonly List<int> {|#1:_ids|} = new(); }
                    """,
                },
            },
        };
        test.ExpectedDiagnostics.Add(Field(0, "ProfileController._last", "ProfileController", "is writable", unchanged: true));
        test.ExpectedDiagnostics.Add(Constant(1, "ProfileController._ids", "List<int>", "ImmutableArray<int>"));
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        test.FixedState.Sources.Add("""
            using Microsoft.AspNetCore.Mvc;
            public partial class ProfileController : ControllerBase { private static string {|#0:_last|} = ""; }
            """);
        test.FixedState.Sources.Add("""
            using System.Collections.Generic;
            using System.Collections.Immutable;
            public partial class ProfileController { private static readonly ImmutableArray<int> _ids = new List<int>().ToImmutableArray(); }
            """);
        test.FixedState.ExpectedDiagnostics.Add(Field(0, "ProfileController._last", "ProfileController", "is writable", unchanged: true));
        await test.RunAsync();
    }

    // ---------------------------------------------------------------- silent look-alikes

    [Fact]
    public async Task Const_and_immutable_or_process_wide_static_readonly_fields_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Frozen;
            using System.Collections.Immutable;
            using System.Diagnostics;
            using System.Diagnostics.Metrics;
            using System.Net.Http;
            using System.Text.Json;
            using System.Text.RegularExpressions;
            using System.Threading;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Logging;

            public record Limits(int Max) { public int Min { get; init; } }

            public class CatalogController : ControllerBase
            {
                private const int PageSize = 20;
                private static readonly string Prefix = "catalog:";
                private static readonly int MaxItems = 100;
                private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
                private static readonly ImmutableArray<string> Sorts = ImmutableArray.Create("name", "price");
                private static readonly ImmutableDictionary<string, int> Weights = ImmutableDictionary<string, int>.Empty;
                private static readonly FrozenSet<string> Allowed = FrozenSet.ToFrozenSet(new[] { "a" });
                private static readonly Regex Sku = new("^[A-Z]{3}-[0-9]+$", RegexOptions.Compiled);
                private static readonly HttpClient Http = new();
                private static readonly ActivitySource Source = new("Catalog");
                private static readonly Meter Meter = new("Catalog");
                private static readonly Counter<long> Requests = Meter.CreateCounter<long>("requests");
                private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
                private static readonly Lazy<Regex> LazyRegex = new(() => new Regex("x"));
                private static readonly AsyncLocal<string?> Correlation = new();
                private static readonly object Gate = new();
                private static readonly Limits DefaultLimits = new(10);
                private static readonly ILogger? Logger = null;
                private static readonly DateTime Epoch = DateTime.UnixEpoch;
                private static readonly Func<int, int> Double = x => x * 2;
                private static readonly System.Collections.Generic.IReadOnlyList<int> Sizes = new[] { 1, 2 };
                private static int ComputedTotal => PageSize * MaxItems;
            }
            """);
    }

    [Fact]
    public async Task Instance_fields_of_per_request_handlers_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class BasketController : ControllerBase
            {
                private readonly List<string> _items = new();
                private int _count;
                public Dictionary<string, int> Totals { get; set; } = new();

                public IActionResult Add(string item) { _items.Add(item); _count++; return Ok(_count); }
            }
            """);
    }

    [Fact]
    public async Task Static_collection_in_non_handler_helper_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Reflection;

            public static class PropertyCache
            {
                private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Cache = new();

                public static PropertyInfo[] For(Type type) => Cache.GetOrAdd(type, t => t.GetProperties());
            }
            """);
    }

    [Fact]
    public async Task Controller_suffix_convention_needs_mvc_and_a_public_concrete_class()
    {
        // Without a reference to MVC no "…Controller" class is a handler; abstract, internal, nested and
        // [NonController] classes are never discovered by MVC either.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public abstract class BaseController { public static List<int> A = new(); }
            internal class InternalController { public static List<int> B = new(); }
            public class Outer { public class NestedController { public static List<int> C = new(); } }
            [NonController] public class NotAController : ControllerBase { public static List<int> D = new(); }
            public class Helpers { public static List<int> E = new(); }
            """);
    }

    [Fact]
    public async Task Same_simple_names_in_other_namespaces_are_not_handlers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            namespace MyFramework.SignalR { public abstract class Hub { } }
            namespace MyFramework.Mvc { public abstract class ControllerBase { } public sealed class ApiControllerAttribute : System.Attribute { } }
            namespace MyFramework.Pages { public abstract class PageModel { } }

            namespace App
            {
                public class NotificationHub : MyFramework.SignalR.Hub { public static List<string> Users = new(); }
                [MyFramework.Mvc.ApiController] public class Widgets : MyFramework.Mvc.ControllerBase { public static Dictionary<int, int> Map = new(); }
                public class Page : MyFramework.Pages.PageModel { public static int Count; }
            }
            """);
    }

    [Fact]
    public async Task Allow_process_state_with_a_reason_silences_member_and_type()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using Microsoft.AspNetCore.Mvc;
            using Stateless.Runtime;

            public class PricesController : ControllerBase
            {
                [AllowProcessState("Read-through cache of public prices; a cold replica refetches them.")]
                private static readonly ConcurrentDictionary<string, decimal> Prices = new();
            }

            [AllowProcessState("Sticky for speed only: every value is recomputed on a miss.")]
            public class RatesController : ControllerBase
            {
                private static readonly ConcurrentDictionary<string, decimal> Rates = new();
            }
            """);
    }

    [Fact]
    public async Task Computed_static_properties_events_and_static_classes_without_handlers_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public class StatusController : ControllerBase
            {
                private static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>();
                public static string Version => typeof(StatusController).Assembly.GetName().Version?.ToString() ?? "";
                public static IEnumerable<string> Names => Labels.Keys;
                public static string Describe(string key) => Labels.TryGetValue(key, out var label) ? label : key;
            }
            """);
    }

    [Fact]
    public async Task Readonly_static_of_unknown_service_type_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public sealed class PriceCalculator { public decimal Net(decimal gross) => gross / 1.2m; }

            public class InvoiceController : ControllerBase
            {
                private static readonly PriceCalculator Calculator = new();
                private static readonly System.Threading.SemaphoreSlim Gate = new(1, 1);
            }
            """);
    }

    [Fact]
    public async Task Registry_filled_by_the_static_constructor_or_startup_code_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;

            public class ReportsController : ControllerBase
            {
                private static readonly Dictionary<string, Type> Reports = new();
                public static readonly List<string> Names = new();

                static ReportsController() => Reports["sales"] = typeof(string);

                public static void Register(IApplicationBuilder app, string name) => Names.Add(name);

                public IActionResult Get(string name) => Ok(Reports[name].Name + Names.Count);
            }
            """);
    }

    [Fact]
    public async Task Bytes_loaded_by_the_static_constructor_and_served_through_a_memory_stream_are_silent()
    {
        // Squidex's UsersController reads a default avatar from a resource in its static constructor and serves it as
        // new FileStreamResult(new MemoryStream(bytes)): the response only reads the stream. A memory stream kept in a
        // local may be written through, so that look-alike stays state.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class UsersController : ControllerBase
            {
                private static readonly byte[] AvatarBytes;
                private static readonly byte[] {|#0:Scratch|} = new byte[64];

                static UsersController()
                {
                    using var resource = typeof(UsersController).Assembly.GetManifestResourceStream("Avatar.png")!;
                    AvatarBytes = new byte[resource.Length];
                    _ = resource.Read(AvatarBytes, 0, AvatarBytes.Length);
                }

                public IActionResult Avatar() => new FileStreamResult(new MemoryStream(AvatarBytes), "image/png");

                public IActionResult Download() => File(new MemoryStream(AvatarBytes), "image/png");

                public IResult Minimal() => Results.Stream(new MemoryStream(AvatarBytes), "image/png");

                public IActionResult Echo(string text)
                {
                    var stream = new MemoryStream(Scratch);
                    stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
                    return File(Scratch, "text/plain");
                }
            }
            """,
            Field(0, "UsersController.Scratch", "UsersController", "holds a mutable byte[]"));
    }

    [Fact]
    public async Task Flag_that_only_latches_to_true_is_silent_but_one_that_toggles_is_reported()
    {
        // The OpenIddict samples' AccountController (and older ASP.NET templates): "_databaseChecked = true" before creating
        // the database once per process. Every replica checks once; nothing of a client's is kept. A flag that handlers
        // also reset is a switch one replica holds.
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : ControllerBase
            {
                private static bool _databaseChecked;
                private static bool {|#0:_maintenance|};

                public IActionResult Register()
                {
                    EnsureDatabaseCreated();
                    return _maintenance ? StatusCode(503) : Ok();
                }

                public void StartMaintenance() => _maintenance = true;

                public void StopMaintenance() => _maintenance = false;

                private static void EnsureDatabaseCreated()
                {
                    if (!_databaseChecked)
                    {
                        _databaseChecked = true;
                    }
                }
            }
            """,
            Field(0, "AccountController._maintenance", "AccountController", "is writable"));
    }

    [Fact]
    public async Task Constant_select_items_handed_to_the_view_are_not_changed_but_handed_to_other_code_may_be()
    {
        // Smartstore's ProductReviewController: a static readonly SelectListItem[] put in ViewBag for the view to render.
        // Handing it to a method of this code base may change it: that one stays STL1001's.
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Rendering;

            public class ProductReviewController : Controller
            {
                private static readonly SelectListItem[] {|#0:_ratings|} = { new() { Text = "1", Value = "1" }, new() { Text = "2", Value = "2" } };
                private static readonly SelectListItem[] {|#1:_states|} = { new() { Text = "open", Value = "0" } };
                private static readonly SelectListItem[] {|#2:_sorts|} = { new() { Text = "new", Value = "0" } };

                public IActionResult List()
                {
                    ViewBag.Ratings = _ratings;
                    ViewData["States"] = _states;
                    Shuffle(_sorts);
                    return View();
                }

                private static void Shuffle(SelectListItem[] items) => items[0] = items[items.Length - 1];
            }
            """,
            Constant(0, "ProductReviewController._ratings", "SelectListItem[]", "ImmutableArray<SelectListItem>"),
            Constant(1, "ProductReviewController._states", "SelectListItem[]", "ImmutableArray<SelectListItem>"),
            Field(2, "ProductReviewController._sorts", "ProductReviewController", "holds a mutable SelectListItem[]"));
    }

    [Fact]
    public async Task Game_object_named_like_a_controller_is_not_a_handler()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            public class MapDescriptor { }

            public class MapController : MapDescriptor
            {
                private static Dictionary<int, MapController>? s_lookup;
                public static Dictionary<int, MapController> Lookup => s_lookup ??= new();
            }

            public class Marker : Microsoft.AspNetCore.Mvc.ControllerBase { }
            """);
    }
}
