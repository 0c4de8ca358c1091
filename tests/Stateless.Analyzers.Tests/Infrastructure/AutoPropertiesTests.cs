using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Tests.Infrastructure;

/// <summary>
/// The three copies this helper replaced disagreed: two read the accessor syntax (one of them counted <c>extern</c> properties,
/// neither counted a record's positional properties), one looked for the compiler's backing field. The backing field decides.
/// </summary>
public class AutoPropertiesTests
{
    private static readonly Snippet Code = Snippet.Compile("""
        using System;

        public abstract class C
        {
            public int Plain { get; set; }
            public int InitOnly { get; init; }
            public static int Shared { get; } = 3;
            public int Computed => 1;
            public int Bodied { get { return 1; } set { } }
            private int _x;
            public int Backed { get => _x; set => _x = value; }
            public abstract int Abstract { get; set; }
            public int this[int i] { get => i; set { } }
            public static extern int External { get; set; }
        }

        public interface I
        {
            int Member { get; set; }
            static int Static { get; set; }
        }

        public record R(int Positional);

        public class G<T>
        {
            public T? Value { get; set; }
        }

        public class Use
        {
            public int Read(G<int> g) => g.Value;
        }
        """);

    [Theory]
    [InlineData("C", "Plain")]
    [InlineData("C", "InitOnly")]
    [InlineData("C", "Shared")]
    [InlineData("I", "Static")]
    [InlineData("R", "Positional")]
    [InlineData("G`1", "Value")]
    public void Counts_properties_with_a_compiler_backing_field(string type, string property)
    {
        var symbol = Code.Property(type, property);
        Assert.True(symbol.IsAutoProperty());
        var field = symbol.BackingField();
        Assert.NotNull(field);
        Assert.True(field!.IsImplicitlyDeclared);
    }

    [Theory]
    [InlineData("C", "Computed")]
    [InlineData("C", "Bodied")]
    [InlineData("C", "Backed")]
    [InlineData("C", "Abstract")]
    [InlineData("C", "this[]")]
    [InlineData("C", "External")]
    [InlineData("I", "Member")]
    public void Leaves_out_properties_that_hold_no_value_of_their_own(string type, string property)
    {
        var symbol = Code.Property(type, property);
        Assert.False(symbol.IsAutoProperty());
        Assert.Null(symbol.BackingField());
    }

    [Fact]
    public void Answers_for_a_property_of_a_constructed_generic_type()
    {
        var constructed = Code.Type("G`1").Construct(Code.Compilation.GetSpecialType(Microsoft.CodeAnalysis.SpecialType.System_Int32));
        var value = (Microsoft.CodeAnalysis.IPropertySymbol)constructed.GetMembers("Value")[0];
        Assert.True(value.IsAutoProperty());
    }

    [Fact]
    public void Metadata_properties_are_not_judged()
    {
        var uri = Code.Compilation.GetTypeByMetadataName("System.UriBuilder")!;
        var host = (Microsoft.CodeAnalysis.IPropertySymbol)uri.GetMembers("Host")[0];
        Assert.False(host.IsAutoProperty());
    }
}
