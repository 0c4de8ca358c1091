using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static Stateless.Analyzers.Tests.Scope.ScopeTest;

namespace Stateless.Analyzers.Tests.Scope;

/// <summary>
/// Test code gets no STL diagnostic of any family unless <c>stateless_analyze_test_code = true</c>: for each family a
/// source that reports in a web library, silent in a test project (MSBuild property or test-framework reference),
/// reported again when the option is set in a global config or an .editorconfig section.
/// </summary>
public class TestCodeScopeTests
{
    private const string ProcessState = """
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        public class VisitsController : ControllerBase
        {
            private static readonly Dictionary<string, int> {|#0:VisitsByUser|} = new();

            [HttpGet("{userId}")]
            public int Visit(string userId) => VisitsByUser[userId] = VisitsByUser.TryGetValue(userId, out var n) ? n + 1 : 1;
        }
        """;

    private const string ScaleOut = """
        using Microsoft.Extensions.DependencyInjection;

        public static class Registration
        {
            public static void Register(IServiceCollection services) => services.{|#0:AddDistributedMemoryCache()|};
        }

        public sealed class CartStore
        {
            public CartStore(Microsoft.Extensions.Caching.Distributed.IDistributedCache cache) { }
        }
        """;

    private const string TokenValidation = """
        using Microsoft.IdentityModel.Tokens;

        public static class Validation
        {
            public static TokenValidationParameters Create() => {|#1:new TokenValidationParameters
            {
                ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
                {|#0:RequireExpirationTime = false|},
            }|};
        }
        """;

    private const string TokenIssuance = """
        using System.Text;
        using Microsoft.IdentityModel.Tokens;

        public static class Keys
        {
            public static SecurityKey Create() => {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes("my-super-secret-signing-key-0123456789"))|};
        }
        """;

    private static readonly Dictionary<string, (string Source, string Id)> Families = new()
    {
        ["ProcessState"] = (ProcessState, "STL1001"),
        ["ScaleOut"] = (ScaleOut, "STL1101"),
        ["TokenValidation"] = (TokenValidation, "STL2004"),
        ["TokenIssuance"] = (TokenIssuance, "STL3005"),
    };

    public static TheoryData<string> FamilyNames() => new() { "ProcessState", "ScaleOut", "TokenValidation", "TokenIssuance" };

    private static (string Source, DiagnosticResult[] Reported) Case(string family)
    {
        var (source, id) = Families[family];
        return family == "TokenValidation"
            ? (source, [Warning(id, 0), new DiagnosticResult("STL2008", DiagnosticSeverity.Info).WithLocation(1)]) // no revocation check: a project-level info
            : (source, [Warning(id, 0)]);
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public async Task Library_reports(string family)
    {
        var (source, reported) = Case(family);
        await RunAsync(source, reported);
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public async Task Test_project_by_MSBuild_property_is_silent(string family)
    {
        var (source, _) = Case(family);
        await RunAsync(source, [], globalConfig: "build_property.IsTestProject = true\n");
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public async Task Test_project_by_test_framework_reference_is_silent(string family)
    {
        var (source, _) = Case(family);
        await RunAsync(source, [], references: [.. Verifiers.TestReferences.Metadata, XunitCore]);
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public async Task Test_project_opted_in_by_global_config_reports(string family)
    {
        var (source, reported) = Case(family);
        await RunAsync(source, reported, references: [.. Verifiers.TestReferences.Metadata, XunitCore], globalConfig: "stateless_analyze_test_code = true\n");
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public async Task Test_project_opted_in_by_editorconfig_section_reports(string family)
    {
        var (source, reported) = Case(family);
        await RunAsync(source, reported, references: [.. Verifiers.TestReferences.Metadata, XunitCore], editorConfig: "stateless_analyze_test_code = true\n");
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public async Task Test_project_by_MSBuild_property_opted_in_by_editorconfig_section_reports(string family)
    {
        var (source, reported) = Case(family);
        await RunAsync(source, reported, globalConfig: "build_property.IsTestProject = true\n", editorConfig: "stateless_analyze_test_code = true\n");
    }

    [Theory]
    [InlineData("false")]
    [InlineData("yes")]
    [InlineData("")]
    public async Task Other_option_values_keep_test_code_silent(string value)
    {
        foreach (var (source, _) in Families.Values)
        {
            await RunAsync(source, [], references: [.. Verifiers.TestReferences.Metadata, XunitCore], editorConfig: "stateless_analyze_test_code = " + value + "\n");
        }
    }

    [Fact]
    public async Task Exemption_without_reason_in_test_code_is_silent_unless_opted_in()
    {
        const string source = """
            public static class Fixtures
            {
                [Stateless.Runtime.AllowProcessState({|#0:""|})]
                public static readonly System.Collections.Generic.Dictionary<string, string> Values = new();
            }
            """;
        await RunAsync(source, [], references: [.. Verifiers.TestReferences.Metadata, XunitCore]);
        await RunAsync(source, [Warning("STL1000", 0)], references: [.. Verifiers.TestReferences.Metadata, XunitCore], editorConfig: "stateless_analyze_test_code = true\n");
    }

    [Fact]
    public async Task MSBuild_property_false_reports()
    {
        await RunAsync(ProcessState, [Warning("STL1001", 0)], globalConfig: "build_property.IsTestProject = false\n");
    }
}
