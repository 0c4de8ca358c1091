using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.ProcessState;
using Stateless.Analyzers.Tests.Verifiers;

namespace Stateless.Analyzers.Tests.ProcessState;

/// <summary>The process-state analyzers run on every keystroke: half-typed code must never make them throw.</summary>
public class ProcessStateRobustnessTests
{
    public static TheoryData<string> BrokenSources => new()
    {
        string.Empty,
        "public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { static int x; void M() { x++; Foo.Bar[ } }",
        "using Microsoft.AspNetCore.Builder; var app = WebApplication.Create(args); var items = new System.Collections.Generic.List<int>(); app.MapGet(\"/\", () => { items.Add( ); app.Use(async (c, n) => { s++ ",
        "using Microsoft.AspNetCore.Builder; var app = WebApplication.Create(args); app.MapPost(\"/\", Missing); app.MapGet(\"/x\", Handlers.); app.Run(",
        "using Microsoft.Extensions.DependencyInjection; static class R { static void A(IServiceCollection s) { s.AddSingleton<>(); s.AddSingleton(typeof()); s.AddSingleton<Svc>(sp => ); s.AddSingleton(new ); } } class Svc { System.Collections.Generic.List<int> _l; int _n; void M() { _l.Add( ; _n = } }",
        "[Stateless.Runtime.AllowProcessState(] class X {} [Stateless.Runtime.AllowProcessState(\"\", 1)] class Y {} [Stateless.Runtime.AllowProcessState] int z;",
        "using Microsoft.AspNetCore.Http; public static class H { public static HttpContext C; public static void M(HttpContext c) { C = c; Missing.X = c; Unknown.Add(c); C ??= ; } }",
        "using Microsoft.AspNetCore.Builder; var app = WebApplication.Create(args); ((IApplicationBuilder)app).Use(next => context => { n++; return next(context); }); app.UseWhen(c => , b => ); app.MapWhen(",
        "public class Hub : Microsoft.AspNetCore.SignalR.Hub { static System.Collections.Generic.Dictionary<string, string> U = new(); public override System.Threading.Tasks.Task OnConnectedAsync() { U[Context.ConnectionId] = ; return base.OnConnectedAsync(); } }",
        "class C<T> where T : { static T[] s; void M() { s[0] = default; (s) = null; ref var r = ref s[0]; r = default; } }",
        "using Microsoft.AspNetCore.Builder; class P { void M(WebApplication app) { System.Func<int> h = () => count++; app.MapGet(\"/\", h); int count; } }",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Analyzers_do_not_throw_on_incomplete_code(string source)
    {
        var exceptions = new ConcurrentBag<Exception>();
        var compilation = CSharpCompilation.Create(
            "Broken",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            TestReferences.Metadata,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new AllowProcessStateReasonAnalyzer(),
            new MutableStaticStateAnalyzer(),
            new StaticStateWriteAnalyzer(),
            new SingletonStateAnalyzer(),
            new CapturedStateAnalyzer(),
            new RequestObjectLifetimeAnalyzer());

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);

        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
