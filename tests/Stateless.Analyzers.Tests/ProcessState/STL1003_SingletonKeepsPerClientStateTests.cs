using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.ProcessState.SingletonStateAnalyzer>;

namespace Stateless.Analyzers.Tests.ProcessState;

/// <summary>STL1003: singleton service keeps per-client state.</summary>
public class STL1003_SingletonKeepsPerClientStateTests
{
    private static DiagnosticResult Kept(int location, string singleton, string what, string field, string? identity = null, bool isStatic = false, string owner = "Singleton", bool isProperty = false) =>
        VerifyCS.Diagnostic(DiagnosticIds.STL1003_SingletonKeepsPerClientState)
            .WithLocation(location)
            .WithArguments(
                owner + " '" + singleton + "'",
                what,
                (isStatic ? "static " : string.Empty) + (isProperty ? "property '" : "field '") + field + "'",
                identity is null ? string.Empty : " keyed or filled by request identity '" + identity + "', so it is per-client state",
                identity is null ? Descriptors.SharedSingletonStateConsequence : Descriptors.SingletonStateConsequence);

    private static string Changed(string type) => "a mutable " + type + " changed after construction";

    private static string Assigned(string type) => "state of type " + type + " assigned after construction";

    /// <summary>Registration and service in different files, as in a real project.</summary>
    private static Task VerifyAsync(string registration, string service, params DiagnosticResult[] expected) =>
        VerifyAsync(registration, service, OutputKind.DynamicallyLinkedLibrary, expected);

    private static Task VerifyAsync(string registration, string service, OutputKind kind, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add(("/0/Program.cs", registration));
        test.TestState.Sources.Add(("/0/Service.cs", service));
        test.TestState.OutputKind = kind;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string Services = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        public static class Registrations
        {
            public static void Add(IServiceCollection services)
            {
                REGISTRATION
            }
        }
        """;

    private static string Register(string registration) => Services.Replace("REGISTRATION", registration, System.StringComparison.Ordinal);

    /// <summary>
    /// A controller action making <paramref name="calls"/>, appended to a service file: without request identity a write
    /// is state only when handler code reaches it (RULES.md, *Where the rules look*), so such a write needs this caller.
    /// </summary>
    private static string CalledFromHandler(string parameters, string calls) => $$"""


        public class CallerController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            public void Post({{parameters}}) { {{calls}} }
        }
        """;

    // ---------------------------------------------------------------- reporting cases

    [Fact]
    public async Task A_collection_type_nested_in_a_generic_type_is_judged_like_any_other()
    {
        // Outer<int>.Pending has no type arguments of its own though IsGenericType is true (found in YARP: it threw).
        await VerifyAsync(Register("services.AddSingleton<Tracker>();"), """
            using System.Collections.Generic;

            public class Outer<T>
            {
                public sealed class Pending : List<string> { }
            }

            public sealed class Tracker
            {
                private readonly Outer<int>.Pending {|#0:_pending|} = new();

                public void Track(string userId) => _pending.Add(userId);
            }
            """,
            Kept(0, "Tracker", Changed("Pending"), "_pending", identity: "userId"));
    }

    [Fact]
    public async Task Singleton_cart_keyed_by_user_id_is_reported_as_per_client()
    {
        await VerifyAsync(Register("services.AddSingleton<ICartService, CartService>();"), """
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            public interface ICartService { void Add(string userId, string item); }

            public sealed class CartService : ICartService
            {
                private readonly ConcurrentDictionary<string, List<string>> {|#0:_carts|} = new();

                public void Add(string userId, string item) =>
                    _carts.AddOrUpdate(userId, _ => new List<string> { item }, (_, list) => { list.Add(item); return list; });
            }
            """,
            Kept(0, "CartService", Changed("ConcurrentDictionary<string, List<string>>"), "_carts", identity: "userId"));
    }

    [Fact]
    public async Task Login_attempt_counter_keyed_by_username_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton<LoginAttemptService>();"), """
            using System;
            using System.Collections.Generic;

