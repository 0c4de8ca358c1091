using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.TokenIssuance;
using Stateless.Analyzers.Tests.Verifiers;
using VerifyTokenIssuance = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenIssuance.TokenIssuanceAnalyzer>;
using VerifySigningKey = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenIssuance.SigningKeyAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenIssuance;

/// <summary>Code being typed: the analyzers must neither throw (AD0001) nor report on broken or incomplete token code.</summary>
public class TokenIssuanceRobustnessTests
{
    private const string Broken = """
        public class Broken
        {
            public object A(string user) => new JwtSecurityToken(issuer: , audience: "a", expires: DateTime.UtcNow.AddDays(;
            public object B() => new SecurityTokenDescriptor { Expires = , Subject = new ClaimsIdentity(new[] { new Claim( }) };
            public object C() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(
            public object D() { var d = new SecurityTokenDescriptor(); d. = 3; return new Unknown().CreateToken(d); }
            public object E() => new JwtPayload { { "exp", EpochTime.GetIntDate(DateTime.UtcNow.AddDays(double.MaxValue)) } };
            public object F() => new JwtSecurityToken(expires: DateTime.UtcNow.AddTicks(long.MaxValue).AddDays(1e300));
            public object G() => new SymmetricSecurityKey(new byte[-1]);
            public object H() => new SymmetricSecurityKey(Convert.FromBase64String("not base64 at all!"));
            public object I() => new JsonWebKey(null);
        """;

    [Fact]
    public async Task Analyzers_survive_broken_code()
    {
        var tree = CSharpSyntaxTree.ParseText(Templates.Usings + Broken, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            "Broken",
            new[] { tree },
            TestReferences.Metadata,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => exceptions.Add(analyzer.GetType().Name + ": " + exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new TokenIssuanceAnalyzer(), new SigningKeyAnalyzer());

        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task Analyzers_stay_silent_without_identity_model_types()
    {
        var source = """
            namespace Microsoft.IdentityModel.Fake
            {
                public class SecurityTokenDescriptor { public System.DateTime? Expires { get; set; } }
                public static class Use { public static object M() => new SecurityTokenDescriptor { Expires = System.DateTime.UtcNow.AddDays(30) }; }
            }
            """;
        await new VerifyTokenIssuance.Test { TestCode = source }.RunAsync(CancellationToken.None);
        await new VerifySigningKey.Test { TestCode = source }.RunAsync(CancellationToken.None);
    }
}
