using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Tests.Infrastructure;

public class TypeHierarchyTests
{
    private static readonly Snippet Code = Snippet.Compile("""
        using System;
        using System.Collections.Generic;

        public class Base<T> { }
        public class Middle : Base<int>, IDisposable { public void Dispose() { } }
        public class Leaf : Middle { }
        public class Unrelated { }
        public interface IMarker<T> { }
        public class Marked : IMarker<string> { }

        public class FirstAttribute : Attribute { }
        public class SecondAttribute : FirstAttribute { }
        [Second] public class Tagged { }
        public class TaggedChild : Tagged { }

        public class Holder
        {
            public Leaf[] Leaves = new Leaf[0];
        }
        """);

    [Fact]
    public void IsOrInheritsFrom_counts_the_type_itself_and_its_base_classes_by_definition()
    {
        var leaf = Code.Type("Leaf");
        Assert.True(TypeHierarchy.IsOrInheritsFrom(leaf, leaf));
        Assert.True(TypeHierarchy.IsOrInheritsFrom(leaf, Code.Type("Middle")));
        Assert.True(TypeHierarchy.IsOrInheritsFrom(leaf, Code.Type("Base`1")), "Base<int> is compared by its definition Base`1");
        Assert.False(TypeHierarchy.IsOrInheritsFrom(leaf, Code.Type("Unrelated")));
        Assert.False(TypeHierarchy.IsOrInheritsFrom(null, leaf));
        Assert.False(TypeHierarchy.IsOrInheritsFrom(leaf, null));
    }

    [Fact]
    public void InheritsFrom_leaves_out_the_type_itself()
    {
        var leaf = Code.Type("Leaf");
        Assert.False(TypeHierarchy.InheritsFrom(leaf, leaf));
        Assert.True(TypeHierarchy.InheritsFrom(leaf, Code.Type("Middle")));
    }

    [Fact]
    public void BaseTypesAndSelf_walks_nearest_first_and_an_array_through_System_Array()
    {
        var names = Enumerate(TypeHierarchy.BaseTypesAndSelf(Code.Type("Leaf")));
        Assert.Equal(new[] { "Leaf", "Middle", "Base", "Object" }, names);
        Assert.Equal(new[] { "Middle", "Base", "Object" }, Enumerate(TypeHierarchy.BaseTypes(Code.Type("Leaf"))));

        var array = ((IFieldSymbol)Code.Type("Holder").GetMembers("Leaves")[0]).Type;
        Assert.Equal(new[] { "", "Array", "Object" }, Enumerate(TypeHierarchy.BaseTypesAndSelf(array)));
        Assert.Empty(Enumerate(TypeHierarchy.BaseTypesAndSelf(null)));
    }

    [Fact]
    public void FirstSelfOrBaseIn_answers_the_nearest_candidate()
    {
        var candidates = ImmutableArray.Create(Code.Type("Base`1"), Code.Type("Middle"));
        Assert.Same(Code.Type("Middle"), TypeHierarchy.FirstSelfOrBaseIn(Code.Type("Leaf"), candidates));
        Assert.True(TypeHierarchy.IsOrInheritsFromAny(Code.Type("Leaf"), candidates));
        Assert.Null(TypeHierarchy.FirstSelfOrBaseIn(Code.Type("Unrelated"), candidates));
    }

    [Fact]
    public void Implements_finds_inherited_and_generic_interfaces_and_refuses_classes()
    {
        Assert.True(TypeHierarchy.Implements(Code.Type("Leaf"), Code.Type("System.IDisposable")));
        Assert.True(TypeHierarchy.Implements(Code.Type("Marked"), Code.Type("IMarker`1")));
        Assert.False(TypeHierarchy.Implements(Code.Type("Leaf"), Code.Type("Middle")));
        Assert.False(TypeHierarchy.Implements(Code.Type("Unrelated"), Code.Type("System.IDisposable")));
    }

    [Fact]
    public void HasAttribute_counts_derived_attributes_and_inherits_only_when_asked()
    {
        var first = Code.Type("FirstAttribute");
        Assert.True(SymbolAttributes.HasAttribute(Code.Type("Tagged"), first, inherit: false));
        Assert.False(SymbolAttributes.HasAttribute(Code.Type("TaggedChild"), first, inherit: false));
        Assert.True(SymbolAttributes.HasAttribute(Code.Type("TaggedChild"), first, inherit: true));
        Assert.False(SymbolAttributes.HasAttribute(Code.Type("Unrelated"), first, inherit: true));
        Assert.False(SymbolAttributes.HasAttribute(Code.Type("Tagged"), null, inherit: true));
    }

    [Fact]
    public void WellKnownTypes_GetAll_keeps_the_order_and_leaves_out_missing_names()
    {
        var types = WellKnownTypes.GetOrCreate(Code.Compilation).GetAll("Leaf", "No.Such.Type", "Middle");
        Assert.Equal(new[] { "Leaf", "Middle" }, types.Select(t => t.Name));
    }

    private static string[] Enumerate(TypeHierarchy.BaseTypeChain chain)
    {
        var names = new System.Collections.Generic.List<string>();
        foreach (var type in chain)
        {
            names.Add(type.Name);
        }

        return names.ToArray();
    }
}
