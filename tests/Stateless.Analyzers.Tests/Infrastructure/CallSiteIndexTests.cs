using System.Linq;
using System.Threading;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Tests.Infrastructure;

/// <summary>CallSiteIndex finds the call sites of a name from the text, without walking the trees, and only real call sites.</summary>
public class CallSiteIndexTests
{
    private static readonly Snippet Code = Snippet.Compile("""
        using System;
        public class Registry
        {
            public void Register(string name) { }
            public void RegisterAll() { }
            public void TryRegister() { }
            public void Subscribe(Action<string> handler) { }
            public void Generic<T>() { }
        }

        public class Startup
        {
            // Register("in a comment") is not a call
            private readonly string _text = "Register(x) in a string";

            public void Configure(Registry registry, Registry? maybe)
            {
                registry.Register("a");
                maybe?.Register("b");
                registry.RegisterAll();
                registry.TryRegister();
                registry.Subscribe(registry.Register);
                registry.Subscribe(@Register);
                registry.Generic<int>();
                Action<string> held = registry.Register;
                held("c");
            }

            private static void @Register(string name) { }
        }
        """);

    private static string[] Sites(string name) =>
        CallSiteIndex.Build(Code.Compilation).SitesNamed(name, CancellationToken.None).Select(site => site.ToString()).ToArray();

    [Fact]
    public void Invocations_and_method_groups_passed_as_arguments_are_found_in_source_order()
    {
        Assert.Equal(
            new[] { "registry.Register(\"a\")", ".Register(\"b\")", "registry.Register", "@Register" },
            Sites("Register"));
    }

    [Fact]
    public void Longer_names_comments_strings_and_assignments_are_not_call_sites()
    {
        Assert.Equal(new[] { "registry.RegisterAll()" }, Sites("RegisterAll"));
        Assert.Equal(new[] { "registry.TryRegister()" }, Sites("TryRegister"));
        Assert.Empty(Sites("Unknown"));
    }

    [Fact]
    public void Generic_invocations_are_found_by_their_name()
    {
        Assert.Equal(new[] { "registry.Generic<int>()" }, Sites("Generic"));
        Assert.Equal(new[] { "registry.Subscribe(registry.Register)", "registry.Subscribe(@Register)" }, Sites("Subscribe"));
    }

    [Fact]
    public void A_name_asked_twice_gives_the_same_answer()
    {
        var index = CallSiteIndex.Build(Code.Compilation);
        var first = index.SitesNamed("Register", CancellationToken.None);
        Assert.Same(first, index.SitesNamed("Register", CancellationToken.None));
    }
}