            public class LoginAttemptService
            {
                private readonly Dictionary<string, int> {|#0:_failures|} = new(StringComparer.OrdinalIgnoreCase);
                private DateTime {|#1:_lastFailure|};

                public void Fail(string username)
                {
                    _failures[username] = _failures.TryGetValue(username, out var n) ? n + 1 : 1;
                    _lastFailure = DateTime.UtcNow;
                }

                public bool IsLocked(string username) => _failures.TryGetValue(username, out var n) && n >= 5;
            }
            """ + CalledFromHandler("LoginAttemptService attempts, string name", "attempts.Fail(name);"),
            Kept(0, "LoginAttemptService", Changed("Dictionary<string, int>"), "_failures", identity: "username"),
            Kept(1, "LoginAttemptService", Assigned("DateTime"), "_lastFailure"));
    }

    [Fact]
    public async Task Typeof_registrations_are_found()
    {
        await VerifyAsync(Register("""
            services.AddSingleton(typeof(SessionStore));
            services.AddSingleton(typeof(ITokenStore), typeof(TokenStore));
            """), """
            using System.Collections.Generic;

            public class SessionStore
            {
                private readonly HashSet<string> {|#0:_sessions|} = new();
                public void Open(string sessionId) => _sessions.Add(sessionId);
            }

            public interface ITokenStore { }
            public class TokenStore : ITokenStore
            {
                private string? {|#1:_current|};
                public void Set(string token) => _current = token;
            }
            """ + CalledFromHandler("TokenStore tokens", "tokens.Set(\"t\");"),
            Kept(0, "SessionStore", Changed("HashSet<string>"), "_sessions", identity: "sessionId"),
            Kept(1, "TokenStore", Assigned("string?"), "_current"));
    }

    [Fact]
    public async Task Instance_and_factory_registrations_are_found()
    {
        await VerifyAsync(Register("""
            services.AddSingleton(new PresenceTracker());
            services.AddSingleton<IRateLimiter>(sp => new RateLimiter(10));
            """), """
            using System.Collections.Generic;

            public class PresenceTracker
            {
                private readonly Dictionary<string, int> {|#0:_online|} = new();
                public void Connected(string connectionId) => _online[connectionId] = 1;
            }

            public interface IRateLimiter { bool Allow(string clientId); }
            public class RateLimiter : IRateLimiter
            {
                private readonly int _limit;
                private readonly Dictionary<string, Queue<System.DateTime>> {|#1:_hits|} = new();
                public RateLimiter(int limit) => _limit = limit;
                public bool Allow(string clientId)
                {
                    if (!_hits.TryGetValue(clientId, out var q)) _hits.Add(clientId, q = new Queue<System.DateTime>());
                    q.Enqueue(System.DateTime.UtcNow);
                    return q.Count <= _limit;
                }
            }
            """,
            Kept(0, "PresenceTracker", Changed("Dictionary<string, int>"), "_online", identity: "connectionId"),
            Kept(1, "RateLimiter", Changed("Dictionary<string, Queue<DateTime>>"), "_hits", identity: "clientId"));
    }

    [Fact]
    public async Task Try_add_singleton_forms_are_found()
    {
        await VerifyAsync(Register("""
            services.TryAddSingleton<Inbox>();
            services.TryAddSingleton<IOutbox, Outbox>();
            services.TryAddSingleton(typeof(Drafts));
            """), """
            using System.Collections.Generic;

            public class Inbox { private readonly List<string> {|#0:_messages|} = new(); public void Push(string m) => _messages.Add(m); }
            public interface IOutbox { }
            public class Outbox : IOutbox { private int {|#1:_sent|}; public void Sent() => _sent++; }
            public class Drafts { private readonly Queue<string> {|#2:_drafts|} = new(); public void Save(string d) => _drafts.Enqueue(d); }
            """ + CalledFromHandler("Inbox inbox, Outbox outbox, Drafts drafts", "inbox.Push(\"m\"); outbox.Sent(); drafts.Save(\"d\");"),
            Kept(0, "Inbox", Changed("List<string>"), "_messages"),
            Kept(1, "Outbox", Assigned("int"), "_sent"),
            Kept(2, "Drafts", Changed("Queue<string>"), "_drafts"));
    }

    [Fact]
    public async Task Top_level_program_registration_is_found()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<WishlistService>();
            var app = builder.Build();
            app.Run();
            """, """
            using System.Collections.Generic;

            public class WishlistService
            {
                public Dictionary<string, List<int>> {|#0:Lists|} { get; } = new();
                public void Add(string customerId, int productId)
                {
                    if (!Lists.ContainsKey(customerId)) Lists[customerId] = new List<int>();
                    Lists[customerId].Add(productId);
                }
            }
            """,
            OutputKind.ConsoleApplication,
            Kept(0, "WishlistService", Changed("Dictionary<string, List<int>>"), "Lists", identity: "customerId", isProperty: true));
    }

    [Fact]
    public async Task Convention_middleware_added_with_use_middleware_is_a_singleton()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;

            public static class Pipeline
            {
                public static void Configure(IApplicationBuilder app) => app.UseMiddleware<ThrottleMiddleware>();
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class ThrottleMiddleware
            {
                private readonly RequestDelegate _next;
                private readonly Dictionary<string, int> {|#0:_counts|} = new();
                public ThrottleMiddleware(RequestDelegate next) => _next = next;

                public Task InvokeAsync(HttpContext context)
                {
                    var ip = context.Connection.RemoteIpAddress?.ToString() ?? "";
                    _counts[ip] = _counts.GetValueOrDefault(ip) + 1;
                    return _next(context);
                }
            }
            """,
            Kept(0, "ThrottleMiddleware", Changed("Dictionary<string, int>"), "_counts", identity: "ip"));
    }

    [Fact]
    public async Task Field_declared_in_a_base_class_of_the_singleton_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton<IGameService, ChessService>();"), """
            using System.Collections.Generic;

            public abstract class GameServiceBase
            {
                protected readonly Dictionary<string, string> {|#0:Games|} = new();
                public void Join(string userId, string gameId) => Games[userId] = gameId;
            }

            public interface IGameService { }
            public sealed class ChessService : GameServiceBase, IGameService { }
            """,
            Kept(0, "ChessService", Changed("Dictionary<string, string>"), "Games", identity: "userId"));
    }

    [Fact]
    public async Task Generic_and_partial_singletons_are_reported()
    {
        await VerifyAsync(Register("""
            services.AddSingleton(typeof(Registry<>));
            services.AddSingleton<Notes>();
            """), """
            using System.Collections.Generic;

            public class Registry<T>
            {
                private readonly List<T> {|#0:_items|} = new();
                public void Add(T item) => _items.Add(item);
            }

            public partial class Notes { private readonly List<string> {|#1:_notes|} = new(); }
            public partial class Notes { public void Write(string note) => _notes.Add(note); }
            """ + CalledFromHandler("Registry<int> registry, Notes notes", "registry.Add(1); notes.Write(\"n\");"),
            Kept(0, "Registry", Changed("List<T>"), "_items"),
            Kept(1, "Notes", Changed("List<string>"), "_notes"));
    }

    [Fact]
    public async Task Memory_cache_filled_with_per_user_data_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton<ProfileCache>();"), """
            using Microsoft.Extensions.Caching.Memory;

            public class ProfileCache
            {
                private readonly IMemoryCache {|#0:_cache|} = new MemoryCache(new MemoryCacheOptions());
                public void Remember(string userId, string profile) => _cache.Set("profile:" + userId, profile);
            }
            """,
            Kept(0, "ProfileCache", Changed("IMemoryCache"), "_cache", identity: "userId"));
    }

    [Fact]
    public async Task Collection_reassigned_outside_the_constructor_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton<Leaderboard>();"), """
            using System.Collections.Generic;

            public class Leaderboard
            {
                private List<string> {|#0:_top|} = new();
                public void Reset() => _top = new List<string>();
            }
            """ + CalledFromHandler("Leaderboard board", "board.Reset();"),
            Kept(0, "Leaderboard", Assigned("List<string>"), "_top"));
    }

    [Fact]
    public async Task Presence_tracker_adding_to_a_list_inside_its_dictionary_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton<PresenceTracker>();"), """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class PresenceTracker
            {
                private readonly Dictionary<string, List<string>> {|#0:_onlineUsers|} = new();

                public Task<bool> UserConnected(string username, string connectionId)
                {
                    lock (_onlineUsers)
                    {
                        if (_onlineUsers.ContainsKey(username)) { _onlineUsers[username].Add(connectionId); return Task.FromResult(false); }
                    }

                    return Task.FromResult(true);
                }
            }
            """,
            Kept(0, "PresenceTracker", Changed("Dictionary<string, List<string>>"), "_onlineUsers", identity: "username"));
    }

    [Fact]
    public async Task Static_state_of_a_singleton_is_reported_unless_keyed_by_identity()
    {
        // The identity-keyed static is reported by STL1002 at its write, so it is not reported twice.
        await VerifyAsync(Register("services.AddSingleton<IdGenerator>();"), """
            using System.Collections.Generic;

            public sealed class IdGenerator
            {
                private static long {|#0:_next|};
                private static readonly List<long> {|#1:Issued|} = new();
                private static readonly Dictionary<string, long> ByUser = new();

                public long Next(string userId)
                {
                    var id = ++_next;
                    Issued.Add(id);
                    ByUser[userId] = id;
                    return id;
                }
            }
            """ + CalledFromHandler("IdGenerator ids", "ids.Next(\"u\");"),
            Kept(0, "IdGenerator", Assigned("long"), "_next", isStatic: true),
            Kept(1, "IdGenerator", Changed("List<long>"), "Issued", isStatic: true));
    }

    [Fact]
    public async Task Static_store_of_a_scoped_service_is_reported()
    {
        await VerifyAsync(Register("""
            services.AddScoped<ITodoService, TodoService>();
            services.AddTransient<Counter>();
            """), """
            using System.Collections.Generic;

            public record Todo(int Id, string Title);
            public interface ITodoService { void Add(Todo todo); }

            public class TodoService : ITodoService
            {
                private static readonly List<Todo> {|#0:Todos|} = new();
                private readonly List<Todo> _pending = new();
                public void Add(Todo todo) { Todos.Add(todo); _pending.Add(todo); }
            }

            public class Counter
            {
                private static int {|#1:_total|};
                private int _mine;
                public int Hit() { _mine++; return ++_total; }
            }
            """ + CalledFromHandler("ITodoService todos, Counter counter", "todos.Add(new Todo(1, \"t\")); counter.Hit();"),
            Kept(0, "TodoService", Changed("List<Todo>"), "Todos", isStatic: true, owner: "Service"),
            Kept(1, "Counter", Assigned("int"), "_total", isStatic: true, owner: "Service"));
    }

    [Fact]
    public async Task Singleton_current_user_holder_set_from_handler_code_is_reported()
    {
        await VerifyAsync("""
            using System.Security.Claims;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<CurrentUser>();
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                var current = context.RequestServices.GetRequiredService<CurrentUser>();
                current.UserId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
                current.Requests++;
                await next(context);
            });
            app.Run();
            """, """
            public sealed class CurrentUser
            {
                public string? {|#0:UserId|} { get; set; }
                public int {|#1:Requests|} { get; set; }
            }
            """,
            OutputKind.ConsoleApplication,
            Kept(0, "CurrentUser", Assigned("string?"), "UserId", identity: "context.User.FindFirstValue(ClaimTypes.NameIdentifier)", isProperty: true),
            Kept(1, "CurrentUser", Assigned("int"), "Requests", isProperty: true));
    }

    // ---------------------------------------------------------------- silent cases

    [Fact]
    public async Task Scoped_and_transient_registrations_are_silent()
    {
        await VerifyAsync(Register("""
            services.AddScoped<CartService>();
            services.AddTransient<ICounter, Counter>();
            services.TryAddScoped<Basket>();
            """), """
            using System.Collections.Generic;

            public class CartService { private readonly Dictionary<string, int> _items = new(); public void Add(string userId) => _items[userId] = 1; }
            public interface ICounter { }
            public class Counter : ICounter { private int _n; public void Hit() => _n++; }
            public class Basket { private readonly List<string> _lines = new(); public void Add(string l) => _lines.Add(l); }
            """);
    }

    [Fact]
    public async Task Unregistered_types_are_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<Clock>();"), """
            using System.Collections.Generic;

            public class Clock { public System.DateTime Now => System.DateTime.UtcNow; }
            public class Stash { private readonly List<string> _items = new(); public void Add(string i) => _items.Add(i); }
            """);
    }

    [Fact]
    public async Task Singletons_holding_options_clients_loggers_and_distributed_caches_are_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<CatalogClient>();"), """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;
            using Microsoft.Extensions.Logging;
            using Microsoft.Extensions.Options;

            public sealed class CatalogOptions { public string BaseUrl { get; set; } = ""; }

            public sealed class CatalogClient
            {
                private readonly HttpClient _http;
                private readonly IDistributedCache _cache;
                private readonly ILogger<CatalogClient> _logger;
                private readonly CatalogOptions _options;

                public CatalogClient(IHttpClientFactory factory, IDistributedCache cache, ILogger<CatalogClient> logger, IOptions<CatalogOptions> options)
                {
                    _http = factory.CreateClient("catalog");
                    _cache = cache;
                    _logger = logger;
                    _options = options.Value;
                }

                public Task Remember(string userId, string value) => _cache.SetStringAsync("cart:" + userId, value);
            }
            """);
    }

    [Fact]
    public async Task Readonly_immutable_data_and_constructor_writes_are_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<CountryList>();"), """
            using System.Collections.Generic;
            using System.Collections.Immutable;

            public sealed class CountryList
            {
                private readonly ImmutableArray<string> _codes;
                private readonly Dictionary<string, string> _names = new();
                private int _version;

                public CountryList()
                {
                    _codes = ImmutableArray.Create("DE", "FR");
                    _names["DE"] = "Germany";
                    _names.Add("FR", "France");
                    _version = 1;
                }

                public string Name(string code) => _names.TryGetValue(code, out var n) ? n : code;
                public int Version => _version;
            }
            """);
    }

    [Fact]
    public async Task Process_wide_reflection_memo_keyed_by_type_is_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<SerializerCache>();"), """
            using System;
            using System.Collections.Concurrent;
            using System.Reflection;

            public sealed class SerializerCache
            {
                private readonly ConcurrentDictionary<Type, PropertyInfo[]> _properties = new();
                public PropertyInfo[] For(Type type) => _properties.GetOrAdd(type, t => t.GetProperties());
            }
            """);
    }

    [Fact]
    public async Task Memory_cache_of_shared_data_is_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<ProductCache>();"), """
            using Microsoft.Extensions.Caching.Memory;

            public class ProductCache
            {
                private readonly IMemoryCache _cache;
                public ProductCache(IMemoryCache cache) => _cache = cache;
                public string Get(int productId) => _cache.GetOrCreate("product:" + productId, _ => "loaded")!;
            }
            """);
    }

    [Fact]
    public async Task Lazily_created_clients_and_dispose_flags_are_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<ConnectionHolder>();"), """
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class ConnectionHolder : IDisposable
            {
                private HttpClient? _client;
                private Task<string>? _warmup;
                private CancellationTokenSource? _cts;
                private bool _disposed;

                public HttpClient Client => _client ??= new HttpClient();
                public Task<string> Warmup() => _warmup ??= Task.FromResult("ok");
                public void Restart() { _cts = new CancellationTokenSource(); }
                public void Dispose() { _disposed = true; _client?.Dispose(); }
            }
            """);
    }

    [Fact]
    public async Task Lazily_computed_shared_data_is_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<ProductCatalog>();"), """
            using System.Collections.Generic;

            public sealed class ProductCatalog
            {
                private List<string>? _products;
                private Dictionary<string, decimal>? _prices;
                private string? _banner;

                public IReadOnlyList<string> All() => _products ??= Load();

                public decimal Price(string sku)
                {
                    if (_prices == null)
                    {
                        _prices = new Dictionary<string, decimal> { ["a"] = 1m };
                    }

                    return _prices[sku];
                }

                public string Banner() { if (_banner is null) _banner = "Welcome"; return _banner; }

                private static List<string> Load() => new() { "a", "b" };
            }
            """);
    }

    [Fact]
    public async Task Registries_of_handlers_and_types_are_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<CommandRegistry>();"), """
            using System;
            using System.Collections.Generic;

            public sealed class CommandRegistry
            {
                private readonly Dictionary<string, Func<string, string>> _handlers = new();
                private readonly List<Type> _types = new();
                public void Register(string name, Func<string, string> handler) { _handlers[name] = handler; _types.Add(handler.Method.DeclaringType!); }
            }
            """);
    }

    [Fact]
    public async Task Memo_caches_filled_only_by_get_or_add_are_silent()
    {
        await VerifyAsync(Register("""
            services.AddSingleton<PatternCache>();
            services.AddScoped<TemplateRenderer>();
            """), """
            using System.Collections.Concurrent;
            using System.Text.RegularExpressions;

            public sealed class PatternCache
            {
                private readonly ConcurrentDictionary<string, Regex> _patterns = new();
                public Regex For(string pattern) => _patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.Compiled));
            }

            public sealed class TemplateRenderer
            {
                private static readonly ConcurrentDictionary<string, string> Compiled = new();
                public string Render(string templateName) => Compiled.GetOrAdd(templateName, n => "<" + n + ">");
            }
            """);
    }

    [Fact]
    public async Task Settings_object_filled_at_startup_before_registration_is_silent()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var jwt = new JwtSettings();
            jwt.Issuer = builder.Configuration["Jwt:Issuer"] ?? "me";
            jwt.Audiences.Add("api");
            builder.Services.AddSingleton(jwt);
            builder.Services.AddSingleton(new MailSettings { Host = "smtp" });
            var app = builder.Build();
            app.Run();
            """, """
            using System.Collections.Generic;

            public sealed class JwtSettings { public string Issuer { get; set; } = ""; public List<string> Audiences { get; } = new(); }
            public sealed class MailSettings { public string Host { get; set; } = ""; }
            """,
            OutputKind.ConsoleApplication);
    }

    [Fact]
    public async Task Allow_process_state_silences_field_and_type()
    {
        await VerifyAsync(Register("""
            services.AddSingleton<RateCache>();
            services.AddSingleton<WarmCache>();
            """), """
            using System.Collections.Concurrent;
            using Stateless.Runtime;

            public class RateCache
            {
                [AllowProcessState("Public exchange rates; a cold replica refetches them.")]
                private readonly ConcurrentDictionary<string, decimal> _rates = new();
                public void Put(string currency, decimal rate) => _rates[currency] = rate;
            }

            [AllowProcessState("Warm-up hints only; every miss is recomputed.")]
            public class WarmCache
            {
                private readonly ConcurrentDictionary<string, int> _hints = new();
                public void Put(string key) => _hints[key] = 1;
            }
            """);
    }

    [Fact]
    public async Task Look_alike_add_singleton_is_silent()
    {
        await VerifyAsync("""
            namespace MyDi
            {
                public class Container { public void AddSingleton<T>() { } }
                public static class Setup { public static void Run(Container c) => c.AddSingleton<Tracker>(); }
            }
            """, """
            using System.Collections.Generic;

            public class Tracker { private readonly List<string> _seen = new(); public void See(string s) => _seen.Add(s); }
            """);
    }

    [Fact]
    public async Task IMiddleware_implementations_added_with_use_middleware_are_silent()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public static class Pipeline
            {
                public static void Services(IServiceCollection services) => services.AddScoped<AuditMiddleware>();
                public static void Configure(IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class AuditMiddleware : IMiddleware
            {
                private readonly List<string> _lines = new();
                public Task InvokeAsync(HttpContext context, RequestDelegate next) { _lines.Add(context.Request.Path); return next(context); }
            }
            """);
    }

    [Fact]
    public async Task Request_objects_in_singletons_are_left_to_STL1005_and_reads_are_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<Tracker>();"), """
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Http;

            public class Tracker
            {
                private HttpContext? _context;
                private readonly List<string> _seed = new() { "a" };
                public void Track(HttpContext context) => _context = context;
                public int Count() => _seed.Count + _seed.IndexOf("a");
            }
            """);
    }

    [Fact]
    public async Task A_pool_of_own_clients_wrapping_an_http_client_is_silent_but_clients_holding_data_are_reported()
    {
        // dotnetcore/CAP's dashboard proxy pools its IHttpClient wrappers per route: handles of this process. The
        // look-alike's "client" is a record of what a caller sent: data, reported.
        await VerifyAsync(Register("services.AddSingleton<ClientPool>(); services.AddSingleton<Lobby>();"), """
            using System.Collections.Concurrent;
            using System.Net.Http;

            public interface IHttpClient { HttpClient Client { get; } }
            public sealed class HttpClientWrapper : IHttpClient { public HttpClient Client { get; } = new(); }

            public class ClientPool
            {
                private readonly ConcurrentDictionary<string, ConcurrentQueue<IHttpClient>> _clients = new();

                public void Return(string route, IHttpClient client)
                {
                    if (_clients.TryGetValue(route, out var queue))
                    {
                        queue.Enqueue(client);
                    }
                    else
                    {
                        queue = new ConcurrentQueue<IHttpClient>();
                        queue.Enqueue(client);
                        _clients.TryAdd(route, queue);
                    }
                }
            }

            public record ChatClient(string Name, string Room);

            public class Lobby
            {
                private readonly ConcurrentDictionary<string, ChatClient> {|#0:_clients|} = new();

                public void Join(string connectionId, string name) => _clients[connectionId] = new ChatClient(name, "main");
            }
            """ + CalledFromHandler("ClientPool pool, Lobby lobby", "pool.Return(\"r\", new HttpClientWrapper()); lobby.Join(\"c\", \"n\");"),
            Kept(0, "Lobby", Changed("ConcurrentDictionary<string, ChatClient>"), "_clients", identity: "connectionId"));
    }

    [Fact]
    public async Task Memory_cache_evictions_keyed_by_the_caller_store_nothing_but_a_dictionarys_still_count()
    {
        // BTCPay Server's LightningAddressService: a memory cache filled only by GetOrCreateAsync from the database (through
        // an own helper) and evicted by username after each database write. The eviction's key is the caller's, but it
        // stores nothing. Its LnurlAuthService fills dictionaries through an own AddOrReplace extension the rule does not
        // recognise as a write: the evictions by user id are what shows the per-client store, and they still count.
        await VerifyAsync(Register("services.AddSingleton<Addresses>(); services.AddSingleton<Challenges>();"), """
            using System.Collections.Concurrent;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Memory;

            public record Address(string Username, string Store);
            public interface IAddressRepository { Task<Address?> FindAsync(string username); Task SaveAsync(Address address); Task DeleteAsync(string username); }

            public class Addresses
            {
                private readonly IMemoryCache _cache;
                private readonly IAddressRepository _repository;

                public Addresses(IMemoryCache cache, IAddressRepository repository) { _cache = cache; _repository = repository; }

                public Task<Address?> Resolve(string username) => _cache.GetOrCreateAsync(Key(username), entry => Find(username));

                public async Task Set(Address address)
                {
                    await _repository.SaveAsync(address);
                    _cache.Remove(Key(address.Username));
                }

                public async Task Remove(string username)
                {
                    await _repository.DeleteAsync(username);
                    _cache.Remove(Key(username));
                }

                private Task<Address?> Find(string username) => _repository.FindAsync(username);

                private static string Key(string username) => "address:" + username;
            }

            public static class DictionaryExtensions
            {
                public static void AddOrReplace<TKey, TValue>(this ConcurrentDictionary<TKey, TValue> dictionary, TKey key, TValue value) where TKey : notnull =>
                    dictionary.AddOrUpdate(key, value, (_, _) => value);
            }

            public class Challenges
            {
                public readonly ConcurrentDictionary<string, byte[]> {|#0:LoginStore|} = new();

                public void Request(string userId, byte[] k1) => LoginStore.AddOrReplace(userId, k1);

                public void Complete(string userId) => LoginStore.TryRemove(userId, out _);
            }
            """,
            Kept(0, "Challenges", Changed("ConcurrentDictionary<string, byte[]>"), "LoginStore", identity: "userId"));
    }

    // ---------------------------------------------------------------- shapes found in public repositories

    [Fact]
    public async Task Writes_nothing_in_the_compilation_calls_are_reported_only_with_request_identity()
    {
        // Library surface with no caller here: a scheduler's task list, an in-memory message store, a probe's memo and a
        // hosted service's job keys may be called only at startup or by a background job; the compilation cannot tell.
        // The look-alike is keyed by the caller's session id: per-client whoever calls it.
        await VerifyAsync(Register("""
            services.AddSingleton<TaskList>();
            services.AddSingleton<MessageStore>();
            services.AddSingleton<VersionProbe>();
            services.AddSingleton<JobsHost>();
            services.AddSingleton<SessionSet>();
            """), """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public record ScheduledTask(string Name, TimeSpan Every);
            public class TaskList
            {
                private readonly List<ScheduledTask> _definitions = new();
                public void AddTaskDefinition(ScheduledTask task) => _definitions.Add(task);
            }

            public class MessageStore
            {
                public static ConcurrentDictionary<string, string> Published { get; } = new();
                public Task StoreAsync(string name, string content) { Published[name] = content; return Task.CompletedTask; }
            }

            public class VersionProbe
            {
                private Version? _serverVersion;
                public async Task<Version> GetAsync() => _serverVersion ??= await Task.FromResult(new Version(8, 0));
            }

            public class JobsHost
            {
                public List<string> AdHocJobKeys { get; } = new();
                public void Schedule(string job) => AdHocJobKeys.Add(job);
            }

            public class SessionSet
            {
                private readonly HashSet<string> {|#0:_open|} = new();
                public void Open(string sessionId) => _open.Add(sessionId);
            }
            """,
            Kept(0, "SessionSet", Changed("HashSet<string>"), "_open", identity: "sessionId"));
    }

    [Fact]
    public async Task The_same_write_is_reported_once_a_handler_calls_it()
    {
        await VerifyAsync(Register("services.AddSingleton<TaskList>();"), """
            using System;
            using System.Collections.Generic;

            public record ScheduledTask(string Name, TimeSpan Every);
            public class TaskList
            {
                private readonly List<ScheduledTask> {|#0:_definitions|} = new();
                public void AddTaskDefinition(ScheduledTask task) => _definitions.Add(task);
            }
            """ + CalledFromHandler("TaskList tasks", "tasks.AddTaskDefinition(new ScheduledTask(\"t\", TimeSpan.FromMinutes(1)));"),
            Kept(0, "TaskList", Changed("List<ScheduledTask>"), "_definitions"));
    }


    private static DiagnosticResult Headers(int location, string singleton, string field, string source) =>
        VerifyCS.Diagnostic(DiagnosticIds.STL1003_SingletonKeepsPerClientState)
            .WithLocation(location)
            .WithArguments("Singleton '" + singleton + "'", "per-call default request headers on the shared HttpClient", "field '" + field + "'", " from '" + source + "'", Descriptors.SharedHeadersConsequence);

    /// <summary>Stand-ins for client libraries the test references do not carry, under their real metadata names.</summary>
    private const string MessagingClients = """
        namespace RabbitMQ.Client
        {
            public interface IModel : System.IDisposable { }
            public interface IConnection : System.IDisposable { bool IsOpen { get; } IModel CreateModel(); }
            public interface IConnectionFactory { IConnection CreateConnection(); }
            public class ConnectionFactory : IConnectionFactory
            {
                public string HostName { get; set; } = "";
                public string UserName { get; set; } = "";
                public string Password { get; set; } = "";
                public IConnection CreateConnection() => null!;
            }
        }

        namespace Azure.Messaging.ServiceBus
        {
            public class ServiceBusClient : System.IAsyncDisposable
            {
                public ServiceBusClient(string connectionString) { }
                public bool IsClosed { get; }
                public System.Threading.Tasks.ValueTask DisposeAsync() => default;
            }
        }
        """;

    [Fact]
    public async Task Registry_filled_by_startup_extension_methods_is_silent()
    {
        // app.UseReports() and services.AddHandlers() fill a singleton's dictionaries at boot; requests only read them.
        await VerifyAsync(Register("services.AddSingleton<ReportRegistry>(); services.AddSingleton<IEventBus, EventBus>();"), """
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public class ReportRegistry
            {
                private readonly Dictionary<string, Type> _reports = new();
                public void Register(string name, Type type) => _reports[name] = type;
                public Type Find(string name) => _reports[name];
            }

            public interface IEventBus { void Subscribe<T>(Type handler); }

            public sealed class EventBus : IEventBus
            {
                private readonly Dictionary<Type, List<Type>> _handlers = new();
                private readonly List<string> _names = new();
                public void Subscribe<T>(Type handler)
                {
                    if (!_handlers.TryGetValue(typeof(T), out var list)) _handlers[typeof(T)] = list = new();
                    list.Add(handler);
                    Remember(handler.Name);
                }

                private void Remember(string name) => _names.Add(name);
            }

            public static class ReportingExtensions
            {
                public static IApplicationBuilder UseReports(this IApplicationBuilder app)
                {
                    var registry = app.ApplicationServices.GetRequiredService<ReportRegistry>();
                    registry.Register("sales", typeof(string));
                    var bus = app.ApplicationServices.GetRequiredService<IEventBus>();
                    bus.Subscribe<string>(typeof(int));
                    return app;
                }
            }

            public class ReportsController : ControllerBase
            {
                private readonly ReportRegistry _registry;
                public ReportsController(ReportRegistry registry) => _registry = registry;
                public IActionResult Get(string name) => Ok(_registry.Find(name).Name);
            }
            """);
    }

    [Fact]
    public async Task Registry_written_from_a_handler_is_reported_even_when_startup_also_fills_it()
    {
        await VerifyAsync(Register("services.AddSingleton<ReportRegistry>();"), """
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public class ReportRegistry
            {
                private readonly Dictionary<string, Type> {|#0:_reports|} = new();
                public void Register(string name, Type type) => _reports[name] = type;
            }

            public static class ReportingExtensions
            {
                public static IApplicationBuilder UseReports(this IApplicationBuilder app)
                {
                    app.ApplicationServices.GetRequiredService<ReportRegistry>().Register("sales", typeof(string));
                    return app;
                }
            }

            public class ReportsController : ControllerBase
            {
                private readonly ReportRegistry _registry;
                public ReportsController(ReportRegistry registry) => _registry = registry;
                public IActionResult Add(string name) { _registry.Register(name, typeof(object)); return Ok(); }
            }
            """,
            Kept(0, "ReportRegistry", Changed("Dictionary<string, Type>"), "_reports"));
    }

    [Fact]
    public async Task Registry_filled_from_main_and_a_service_factory_is_silent()
    {
        await VerifyAsync(Register("services.AddSingleton(sp => { var r = new Plugins(); r.Load(\"a\"); return r; });"), """
            using System.Collections.Generic;

            public class Plugins
            {
                private readonly List<string> _loaded = new();
                public void Load(string name) => _loaded.Add(name);
            }

            public static class Program
            {
                public static void Main() => new Plugins().Load("b");
            }
            """);
    }

    [Fact]
    public async Task Callback_registered_at_startup_runs_later_and_is_state_when_it_carries_identity()
    {
        // The lambda runs for every message, long after startup: its write is not configuration.
        await VerifyAsync(Register("services.AddSingleton<Presence>();"), """
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public record UserOnline(string UserId, DateTime At);

            public class MessageBus { public void On<T>(Action<T> handler) { } }

            public class Presence
            {
                private readonly Dictionary<string, DateTime> {|#0:_lastSeen|} = new();
                public void Seen(string userId, DateTime at) => _lastSeen[userId] = at;
            }

            public static class PresenceExtensions
            {
                public static IApplicationBuilder UsePresence(this IApplicationBuilder app, MessageBus bus)
                {
                    var presence = app.ApplicationServices.GetRequiredService<Presence>();
                    bus.On<UserOnline>(message => presence.Seen(message.UserId, message.At));
                    return app;
                }
            }
            """,
            Kept(0, "Presence", Changed("Dictionary<string, DateTime>"), "_lastSeen", identity: "userId"));
    }

    [Fact]
    public async Task Value_refreshed_by_a_background_loop_without_identity_is_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<RatesCache>(); services.AddHostedService<RatesRefresher>();"), """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            public class RatesCache
            {
                private Dictionary<string, decimal> _rates = new();
                public void Replace(Dictionary<string, decimal> rates) => _rates = rates;
                public decimal Get(string currency) => _rates[currency];
            }

            public sealed class RatesRefresher : BackgroundService
            {
                private readonly RatesCache _cache;
                public RatesRefresher(RatesCache cache) => _cache = cache;
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        _cache.Replace(new Dictionary<string, decimal> { ["EUR"] = 1m });
                        await Task.Delay(60_000, stoppingToken);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Tenant_admin_password_kept_until_a_background_job_reads_it_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton<PendingTenantSetup>(); services.AddHostedService<TenantProvisioner>();"), """
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            public class PendingTenantSetup
            {
                private readonly ConcurrentDictionary<string, string> {|#0:_adminPasswords|} = new();
                public void Queue(string tenantId, string adminPassword) => _adminPasswords[tenantId] = adminPassword;
                public bool TryTake(string tenantId, out string? password) => _adminPasswords.TryRemove(tenantId, out password);
            }

            public sealed class TenantProvisioner : BackgroundService
            {
                private readonly PendingTenantSetup _pending;
                public TenantProvisioner(PendingTenantSetup pending) => _pending = pending;
                protected override Task ExecuteAsync(CancellationToken stoppingToken) { _pending.TryTake("t1", out _); return Task.CompletedTask; }
            }
            """,
            Kept(0, "PendingTenantSetup", Changed("ConcurrentDictionary<string, string>"), "_adminPasswords", identity: "tenantId"));
    }

    [Fact]
    public async Task Connections_opened_lazily_or_reopened_after_close_are_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<BusConnection>(); services.AddSingleton<Publisher>(); services.AddSingleton<ChannelPool>();"), MessagingClients + """

            public class BusConnection
            {
                private readonly RabbitMQ.Client.ConnectionFactory _factory = new() { HostName = "rabbit" };
                private RabbitMQ.Client.IConnection? _connection;
                public RabbitMQ.Client.IConnection Get() => _connection ??= _factory.CreateConnection();
                public void Reconnect(string userName)
                {
                    if (_connection is { IsOpen: false }) _connection = new RabbitMQ.Client.ConnectionFactory { HostName = "rabbit", UserName = userName }.CreateConnection();
                }
            }

            public class Publisher
            {
                private Azure.Messaging.ServiceBus.ServiceBusClient _client = new("Endpoint=sb://x");
                private System.Threading.SemaphoreSlim _gate = new(1, 1);
                public void Send()
                {
                    if (_client.IsClosed) _client = new Azure.Messaging.ServiceBus.ServiceBusClient("Endpoint=sb://x");
                    _gate = new System.Threading.SemaphoreSlim(1, 1);
                }
            }

            public class ChannelPool
            {
                private readonly System.Collections.Generic.List<RabbitMQ.Client.IModel> _channels = new();
                public void Grow(RabbitMQ.Client.IConnection connection) => _channels.Add(connection.CreateModel());
            }
            """);
    }

    [Fact]
    public async Task Caller_token_written_into_a_shared_http_client_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton<OrdersApi>();"), """
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersApi
            {
                private readonly HttpClient {|#0:_http|} = new();

                public OrdersApi() => _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

                public Task<string> GetOrdersAsync(string accessToken)
                {
                    _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                    return _http.GetStringAsync("https://orders/api");
                }
            }

            public class OrdersController : ControllerBase
            {
                private readonly OrdersApi _api;
                public OrdersController(OrdersApi api) => _api = api;
                public async Task<IActionResult> Get() => Ok(await _api.GetOrdersAsync(Request.Headers.Authorization.ToString()));
            }
            """,
            Headers(0, "OrdersApi", "_http", "accessToken"));
    }

    [Fact]
    public async Task Http_client_headers_from_configuration_are_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<WeatherApi>();"), """
            using System.Net.Http;
            using System.Net.Http.Headers;
            using Microsoft.Extensions.Options;

            public class WeatherOptions { public string ApiKey { get; set; } = ""; }

            public class WeatherApi
            {
                private readonly HttpClient _http = new();
                private readonly IOptions<WeatherOptions> _options;

                public WeatherApi(IOptions<WeatherOptions> options)
                {
                    _options = options;
                    _http.DefaultRequestHeaders.Add("x-api-key", options.Value.ApiKey);
                }

                public void Refresh() => _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Key", _options.Value.ApiKey);
            }
            """);
    }

    [Fact]
    public async Task Memory_cache_aside_that_refetches_on_a_miss_is_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<GroupService>();"), """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Memory;

            public record Group(string Id, string Name);
            public interface IGroupRepository { Task<Group> LoadAsync(string id); Group Load(string id); }

            public class GroupService
            {
                private readonly IMemoryCache _cache;
                private readonly IGroupRepository _repository;

                public GroupService(IMemoryCache cache, IGroupRepository repository) { _cache = cache; _repository = repository; }

                public Task<Group?> GetAsync(string userId, string groupId) =>
                    _cache.GetOrCreateAsync("groups:" + userId + groupId, entry => _repository.LoadAsync(groupId));

                public async Task<Group> GetAgainAsync(string userId)
                {
                    if (_cache.TryGetValue("member:" + userId, out Group? cached)) return cached!;
                    var group = await _repository.LoadAsync(userId);
                    _cache.Set("member:" + userId, group);
                    return group;
                }

                public Group GetSync(string userId)
                {
                    if (!_cache.TryGetValue(userId, out Group? group)) _cache.Set(userId, group = _repository.Load(userId));
                    return group!;
                }
            }
            """);
    }

    [Fact]
    public async Task Dictionary_filled_from_a_factory_result_is_silent()
    {
        // A gateway's balancer per route, created by a factory (the value read from the factory's result a local holds):
        // the same on every replica, rebuilt by a cold one. The look-alikes keep what the caller sent, or a new value built
        // around a fetched one (when a secret was authorized): neither has another home.
        await VerifyAsync(Register("services.AddSingleton<BalancerHouse>(); services.AddSingleton<Drafts>();"), """
            using System.Collections.Generic;

            public abstract class Balancer { public abstract string Next(); }
            public record Result(bool IsError, Balancer Data);
            public interface IBalancerFactory { Result Create(string routeKey); }

            public class BalancerHouse
            {
                private readonly IBalancerFactory _factory;
                private readonly Dictionary<string, Balancer> _balancers = new();

                public BalancerHouse(IBalancerFactory factory) => _factory = factory;

                public Balancer? Create(string routeKey)
                {
                    var result = _factory.Create(routeKey);
                    if (result.IsError)
                    {
                        return null;
                    }

                    var balancer = result.Data;
                    _balancers[routeKey] = balancer;
                    return balancer;
                }
            }

            public interface ISecrets { System.Threading.Tasks.Task<string> AuthenticateAsync(string secret); }

            public class Drafts
            {
                private readonly ISecrets _secrets;
                private readonly Dictionary<string, (System.DateTime At, string Result)> {|#1:_authorized|} = new();

                public Drafts(ISecrets secrets) => _secrets = secrets;

                public async System.Threading.Tasks.Task Authorize(string secret)
                {
                    var result = await _secrets.AuthenticateAsync(secret);
                    _authorized[secret] = (System.DateTime.UtcNow, result);
                }

                private readonly Dictionary<string, string> {|#0:_drafts|} = new();

                public void Save(string draftId, string text)
                {
                    var trimmed = text.Trim();
                    _drafts[draftId] = trimmed;
                }
            }
            """ + CalledFromHandler("Drafts drafts", "_ = drafts.Authorize(\"s\"); drafts.Save(\"d\", \"text\");"),
            Kept(0, "Drafts", Changed("Dictionary<string, string>"), "_drafts"),
            Kept(1, "Drafts", Changed("Dictionary<string, (DateTime At, string Result)>"), "_authorized"));
    }

    [Fact]
    public async Task Open_web_sockets_and_worker_threads_of_this_process_are_silent()
    {
        // A socket manager keyed by server-made ids (messages reach other replicas through a bus) and a scheduler's
        // running threads: handles of this process, which no other replica could hold. The look-alike stores what a
        // client sent next to its socket: that is data, and it is reported.
        await VerifyAsync(Register("services.AddSingleton<SocketManager>(); services.AddSingleton<Scheduler>();"), """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Net.WebSockets;
            using System.Threading;

            public class SocketManager
            {
                private readonly ConcurrentDictionary<string, WebSocket> _sockets = new();
                private readonly ConcurrentDictionary<string, string> {|#0:_lastMessages|} = new();

                public string Add(WebSocket socket)
                {
                    var id = Guid.NewGuid().ToString("N");
                    _sockets.TryAdd(id, socket);
                    return id;
                }

                public void Remember(string id, string message) => _lastMessages[id] = message;
            }

            public class Scheduler
            {
                private readonly Dictionary<int, Thread> _running = new();

                public void Start(int task, ThreadStart work)
                {
                    var thread = new Thread(work);
                    _running[task] = thread;
                    thread.Start();
                }
            }
            """ + CalledFromHandler("SocketManager sockets, Scheduler scheduler", "sockets.Remember(\"id\", \"m\"); scheduler.Start(1, () => { });"),
            Kept(0, "SocketManager", Changed("ConcurrentDictionary<string, string>"), "_lastMessages"));
    }

    [Fact]
    public async Task Memory_cache_as_the_only_store_of_a_code_the_request_provided_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton<LoginCodes>();"), """
            using System;
            using Microsoft.Extensions.Caching.Memory;

            public class LoginCodes
            {
                private readonly IMemoryCache {|#0:_cache|};
                public LoginCodes(IMemoryCache cache) => _cache = cache;

                public string Issue(string email)
                {
                    var code = Random.Shared.Next(100000, 999999).ToString();
                    _cache.Set("code:" + email, code, TimeSpan.FromMinutes(10));
                    return code;
                }

                public string Cart(string userId) => _cache.GetOrCreate("cart:" + userId, entry => "empty")!;
            }
            """,
            Kept(0, "LoginCodes", Changed("IMemoryCache"), "_cache", identity: "userId"));
    }

    [Fact]
    public async Task Timer_callback_flags_downloads_and_pools_are_silent()
    {
        // A method group handed to a timer runs later, whoever created the timer; a one-time load flag; a value downloaded
        // into a field (a cache a cold replica refills); watchers per folder and installations with their cancellation.
        await VerifyAsync(Register("services.AddSingleton<StockTicker>(); services.AddSingleton<Catalog>(); services.AddSingleton<Watchers>();"), """
            using System.Collections.Generic;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.SignalR;

            public class StockTicker
            {
                private Timer? _timer;
                private bool _updating;
                public void Open() => _timer = new Timer(Update, null, 0, 250);
                private void Update(object? state) { if (_updating) return; _updating = true; _updating = false; }
            }

            public class TickerHub : Hub
            {
                private readonly StockTicker _ticker;
                public TickerHub(StockTicker ticker) => _ticker = ticker;
                public void OpenMarket() => _ticker.Open();
            }

            public class Catalog
            {
                private readonly HttpClient _http = new();
                private bool _loaded;
                private List<string> _items = new();
                private byte[]? _countries;

                public async Task<IReadOnlyList<string>> Items()
                {
                    if (!_loaded) { _items = new List<string>(await File.ReadAllLinesAsync("items.txt")); _loaded = true; }
                    _countries = await _http.GetByteArrayAsync("https://example.org/countries");
                    return _items;
                }
            }

            public class Watchers
            {
                private readonly Dictionary<string, IList<FileSystemWatcher>> _watchers = new();
                private readonly List<(string Name, CancellationTokenSource Cancel)> _installs = new();
                public void Watch(string folder) => _watchers[folder] = new List<FileSystemWatcher> { new FileSystemWatcher(folder) };
                public void Install(string name) => _installs.Add((name, new CancellationTokenSource()));
            }
            """);
    }

    [Fact]
    public async Task Method_group_registered_as_a_route_handler_reaches_the_singleton()
    {
        await VerifyAsync(Register("services.AddSingleton<Visits>();"), """
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;

            public class Visits
            {
                private readonly List<string> {|#0:_paths|} = new();
                private void Record(string path) => _paths.Add(path);
                public void Track() => Record("/");
            }

            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app) => app.MapGet("/visit", Visit);
                private static string Visit(Visits visits) { visits.Track(); return "ok"; }
            }
            """,
            Kept(0, "Visits", Changed("List<string>"), "_paths"));
    }

    [Fact]
    public async Task Flag_that_only_latches_to_true_is_silent_and_one_that_resets_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton<PostStore>();"), """
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            public class PostStore
            {
                private readonly List<string> _posts = new();
                private bool _initialized;
                private bool {|#0:_busy|};

                public async Task<IReadOnlyList<string>> Posts()
                {
                    if (!_initialized) await InitializeAsync();
                    return _posts;
                }

                public void Rebuild() { _busy = true; _busy = false; }

                private async Task InitializeAsync()
                {
                    foreach (var line in await File.ReadAllLinesAsync("posts.txt")) { }
                    _initialized = true;
                }
            }
            """ + CalledFromHandler("PostStore posts", "posts.Rebuild(); _ = posts.Posts();"),
            Kept(0, "PostStore", Assigned("bool"), "_busy"));
    }

    [Fact]
    public async Task Named_configurations_loaded_by_an_own_helper_and_written_through_to_their_file_are_silent()
    {
        // A configuration manager: GetOrAdd's static factory calls a private helper that reads the key's file, and saving
        // replaces the entry and writes the same object to that file. A cold replica reads the file again.
        await VerifyAsync(Register("services.AddSingleton<ConfigurationManager>();"), """
            using System;
            using System.Collections.Concurrent;
            using System.IO;
            using System.Text.Json;

            public class ConfigurationManager
            {
                private readonly ConcurrentDictionary<string, object> _configurations = new();
                private readonly string _folder = "config";

                public object GetConfiguration(string key, Type type) =>
                    _configurations.GetOrAdd(key, static (k, state) => state.Manager.LoadConfiguration(state.Manager.PathOf(k), state.Type), (Manager: this, Type: type));

                public void SaveConfiguration(string key, object configuration)
                {
                    _configurations.AddOrUpdate(key, configuration, (_, _) => configuration);
                    File.WriteAllText(PathOf(key), JsonSerializer.Serialize(configuration));
                }

                public void Forget(string key) => _configurations.TryRemove(key, out _);

                private string PathOf(string key) => Path.Combine(_folder, key + ".json");

                private object LoadConfiguration(string path, Type type) => Parse(File.ReadAllText(path), type);

                private static object Parse(string json, Type type) => JsonSerializer.Deserialize(json, type)!;
            }
            """);
    }

    [Fact]
    public async Task Cache_of_a_table_reloaded_on_a_miss_and_updated_with_the_saved_rows_is_silent()
    {
        // A cache of the People table: loaded from the repository when empty (cleared first on a forced reload), updated
        // with the row the same method saves, new rows added after they are stored.
        await VerifyAsync(Register("services.AddSingleton<PeopleCache>();"), """
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public class Person { public string Key { get; set; } = ""; public string Name { get; set; } = ""; }
            public interface IPeopleRepository { Task<List<Person>> LoadAllAsync(); Task UpdateAsync(Person person); Task AddRangeAsync(List<Person> people); }

            public class PeopleCache
            {
                private readonly IPeopleRepository _repository;
                private readonly IDictionary<string, Person> _people = new ConcurrentDictionary<string, Person>();

                public PeopleCache(IPeopleRepository repository) => _repository = repository;

                public async Task<Person?> Find(string key)
                {
                    await Load(force: false);
                    return _people.TryGetValue(key, out var person) ? person : null;
                }

                public async Task Rename(Person person, string name)
                {
                    person.Name = name;
                    await _repository.UpdateAsync(person);
                    _people[person.Key] = person;
                }

                public async Task AddUnknown(IEnumerable<string> keys)
                {
                    var people = keys.Select(k => new Person { Key = k, Name = "Unknown" }).ToList();
                    await _repository.AddRangeAsync(people);
                    people.ForEach(p => _people[p.Key] = p);
                }

                private async Task Load(bool force)
                {
                    if (!force && _people.Any())
                    {
                        return;
                    }

                    _people.Clear();
                    foreach (var person in await _repository.LoadAllAsync())
                    {
                        _people[person.Key] = person;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Caches_with_a_store_that_is_not_kept_in_step_are_reported()
    {
        // Written through, but nothing ever reads the store back: the dictionary is the only copy a request finds.
        // Refilled from a file, but one write keeps a value the file never gets.
        // Refilled and written through, but keyed by the caller: per-client data stays reported.
        await VerifyAsync(Register("services.AddSingleton<Drafts>(); services.AddSingleton<Settings>(); services.AddSingleton<Profiles>();"), """
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            public interface IDraftRepository { Task SaveAsync(string draft); Task<string> LoadAsync(string userId); }

            public class Drafts
            {
                private readonly IDraftRepository _repository;
                private readonly Dictionary<string, string> {|#0:_drafts|} = new();

                public Drafts(IDraftRepository repository) => _repository = repository;

                public async Task Save(string id, string draft)
                {
                    await _repository.SaveAsync(draft);
                    _drafts[id] = draft;
                }

                public string? Get(string id) => _drafts.TryGetValue(id, out var draft) ? draft : null;
            }

            public class Settings
            {
                private readonly Dictionary<string, string> {|#1:_values|} = new();

                public string Get(string key)
                {
                    if (!_values.TryGetValue(key, out var value))
                    {
                        value = ReadSetting(key);
                        _values[key] = value;
                    }

                    return value;
                }

                public void Override(string key, string value) => _values[key] = value;

                private static string ReadSetting(string key) => File.ReadAllText(key + ".txt");
            }

            public class Profiles
            {
                private readonly IDraftRepository _repository;
                private readonly Dictionary<string, string> {|#2:_profiles|} = new();

                public Profiles(IDraftRepository repository) => _repository = repository;

                public async Task<string> Get(string userId) =>
                    _profiles.TryGetValue(userId, out var profile) ? profile : _profiles[userId] = await _repository.LoadAsync(userId);

                public async Task Save(string userId, string profile)
                {
                    await _repository.SaveAsync(profile);
                    _profiles[userId] = profile;
                }
            }
            """ + CalledFromHandler("Drafts drafts, Settings settings", "_ = drafts.Save(\"id\", \"draft\"); settings.Override(\"key\", \"value\");"),
            Kept(0, "Drafts", Changed("Dictionary<string, string>"), "_drafts"),
            Kept(1, "Settings", Changed("Dictionary<string, string>"), "_values"),
            Kept(2, "Profiles", Changed("Dictionary<string, string>"), "_profiles", identity: "userId"));
    }

    [Fact]
    public async Task Cache_of_a_database_table_written_through_its_context_is_silent()
    {
        // The same cache over Entity Framework: each method opens a context from a scope, the rename updates the row through
        // the DbSet and saves before the cache is updated, and new rows are added to the set before the cache gets them.
        await VerifyAsync(Register("services.AddSingleton<PeopleCache>();"), """
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Microsoft.EntityFrameworkCore
            {
                public class DbContext { public Task<int> SaveChangesAsync() => Task.FromResult(0); }
                public class DbSet<T> { public void Update(T entity) { } public Task AddRangeAsync(IEnumerable<T> entities) => Task.CompletedTask; public Task<List<T>> ToListAsync() => Task.FromResult(new List<T>()); }
            }

            public class Person { public string Key { get; set; } = ""; public string Name { get; set; } = ""; }
            public class ImageContext : DbContext { public DbSet<Person> People { get; } = new(); }

            public class PeopleCache
            {
                private readonly IDictionary<string, Person> _people = new ConcurrentDictionary<string, Person>();

                public async Task Rename(ImageContext db, Person person, string name)
                {
                    person.Name = name;
                    db.People.Update(person);
                    await db.SaveChangesAsync();
                    _people[person.Key] = person;
                }

                public async Task Reload(ImageContext db, IEnumerable<string> unknown)
                {
                    _people.Clear();
                    var identified = await db.People.ToListAsync();
                    foreach (var person in identified)
                        _people[person.Key] = person;

                    var newPeople = unknown.Select(k => new Person { Key = k, Name = "Unknown" }).ToList();
                    await db.People.AddRangeAsync(newPeople);
                    await db.SaveChangesAsync();
                    newPeople.ForEach(x => _people[x.Key] = x);
                }
            }
            """);
    }
}
