using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Tests.Infrastructure;

/// <summary>MetadataNameSet matches types by the metadata name GetTypeByMetadataName takes, without resolving the names.</summary>
public class MetadataNameSetTests
{
    private static readonly Snippet Code = Snippet.Compile("""
        using System.Collections.Generic;
        namespace App
        {
            public class Outer { public class Inner { } }
            public class Cache : Dictionary<string, int> { }
            public class DerivedCache : Cache { }
            public interface IStore : IDictionary<string, int> { }
            public class Plain { }
        }
        public class GlobalType { }
        """);

    [Fact]
    public void Full_metadata_names_are_those_GetTypeByMetadataName_takes()
    {
        foreach (var name in new[] { "App.Outer", "App.Outer+Inner", "GlobalType", "System.Collections.Generic.Dictionary`2" })
        {
            Assert.Equal(name, MetadataNameSet.FullMetadataName(Code.Type(name)));
        }
    }

    [Fact]
    public void A_constructed_generic_type_matches_its_definition()
    {
        var set = new MetadataNameSet(new[] { "System.Collections.Generic.Dictionary`2" });
        var constructed = Code.Type("App.Cache").BaseType!;
        Assert.True(set.Contains(constructed));
        Assert.False(set.Contains(Code.Type("App.Plain")));
        Assert.False(set.Contains(null));
    }

    [Fact]
    public void Bases_and_interfaces_are_asked_separately()
    {
        var classes = new MetadataNameSet(new[] { "System.Collections.Generic.Dictionary`2" });
        var interfaces = new MetadataNameSet(new[] { "System.Collections.Generic.IDictionary`2" });

        Assert.True(classes.ContainsSelfOrBase(Code.Type("App.DerivedCache")));
        Assert.False(classes.Contains(Code.Type("App.DerivedCache")));
        Assert.False(classes.ContainsSelfOrBase(Code.Type("App.Plain")));

        Assert.True(interfaces.ContainsInterfaceOf(Code.Type("App.DerivedCache")));
        Assert.True(interfaces.ContainsInterfaceOf(Code.Type("App.IStore")));
        Assert.False(interfaces.ContainsSelfOrBase(Code.Type("App.IStore")));
        Assert.False(interfaces.ContainsInterfaceOf(Code.Type("App.Plain")));
    }

    [Fact]
    public void Nested_types_match_by_their_plus_name_only()
    {
        var set = new MetadataNameSet(new[] { "App.Outer+Inner" });
        Assert.True(set.Contains(Code.Type("App.Outer+Inner")));
        Assert.False(set.Contains(Code.Type("App.Outer")));
    }
}
