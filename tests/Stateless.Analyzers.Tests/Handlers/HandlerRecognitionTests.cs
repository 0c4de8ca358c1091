using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Analyzers.Handlers;
using Stateless.Analyzers.Tests.Verifiers;
using Verify1001 = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.ProcessState.MutableStaticStateAnalyzer>;
using Verify1002 = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.ProcessState.StaticStateWriteAnalyzer>;

namespace Stateless.Analyzers.Tests.Handlers;

/// <summary>
/// Every handler kind of the catalog, recognised by metadata name: handler types through STL1001 (a writable
/// static counter is reported only in a handler), handler delegates through STL1002.
/// </summary>
public class HandlerRecognitionTests
{
    private static DiagnosticResult Counter(int location, string type, string member = "_calls") =>
        Verify1001.Diagnostic(DiagnosticIds.STL1001_MutableStaticStateInHandler).WithLocation(location).WithArguments("field", type + "." + member, type, "is writable", Descriptors.UnchangedStaticConsequence);

    private const string MediatR = """
        namespace MediatR
        {
            public interface IRequest { }
            public interface IRequest<out TResponse> { }
            public interface INotification { }
            public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                System.Threading.Tasks.Task<TResponse> Handle(TRequest request, System.Threading.CancellationToken cancellationToken);
            }
            public interface IRequestHandler<in TRequest> where TRequest : IRequest
            {
                System.Threading.Tasks.Task Handle(TRequest request, System.Threading.CancellationToken cancellationToken);
            }
            public interface INotificationHandler<in TNotification> where TNotification : INotification
            {
                System.Threading.Tasks.Task Handle(TNotification notification, System.Threading.CancellationToken cancellationToken);
            }
        }
        """;

    private const string MassTransit = """
        namespace MassTransit
        {
            public interface ConsumeContext<out T> where T : class { T Message { get; } }
            public interface IConsumer { }
            public interface IConsumer<in TMessage> : IConsumer where TMessage : class
            {
                System.Threading.Tasks.Task Consume(ConsumeContext<TMessage> context);
            }
        }
        """;

    private const string Grpc = """
        namespace Grpc.Core
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class BindServiceMethodAttribute : System.Attribute
            {
                public BindServiceMethodAttribute(System.Type bindType, string bindMethodName) { }
            }
        }

        namespace Greet
        {
            public static partial class Greeter
            {
                [global::Grpc.Core.BindServiceMethod(typeof(Greeter), "BindService")]
                public abstract partial class GreeterBase { }
            }
        }
        """;

