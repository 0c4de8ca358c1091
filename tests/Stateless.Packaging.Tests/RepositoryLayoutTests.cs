using System;
using System.Collections.Generic;
using System.IO;

namespace Stateless.Packaging.Tests;

/// <summary>
/// The repository's structure rules (<see cref="RepositoryLayout"/>) hold on this repository, and each rule reports
/// the violation it exists for in a small tree written for the test.
/// </summary>
public sealed class RepositoryLayoutTests
{
    [Fact]
    public void Runtime_and_testing_files_declare_one_public_type_named_like_the_file() =>
        AssertNone(RepositoryLayout.PublicTypesPerFile(DotNet.RepositoryRoot));

    [Fact]
    public void Tools_and_benchmarks_compile_no_test_source_but_the_shared_redis_launcher() =>
        AssertNone(RepositoryLayout.TestSourcesOutsideTests(DotNet.RepositoryRoot));

    [Fact]
    public void Test_namespaces_start_with_their_project_assembly_name() =>
        AssertNone(RepositoryLayout.TestNamespaces(DotNet.RepositoryRoot));

    [Fact]
    public void One_file_under_tests_and_bench_starts_redis_server() =>
        Assert.Equal([RepositoryLayout.RedisLauncher], RepositoryLayout.RedisServerLaunchers(DotNet.RepositoryRoot));

    [Fact]
    public void A_second_public_type_or_a_file_named_otherwise_is_reported()
    {
        using var tree = new ScratchTree(new()
        {
            ["src/Stateless.Runtime/Store.cs"] = "namespace Stateless.Runtime;\npublic interface Store { }\npublic sealed class Family { }\ninternal sealed class Helper { }\n",
            ["src/Stateless.Runtime/Wrong.cs"] = "namespace Stateless.Runtime;\npublic enum Outcome { A }\n",
            ["src/Stateless.Testing/Fleet{TEntryPoint}.cs"] = "namespace Stateless.Testing;\npublic sealed class Fleet<TEntryPoint> { public sealed class Nested { } }\n",
            ["src/Stateless.Testing/Report.Text.cs"] = "namespace Stateless.Testing;\npublic sealed partial class Report { }\n",
            ["src/Stateless.Runtime.Redis/Delegates.cs"] = "namespace Stateless.Runtime.Redis;\npublic delegate void Callback();\npublic record struct Pair(int A);\n",
            ["src/Stateless.Analyzers/Many.cs"] = "namespace Stateless.Analyzers;\npublic class A { }\npublic class B { }\n",
        });

        Assert.Equal(
            [
                "src/Stateless.Runtime/Store.cs declares 2 public types: Store, Family",
                "src/Stateless.Runtime/Wrong.cs declares public Outcome: name the file Outcome.cs",
                "src/Stateless.Runtime.Redis/Delegates.cs declares 2 public types: Callback, Pair",
            ],
            RepositoryLayout.PublicTypesPerFile(tree.Root));
    }

    [Fact]
    public void A_tool_or_benchmark_compiling_from_tests_is_reported()
    {
        using var tree = new ScratchTree(new()
        {
            ["tools/Scan/Scan.csproj"] = Project("""<Compile Include="..\..\tests\Shared\OfflineReferences.cs" Link="OfflineReferences.cs" /><Compile Include="..\Shared\Own.cs" />"""),
            ["tools/Other/Other.csproj"] = Project("""<ProjectReference Include="../../tests/Some.Tests/Some.Tests.csproj" />"""),
            ["bench/runtime/Bench.csproj"] = Project("""<Compile Include="..\..\tests\Shared\Redis\*.cs" LinkBase="Shared\Redis" /><Compile Include="..\..\tests\Some.Tests\Helper.cs" />"""),
            ["tools/Scan/bin/Release/Generated.csproj"] = Project("""<Compile Include="..\..\..\..\..\tests\Any.cs" />"""),
        });

        Assert.Equal(
            [
                "tools/Other/Other.csproj compiles tests/Some.Tests/Some.Tests.csproj",
                "tools/Scan/Scan.csproj compiles tests/Shared/OfflineReferences.cs",
                "bench/runtime/Bench.csproj compiles tests/Some.Tests/Helper.cs",
            ],
            RepositoryLayout.TestSourcesOutsideTests(tree.Root));
    }

