using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.ProcessState.RequestObjectLifetimeAnalyzer>;

namespace Stateless.Analyzers.Tests.ProcessState;

/// <summary>STL1005: request object kept beyond its request.</summary>
public class STL1005_RequestObjectKeptBeyondRequestTests
{
    private static DiagnosticResult Kept(int location, string what, string where, string member) =>
        VerifyCS.Diagnostic(DiagnosticIds.STL1005_RequestObjectKeptBeyondRequest).WithLocation(location).WithArguments("The request's " + what, where, member);

    private static Task VerifyAsync(string registration, string service, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add(("/0/Program.cs", registration));
        test.TestState.Sources.Add(("/0/Service.cs", service));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static string Register(string registration) => """
        using Microsoft.Extensions.DependencyInjection;

        public static class Registrations
        {
            public static void Add(IServiceCollection services) => REGISTRATION;
        }
        """.Replace("REGISTRATION", registration, System.StringComparison.Ordinal);

    // ---------------------------------------------------------------- reporting cases

    [Fact]
    public async Task Http_context_stored_in_a_static_field_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public static class Current { public static HttpContext? Context; }

            public sealed class CaptureMiddleware
            {
                private readonly RequestDelegate _next;
                public CaptureMiddleware(RequestDelegate next) => _next = next;
                public Task InvokeAsync(HttpContext context) { {|#0:Current.Context = context|}; return _next(context); }
            }
            """,
            Kept(0, "HttpContext", "static field", "Current.Context"));
    }

    [Fact]
    public async Task Controller_user_stored_in_a_static_property_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Claims;
            using Microsoft.AspNetCore.Mvc;

            public static class Session { public static ClaimsPrincipal? LoggedIn { get; set; } }

            public class AccountController : ControllerBase
            {
                [HttpPost("login")]
                public IActionResult Login() { {|#0:Session.LoggedIn = User|}; return Ok(); }
                [HttpPost("who")]
                public IActionResult Who() { {|#1:Session.LoggedIn = HttpContext.User|}; return Ok(); }
            }
            """,
            Kept(0, "ClaimsPrincipal", "static property", "Session.LoggedIn"),
            Kept(1, "ClaimsPrincipal", "static property", "Session.LoggedIn"));
    }

    [Fact]
    public async Task Request_response_session_and_connection_in_statics_are_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class Last
            {
                public static HttpRequest? Request;
                public static HttpResponse? Response;
                public static ISession? Session;
                public static ConnectionInfo? Connection;

                public static void Remember(HttpContext context)
                {
                    {|#0:Request = context.Request|};
                    {|#1:Response = context.Response|};
                    {|#2:Session = context.Session|};
                    {|#3:Connection = context.Connection|};
                }
            }
            """,
            Kept(0, "HttpRequest", "static field", "Last.Request"),
            Kept(1, "HttpResponse", "static field", "Last.Response"),
            Kept(2, "ISession", "static field", "Last.Session"),
            Kept(3, "ConnectionInfo", "static field", "Last.Connection"));
    }

    [Fact]
    public async Task Request_objects_added_to_a_static_collection_are_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Http;

            public static class Streams
            {
                private static readonly ConcurrentDictionary<string, HttpResponse> Open = new();
                private static readonly List<HttpContext> Waiting = new();

                public static void Subscribe(HttpContext context)
                {
                    {|#0:Open.TryAdd(context.TraceIdentifier, context.Response)|};
                    {|#1:Waiting.Add(context)|};
                    {|#2:Open[context.Connection.Id] = context.Response|};
                }
            }
            """,
            Kept(0, "HttpResponse", "static field", "Streams.Open"),
            Kept(1, "HttpContext", "static field", "Streams.Waiting"),
            Kept(2, "HttpResponse", "static field", "Streams.Open"));
    }

    [Fact]
    public async Task Singleton_storing_the_http_context_from_the_accessor_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton<IAuditService, AuditService>()"), """
            using Microsoft.AspNetCore.Http;

            public interface IAuditService { void Begin(); }

            public sealed class AuditService : IAuditService
            {
                private readonly IHttpContextAccessor _accessor;
                private HttpContext? _context;
                public AuditService(IHttpContextAccessor accessor) => _accessor = accessor;
                public void Begin() { {|#0:_context = _accessor.HttpContext|}; }
            }
            """,
            Kept(0, "HttpContext", "singleton field", "AuditService._context"));
    }

    [Fact]
    public async Task Singleton_keeping_the_current_user_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton(typeof(UserContext))"), """
            using System.Security.Claims;

            public sealed class UserContext
            {
                public ClaimsPrincipal? User { get; private set; }
                public void Set(ClaimsPrincipal user) { {|#0:User = user|}; }
            }
            """,
            Kept(0, "ClaimsPrincipal", "singleton property", "UserContext.User"));
    }

    [Fact]
    public async Task Convention_middleware_keeping_the_context_in_a_field_is_reported()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;

            public static class Pipeline
            {
                public static void Configure(IApplicationBuilder app) => app.UseMiddleware<TenantMiddleware>();
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class TenantMiddleware
            {
                private readonly RequestDelegate _next;
                private HttpRequest? _request;
                public TenantMiddleware(RequestDelegate next) => _next = next;
                public Task InvokeAsync(HttpContext context) { {|#0:_request = context.Request|}; return _next(context); }
            }
            """,
            Kept(0, "HttpRequest", "singleton field", "TenantMiddleware._request"));
    }

    [Fact]
    public async Task Hub_caller_user_kept_in_a_singleton_collection_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton(new ConnectionRegistry())"), """
            using System.Collections.Generic;
            using System.Security.Claims;
            using Microsoft.AspNetCore.SignalR;

            public sealed class ConnectionRegistry
            {
                private readonly Dictionary<string, ClaimsPrincipal> _users = new();
                public void Add(HubCallerContext caller) { {|#0:_users[caller.ConnectionId] = caller.User!|}; }
            }
            """,
            Kept(0, "ClaimsPrincipal", "singleton field", "ConnectionRegistry._users"));
    }

    [Fact]
    public async Task Coalescing_assignment_and_local_principal_are_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Claims;
            using Microsoft.AspNetCore.Http;

            public static class First
            {
                private static HttpContext? _context;
                private static ClaimsPrincipal? _user;

                public static void Seen(HttpContext context)
                {
                    {|#0:_context ??= context|};
                    var principal = context.User;
                    {|#1:_user = principal|};
                }
            }
            """,
            Kept(0, "HttpContext", "static field", "First._context"),
            Kept(1, "ClaimsPrincipal", "static field", "First._user"));
    }

    [Fact]
    public async Task Minimal_api_handler_storing_the_context_in_a_static_is_reported()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;

                var app = WebApplication.Create(args);
                app.MapGet("/x", (HttpContext context) => { {|#0:Holder.Last = context|}; return "ok"; });
                app.Run();

                static class Holder { public static HttpContext? Last; }
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Kept(0, "HttpContext", "static field", "Holder.Last"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Partial_and_generic_singletons_keeping_request_objects_are_reported()
    {
        await VerifyAsync(Register("services.AddSingleton(typeof(Holder<>)).AddSingleton<Split>()"), """
            using Microsoft.AspNetCore.Http;

            public sealed class Holder<T>
            {
                private HttpContext? _context;
                public void Keep(HttpContext context, T tag) { {|#0:_context = context|}; }
            }

            public partial class Split { private ISession? _session; }
            public partial class Split { public void Keep(HttpContext context) { {|#1:_session = context.Session|}; } }
            """,
            Kept(0, "HttpContext", "singleton field", "Holder._context"),
            Kept(1, "ISession", "singleton field", "Split._session"));
    }

    [Fact]
    public async Task Request_principal_set_on_a_singleton_from_middleware_is_reported()
    {
        await VerifyAsync(Register("services.AddSingleton<UserHolder>()"), """
            using System.Security.Claims;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class UserHolder { public ClaimsPrincipal? Principal { get; set; } }

            public sealed class HolderMiddleware(RequestDelegate next, UserHolder holder)
            {
                public Task InvokeAsync(HttpContext context) { {|#0:holder.Principal = context.User|}; return next(context); }
            }
            """,
            Kept(0, "ClaimsPrincipal", "singleton property", "UserHolder.Principal"));
    }

    // ---------------------------------------------------------------- silent cases

    [Fact]
    public async Task Http_context_accessor_in_a_singleton_is_silent()
    {
        await VerifyAsync(Register("services.AddSingleton<UserService>()"), """
            using System.Security.Claims;
            using Microsoft.AspNetCore.Http;

            public sealed class UserService
            {
                private readonly IHttpContextAccessor _accessor;
                public UserService(IHttpContextAccessor accessor) => _accessor = accessor;
                public ClaimsPrincipal? Current => _accessor.HttpContext?.User;
                public string? Name() { var user = _accessor.HttpContext?.User; return user?.Identity?.Name; }
            }
            """);
    }

    [Fact]
    public async Task Fields_of_per_request_types_are_silent()
    {
        await VerifyAsync(Register("services.AddScoped<RequestInfo>()"), """
            using System.Security.Claims;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public sealed class RequestInfo
            {
                private HttpContext? _context;
                public void Set(HttpContext context) => _context = context;
            }

            public class ProfileController : ControllerBase
            {
                private ClaimsPrincipal? _user;
                private HttpRequest? _request;
                public IActionResult Get() { _user = User; _request = Request; return Ok(); }
            }
            """);
    }

    [Fact]
    public async Task Locals_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class Handlers
            {
                public static string Handle(HttpContext context)
                {
                    var request = context.Request;
                    var user = context.User;
                    var session = context.Session;
                    return request.Path + user.Identity?.Name + session.Id;
                }
            }
            """);
    }

    [Fact]
    public async Task Values_read_from_the_request_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class Last
            {
                public static string? Path;
                public static string? UserName;

                public static void Remember(HttpContext context)
                {
                    Path = context.Request.Path;
                    UserName = context.User.Identity?.Name;
                }
            }
            """);
    }

    [Fact]
    public async Task Principals_not_from_a_request_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Claims;

            public static class Service
            {
                public static ClaimsPrincipal? System;
                public static void Init() { System = new ClaimsPrincipal(new ClaimsIdentity("service")); }
            }
            """);
    }

    [Fact]
    public async Task Async_local_holders_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using Microsoft.AspNetCore.Http;

            public static class Ambient
            {
                private static readonly AsyncLocal<HttpContext?> Current = new();
                public static void Set(HttpContext context) => Current.Value = context;
            }
            """);
    }

    [Fact]
    public async Task Static_property_over_an_async_local_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using Microsoft.AspNetCore.Http;

            public static class RequestContext
            {
                private static readonly AsyncLocal<HttpContext?> Holder = new();
                public static HttpContext? Current { get => Holder.Value; set => Holder.Value = value; }
            }

            public sealed class ContextMiddleware(RequestDelegate next)
            {
                public System.Threading.Tasks.Task InvokeAsync(HttpContext context) { RequestContext.Current = context; return next(context); }
            }
            """);
    }

    [Fact]
    public async Task Unregistered_or_transient_services_are_silent()
    {
        await VerifyAsync(Register("services.AddTransient<Tracker>()"), """
            using Microsoft.AspNetCore.Http;

            public sealed class Tracker { private HttpContext? _context; public void Track(HttpContext context) => _context = context; }
            public sealed class Orphan { private HttpRequest? _request; public void Keep(HttpRequest request) => _request = request; }
            """);
    }

    [Fact]
    public async Task Clearing_a_stored_context_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class Current
            {
                public static HttpContext? Context;
                public static void Clear() { Context = null; Context = default; }
            }
            """);
    }

    [Fact]
    public async Task Allow_process_state_silences_the_member()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;
            using Stateless.Runtime;

            public static class Diagnostics
            {
                [AllowProcessState("Debug snapshot of the last failed request; never read by request code.")]
                public static HttpRequest? LastFailure;
                public static void Fail(HttpContext context) => LastFailure = context.Request;
            }
            """);
    }

    [Fact]
    public async Task Look_alike_http_context_type_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            namespace MyWeb { public class HttpContext { } }

            public static class Holder
            {
                public static MyWeb.HttpContext? Last;
                public static void Keep(MyWeb.HttpContext context) => Last = context;
            }
            """);
    }

    [Fact]
    public async Task Incomplete_code_does_not_throw()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class Holder
            {
                public static void Keep(HttpContext context)
                {
                    {|CS0103:Missing|} = context;
                    {|CS0103:Unknown|}.Add(context);
                }
            }
            """);
    }

    // ---------------------------------------------------------------- shapes found in public repositories

    [Fact]
    public async Task Context_handed_to_a_singleton_service_for_one_call_is_silent()
    {
        // Ocelot's header middleware passes the context to an injected replacer whose method is named Replace: a call, not a store.
        await VerifyAsync(Register("services.AddSingleton<HeaderMiddlewareHost>()"), """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public interface IHeaderReplacer { void Replace(HttpContext context, string[] rules); }

            public sealed class HeaderMiddlewareHost
            {
                private readonly IHeaderReplacer _preReplacer;
                public HeaderMiddlewareHost(IHeaderReplacer preReplacer) => _preReplacer = preReplacer;
                public Task Invoke(HttpContext httpContext) { _preReplacer.Replace(httpContext, new[] { "x" }); return Task.CompletedTask; }
            }
            """);
    }
}