    private const string Functions = """
        namespace Microsoft.Azure.Functions.Worker
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class FunctionAttribute : System.Attribute { public FunctionAttribute(string name) { } }
        }

        namespace Microsoft.Azure.WebJobs
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class FunctionNameAttribute : System.Attribute { public FunctionNameAttribute(string name) { } }
        }
        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => Verify1001.VerifyAnalyzerAsync(source, expected);

    private static Task VerifyWithAsync(string framework, string source, params DiagnosticResult[] expected)
    {
        var test = new Verify1001.Test();
        test.TestState.Sources.Add(("/0/Framework.cs", framework));
        test.TestState.Sources.Add(("/0/Handler.cs", source));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // ---------------------------------------------------------------- MVC, Razor Pages, SignalR

    [Fact]
    public async Task Controllers_by_base_type_attribute_and_suffix_convention()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase { private static int {|#0:_calls|}; }
            public class HomeController : Controller { private static int {|#1:_calls|}; }
            [ApiController] public class Widgets { private static int {|#2:_calls|}; }
            [Controller] public class Gadgets { private static int {|#3:_calls|}; }
            public class PocoController { private static int {|#4:_calls|}; }
            public abstract class AppControllerBase : ControllerBase { }
            public class DerivedController : AppControllerBase { private static int {|#5:_calls|}; }
            """,
            Counter(0, "OrdersController"),
            Counter(1, "HomeController"),
            Counter(2, "Widgets"),
            Counter(3, "Gadgets"),
            Counter(4, "PocoController"),
            Counter(5, "DerivedController"));
    }

    [Fact]
    public async Task Generic_and_partial_controllers()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            public abstract class CrudController<T> : ControllerBase { private static int {|#0:_calls|}; }
            public class ItemsController : CrudController<string> { }
            public partial class SplitController : ControllerBase { }
            public partial class SplitController { private static int {|#1:_calls|}; }
            """,
            Counter(0, "CrudController"),
            Counter(1, "SplitController"));
    }

    [Fact]
    public async Task Razor_page_models_and_hubs()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Mvc.RazorPages;
            using Microsoft.AspNetCore.SignalR;

            public interface IClient { }
            public class IndexModel : PageModel { private static int {|#0:_calls|}; }
            public class ChatHub : Hub { private static int {|#1:_calls|}; }
            public class TypedHub : Hub<IClient> { private static int {|#2:_calls|}; }
            """,
            Counter(0, "IndexModel"),
            Counter(1, "ChatHub"),
            Counter(2, "TypedHub"));
    }

    // ---------------------------------------------------------------- middleware classes

    [Fact]
    public async Task Convention_middleware_and_IMiddleware()
    {
        await VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public class TimingMiddleware
            {
                private static int {|#0:_calls|};
                public TimingMiddleware(RequestDelegate next) { }
                public Task InvokeAsync(HttpContext context) => Task.CompletedTask;
            }

            public class LegacyMiddleware
            {
                private static int {|#1:_calls|};
                public Task Invoke(HttpContext context, System.IServiceProvider services) => Task.CompletedTask;
            }

            public class FactoryMiddleware : IMiddleware
            {
                private static int {|#2:_calls|};
                public Task InvokeAsync(HttpContext context, RequestDelegate next) => next(context);
            }
            """,
            Counter(0, "TimingMiddleware"),
            Counter(1, "LegacyMiddleware"),
            Counter(2, "FactoryMiddleware"));
    }

    [Fact]
    public async Task Invoke_methods_that_do_not_take_http_context_first_are_not_middleware()
    {
        await VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public class Command { private static int _calls; public Task InvokeAsync(string name) => Task.CompletedTask; }
            public class Helper { private static int _calls; public Task Invoke(int id, HttpContext context) => Task.CompletedTask; }
            public class Hidden { private static int _calls; private Task InvokeAsync(HttpContext context) => Task.CompletedTask; }
            public class StaticInvoke { private static int _calls; public static Task InvokeAsync(HttpContext context) => Task.CompletedTask; }
            """);
    }

    // ---------------------------------------------------------------- gRPC, Azure Functions, messaging

    [Fact]
    public async Task Grpc_service_derived_from_a_generated_base()
    {
        await VerifyWithAsync(Grpc, """
            public class GreeterService : Greet.Greeter.GreeterBase { private static int {|#0:_calls|}; }
            public class Unrelated { private static int _calls; }
            """,
            Counter(0, "GreeterService"));
    }

    [Fact]
    public async Task Azure_functions_isolated_and_in_process()
    {
        await VerifyWithAsync(Functions, """
            using Microsoft.Azure.Functions.Worker;
            using Microsoft.Azure.WebJobs;

            public class OrdersFunction
            {
                private static int {|#0:_calls|};
                [Function("Orders")] public string Run(string body) => body;
            }

            public static class LegacyFunction
            {
                private static int {|#1:_calls|};
                [FunctionName("Legacy")] public static string Run(string body) => body;
            }
            """,
            Counter(0, "OrdersFunction"),
            Counter(1, "LegacyFunction"));
    }

    [Fact]
    public async Task MediatR_request_and_notification_handlers()
    {
        await VerifyWithAsync(MediatR, """
            using System.Threading;
            using System.Threading.Tasks;
            using MediatR;

            public record GetCart(string UserId) : IRequest<int>;
            public record ClearCart(string UserId) : IRequest;
            public record CartChanged(string UserId) : INotification;

            public class GetCartHandler : IRequestHandler<GetCart, int>
            {
                private static int {|#0:_calls|};
                public Task<int> Handle(GetCart request, CancellationToken cancellationToken) => Task.FromResult(0);
            }

            public class ClearCartHandler : IRequestHandler<ClearCart>
            {
                private static int {|#1:_calls|};
                public Task Handle(ClearCart request, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public class CartChangedHandler : INotificationHandler<CartChanged>
            {
                private static int {|#2:_calls|};
                public Task Handle(CartChanged notification, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """,
            Counter(0, "GetCartHandler"),
            Counter(1, "ClearCartHandler"),
            Counter(2, "CartChangedHandler"));
    }

    [Fact]
    public async Task MassTransit_consumers_including_generic_ones()
    {
        await VerifyWithAsync(MassTransit, """
            using System.Threading.Tasks;
            using MassTransit;

            public record OrderPlaced(string Id);

            public class OrderPlacedConsumer : IConsumer<OrderPlaced>
            {
                private static int {|#0:_calls|};
                public Task Consume(ConsumeContext<OrderPlaced> context) => Task.CompletedTask;
            }

            public class AuditConsumer<T> : IConsumer<T> where T : class
            {
                private static int {|#1:_calls|};
                public Task Consume(ConsumeContext<T> context) => Task.CompletedTask;
            }
            """,
            Counter(0, "OrderPlacedConsumer"),
            Counter(1, "AuditConsumer"));
    }

    [Fact]
    public async Task Look_alike_messaging_grpc_and_functions_types_in_other_namespaces_are_not_handlers()
    {
        await VerifyAsync("""
            using System.Threading.Tasks;

            namespace Fake.MediatR { public interface IRequestHandler<TRequest, TResponse> { } public interface INotificationHandler<T> { } }
            namespace Fake.MassTransit { public interface IConsumer<T> { } }
            namespace Fake.Grpc { public sealed class BindServiceMethodAttribute : System.Attribute { public BindServiceMethodAttribute(System.Type t, string m) { } } }
            namespace Fake.Functions { public sealed class FunctionAttribute : System.Attribute { public FunctionAttribute(string n) { } } public sealed class FunctionNameAttribute : System.Attribute { public FunctionNameAttribute(string n) { } } }
            namespace Fake.Http { public class HttpContext { } public interface IMiddleware { } }

            namespace App
            {
                public class A : Fake.MediatR.IRequestHandler<string, int> { private static int _calls; }
                public class B : Fake.MediatR.INotificationHandler<string> { private static int _calls; }
                public class C : Fake.MassTransit.IConsumer<string> { private static int _calls; }
                [Fake.Grpc.BindServiceMethod(typeof(object), "Bind")] public abstract class GeneratedBase { }
                public class D : GeneratedBase { private static int _calls; }
                public class E { private static int _calls; [Fake.Functions.Function("e")] public void Run() { } }
                public class F { private static int _calls; [Fake.Functions.FunctionName("f")] public void Run() { } }
                public class G { private static int _calls; public Task InvokeAsync(Fake.Http.HttpContext context) => Task.CompletedTask; }
                public class H : Fake.Http.IMiddleware { private static int _calls; }
            }
            """);
    }

    // ---------------------------------------------------------------- [StatelessHandler] and .editorconfig

    [Fact]
    public async Task Stateless_handler_attribute_on_a_type_a_base_type_or_a_method()
    {
        await VerifyAsync("""
            using Stateless.Runtime;

            [StatelessHandler] public class Job { private static int {|#0:_calls|}; }
            [StatelessHandler] public abstract class JobBase { }
            public class DerivedJob : JobBase { private static int {|#1:_calls|}; }
            public class Endpoints { private static int {|#2:_calls|}; [StatelessHandler] public void Handle() { } }
            public class Plain { private static int _calls; }
            """,
            Counter(0, "Job"),
            Counter(1, "DerivedJob"),
            Counter(2, "Endpoints"));
    }

    [Fact]
    public async Task Editorconfig_handler_types_cover_base_classes_interfaces_and_attributes()
    {
        await Verify1001.VerifyAnalyzerAsync("""
            namespace Company
            {
                public interface IHandler { }
                public abstract class EndpointBase { private static int _calls; }
                [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class HandlerAttribute : System.Attribute { }
            }

            namespace App
            {
                public class A : Company.IHandler { private static int {|#0:_calls|}; }
                public class B : Company.EndpointBase { private static int {|#1:_calls|}; }
                [Company.Handler] public class C { private static int {|#2:_calls|}; }
                public class D { private static int _calls; }
            }
            """,
            "stateless_handler_types = Company.IHandler, Company.EndpointBase, Company.HandlerAttribute, Company.Missing",
            Counter(0, "A"),
            Counter(1, "B"),
            Counter(2, "C"));
    }

    [Fact]
    public async Task Without_the_editorconfig_option_configured_types_are_not_handlers()
    {
        await VerifyAsync("""
            namespace Company { public interface IHandler { } }
            public class A : Company.IHandler { private static int _calls; }
            """);
    }

    // ---------------------------------------------------------------- handler delegates (through STL1002)

    private static DiagnosticResult StaticWrite(int location, string handler, string member) =>
        Verify1002.Diagnostic(DiagnosticIds.STL1002_HandlerWritesSharedStaticState).WithLocation(location).WithArguments(handler, "field", member, string.Empty, Descriptors.StaticStateConsequence);

    [Fact]
    public async Task Every_route_registration_method_hosts_a_route_handler()
    {
        var test = new Verify1002.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;

                var app = WebApplication.Create(args);
                var api = app.MapGroup("/api");
                app.Map("/a", () => {|#0:S.N++|});
                app.MapGet("/b", () => {|#1:S.N++|});
                api.MapPost("/c", () => {|#2:S.N++|});
                api.MapPut("/d", () => {|#3:S.N++|});
                app.MapDelete("/e", () => {|#4:S.N++|});
                app.MapPatch("/f", () => {|#5:S.N++|});
                app.MapMethods("/g", new[] { "HEAD" }, () => {|#6:S.N++|});
                app.MapFallback(() => {|#7:S.N++|});
                app.MapFallback("/h/{**rest}", () => {|#8:S.N++|});
                app.MapGet("/i", (HttpContext context) => { {|#9:S.N++|}; return context.Response.WriteAsync("i"); });
                app.Run();

                static class S { public static int N; }
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(new[]
        {
            StaticWrite(0, "Route handler Map(\"/a\")", "S.N"),
            StaticWrite(1, "Route handler MapGet(\"/b\")", "S.N"),
            StaticWrite(2, "Route handler MapPost(\"/c\")", "S.N"),
            StaticWrite(3, "Route handler MapPut(\"/d\")", "S.N"),
            StaticWrite(4, "Route handler MapDelete(\"/e\")", "S.N"),
            StaticWrite(5, "Route handler MapPatch(\"/f\")", "S.N"),
            StaticWrite(6, "Route handler MapMethods(\"/g\")", "S.N"),
            StaticWrite(7, "Route handler MapFallback(...)", "S.N"),
            StaticWrite(8, "Route handler MapFallback(\"/h/{**rest}\")", "S.N"),
            StaticWrite(9, "Route handler MapGet(\"/i\")", "S.N"),
        });
        await test.RunAsync();
    }

    [Fact]
    public async Task Every_middleware_registration_hosts_a_middleware_delegate()
    {
        var test = new Verify1002.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;

                var app = WebApplication.Create(args);
                app.Use(async (context, next) => { {|#0:S.N++|}; await next(); });
                app.Use(async (HttpContext context, RequestDelegate next) => { {|#1:S.N++|}; await next(context); });
                ((IApplicationBuilder)app).Use(next => context => { {|#2:S.N++|}; return next(context); });
                app.UseWhen(context => {|#3:S.N++|} > 0, branch => branch.Use(async (c, n) => { {|#4:S.N++|}; await n(); }));
                app.MapWhen(context => {|#5:S.N++|} > 0, branch => branch.Run(c => { {|#6:S.N++|}; return c.Response.WriteAsync("x"); }));
                app.Run(context => { {|#7:S.N++|}; return context.Response.WriteAsync("end"); });

                static class S { public static int N; }
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(new[]
        {
            StaticWrite(0, "Middleware delegate Use(...)", "S.N"),
            StaticWrite(1, "Middleware delegate Use(...)", "S.N"),
            StaticWrite(2, "Middleware delegate Use(...)", "S.N"),
            StaticWrite(3, "Middleware delegate UseWhen(...)", "S.N"),
            StaticWrite(4, "Middleware delegate Use(...)", "S.N"),
            StaticWrite(5, "Middleware delegate MapWhen(...)", "S.N"),
            StaticWrite(6, "Middleware delegate Run(...)", "S.N"),
            StaticWrite(7, "Middleware delegate Run(...)", "S.N"),
        });
        await test.RunAsync();
    }

    [Fact]
    public async Task Method_groups_from_static_classes_and_local_functions_are_route_handlers()
    {
        var test = new Verify1002.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;

                var app = WebApplication.Create(args);
                app.MapGet("/a", Endpoints.Get);
                app.MapPost("/b", Post);
                app.Run(Terminal);
                app.Run();

                int Post() => {|#1:S.N++|};
                System.Threading.Tasks.Task Terminal(HttpContext context) { {|#2:S.N++|}; return context.Response.WriteAsync("t"); }

                static class Endpoints { public static int Get() => {|#0:S.N++|}; public static int NotMapped() => S.N++; }
                static class S { public static int N; }
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(new[]
        {
            StaticWrite(0, "Route handler", "S.N"),
            StaticWrite(1, "Route handler", "S.N"),
            StaticWrite(2, "Middleware delegate", "S.N"),
        });
        await test.RunAsync();
    }

    [Fact]
    public async Task Startup_code_around_registrations_is_not_handler_code()
    {
        var test = new Verify1002.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;

                var app = WebApplication.Create(args);
                S.N++;
                app.Use(next => { S.N++; return next; });
                app.UseWhen(context => true, branch => { S.N++; });
                app.MapWhen(context => true, branch => { S.N++; });
                app.Run();

                static class S { public static int N; }
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public void Recognizer_api_returns_the_lambda_or_method_group_of_each_registration()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            app.MapGet("/a", () => "a");
            app.MapPost("/b", Handlers.B);
            app.Run(context => context.Response.WriteAsync("c"));
            app.UseWhen(context => true, branch => { });
            app.MapGroup("/g");
            app.Run();

            static class Handlers { public static string B() => "b"; }
            """, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("R", new[] { tree }, TestReferences.Metadata, new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var model = compilation.GetSemanticModel(tree);
        var recognizer = HandlerRecognizer.GetOrCreate(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));

        var results = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(node => (IInvocationOperation)model.GetOperation(node)!)
            .Select(invocation => recognizer.TryGetHandlerDelegate(invocation, out var kind, out var lambda, out var method)
                ? invocation.TargetMethod.Name + ":" + kind + ":" + (lambda is not null ? "lambda" : method!.Name)
                : invocation.TargetMethod.Name + ":none")
            .ToList();

        Assert.Equal(
            new[]
            {
                "Create:none",
                "MapGet:MinimalApiRouteHandler:lambda",
                "MapPost:MinimalApiRouteHandler:B",
                "Run:MiddlewareDelegate:lambda",
                "WriteAsync:none",
                "UseWhen:MiddlewareDelegate:lambda",
                "MapGroup:none",
                "Run:none",
            },
            results);
    }
}