    [Fact]
    public void A_test_namespace_outside_its_assembly_name_is_reported()
    {
        using var tree = new ScratchTree(new()
        {
            ["tests/Shop.Tests/Shop.Tests.csproj"] = Project("""<Compile Remove="Fixtures/**" /><ProjectReference Include="Apps\Tiny\Tiny.csproj" />"""),
            ["tests/Shop.Tests/CartTests.cs"] = "namespace Shop.Tests.Cart;\nclass CartTests { const string Source = \"namespace Elsewhere;\"; }\n",
            ["tests/Shop.Tests/Verifiers/Testing.cs"] = "namespace Shop.Testing;\nclass Verifier { }\n",
            ["tests/Shop.Tests/Global.cs"] = "class InGlobalNamespace { }\n",
            ["tests/Shop.Tests/Program.cs"] = "System.Console.WriteLine();\n",
            ["tests/Shop.Tests/Fixtures/Sample.cs"] = "namespace CustomerCode;\nclass Sample { }\n",
            ["tests/Shop.Tests/Apps/Tiny/Tiny.csproj"] = Project("<PropertyGroup><AssemblyName>TinyApp</AssemblyName></PropertyGroup>"),
            ["tests/Shop.Tests/Apps/Tiny/Marker.cs"] = "namespace TinyApp { namespace Inner { class Marker { } } }\nnamespace Tiny { class Other { } }\n",
            ["tests/Shared/Launcher.cs"] = "namespace Stateless.Tests.Shared.Redis;\nclass Launcher { }\n",
            ["tests/Shared/Old.cs"] = "namespace Stateless.Analyzers.Testing;\nclass Old { }\n",
        });

        Assert.Equal(
            [
                "tests/Shop.Tests/Global.cs declares InGlobalNamespace in the global namespace, outside Shop.Tests",
                "tests/Shop.Tests/Verifiers/Testing.cs declares namespace Shop.Testing, which does not start with Shop.Tests",
                "tests/Shop.Tests/Apps/Tiny/Marker.cs declares namespace Tiny, which does not start with TinyApp",
                "tests/Shared/Old.cs declares namespace Stateless.Analyzers.Testing, which does not start with Stateless.Tests.Shared",
            ],
            RepositoryLayout.TestNamespaces(tree.Root));
    }

    [Fact]
    public void Every_file_that_starts_redis_server_is_reported()
    {
        using var tree = new ScratchTree(new()
        {
            ["tests/Shared/Redis/RedisServerProcess.cs"] = "class L { void S() => new System.Diagnostics.ProcessStartInfo(Find()); string Find() => \"/usr/bin/redis-server\"; }\n",
            ["tests/Some.Tests/RedisServer.cs"] = "class R { void S() => System.Diagnostics.Process.Start(\"redis-server\", \"--port 1\"); }\n",
            ["bench/runtime/Server.cs"] = "using System.Diagnostics;\nclass B { void S(int p) => Process.Start(new ProcessStartInfo($\"redis-server\") { Arguments = $\"--port {p}\" }); }\n",
            ["tests/Some.Tests/Mentions.cs"] = "// starts redis-server with ProcessStartInfo\nclass M { const string Text = \"redis-server\"; }\n",
            ["tests/Some.Tests/Dotnet.cs"] = "class D { void S() => System.Diagnostics.Process.Start(\"dotnet\"); }\n",
            ["bench/runtime/bin/Release/Copy.cs"] = "class C { void S() => System.Diagnostics.Process.Start(\"redis-server\"); }\n",
        });

        Assert.Equal(
            ["bench/runtime/Server.cs", "tests/Shared/Redis/RedisServerProcess.cs", "tests/Some.Tests/RedisServer.cs"],
            RepositoryLayout.RedisServerLaunchers(tree.Root));
    }

    private static string Project(string items) =>
        $"""<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>{items}</ItemGroup></Project>""";

    private static void AssertNone(IReadOnlyList<string> violations) =>
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

    /// <summary>A throwaway repository-shaped folder with the given files (paths with '/'), deleted on dispose.</summary>
    private sealed class ScratchTree : IDisposable
    {
        public ScratchTree(Dictionary<string, string> files)
        {
            Root = DotNet.CreateTempDirectory("stateless-layout");
            Directory.CreateDirectory(Path.Combine(Root, "src"));
            Directory.CreateDirectory(Path.Combine(Root, "tests"));
            foreach (var (path, text) in files)
            {
                var full = Path.Combine(Root, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }
        }

        public string Root { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
