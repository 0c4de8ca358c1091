using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Tests.Infrastructure;

public class OperationExtensionsTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public class C
        {
            private object _held;
            private int _count;

            public void M(double d, List<int> list, Func<int> factory)
            {
                int truncated = (int)2.5;
                long widened = 3;
                object boxed = (object)(IEnumerable<int>)list;
                _held = list as IEnumerable<int>;
                _count++;
                Use(ref _count);
                Func<int> f = () => 1;
                Take(() => 2);
            }

            public async Task<int> N() => (int)(await Get());

            private static Task<long> Get() => Task.FromResult(1L);
            private static void Use(ref int value) { }
            private static void Take(Func<int> f) { }
        }
        """;

    private static readonly Snippet Code = Snippet.Compile(Source);

    [Fact]
    public void WithoutConversions_skips_casts_and_as_down_to_the_value()
    {
        var boxed = Code.Expression("(object)(IEnumerable<int>)list");
        Assert.IsAssignableFrom<IParameterReferenceOperation>(boxed.WithoutConversions());

        var asCast = Code.Expression("list as IEnumerable<int>");
        Assert.IsAssignableFrom<IParameterReferenceOperation>(asCast.WithoutConversions());
    }

    [Fact]
    public void WithoutImplicitConversions_stops_at_a_cast_the_source_wrote()
    {
        // The two meanings disagree here: (int)2.5 computes 2, so folding must keep the cast.
        var truncated = Code.Expression("(int)2.5");
        Assert.Same(truncated, truncated.WithoutImplicitConversions());
        Assert.IsAssignableFrom<ILiteralOperation>(truncated.WithoutConversions());

        var widened = VariableInitializer("widened");
        Assert.IsAssignableFrom<IConversionOperation>(widened);
        Assert.IsAssignableFrom<ILiteralOperation>(widened.WithoutImplicitConversions());
    }

    [Fact]
    public void Null_stays_null()
    {
        Assert.Null(((IOperation?)null).WithoutConversions());
        Assert.Null(((IOperation?)null).WithoutImplicitConversions());
    }

    [Fact]
    public void CSharp_binds_parentheses_away()
    {
        // Why skipping IParenthesizedOperation is free: C# trees never contain one, even for (object)(IEnumerable<int>)list.
        Assert.DoesNotContain(Code.Operations(), operation => operation is IParenthesizedOperation);
    }

    [Fact]
    public void WithEnclosingConversions_climbs_to_the_value_its_user_sees()
    {
        var list = Code.Expression("(object)(IEnumerable<int>)list").WithoutConversions()!;
        var outermost = list.WithEnclosingConversions();
        Assert.IsAssignableFrom<IConversionOperation>(outermost);
        Assert.IsAssignableFrom<IVariableInitializerOperation>(outermost.Parent);

        // Only the implicit meaning stops at the explicit cast (IEnumerable<int>)list.
        Assert.Same(list, list.WithEnclosingImplicitConversions());
    }

    [Fact]
    public void WithEnclosingImplicitConversions_climbs_through_implicit_conversions()
    {
        var literal = VariableInitializer("widened").WithoutConversions()!;
        Assert.IsAssignableFrom<IVariableInitializerOperation>(literal.WithEnclosingImplicitConversions().Parent);
    }

    [Fact]
    public void WithEnclosingDelegateCreation_climbs_from_a_lambda_to_its_consumer()
    {
        var stored = Lambda("() => 1");
        Assert.IsAssignableFrom<IVariableInitializerOperation>(stored.WithEnclosingDelegateCreation().Parent);
        Assert.IsAssignableFrom<IDelegateCreationOperation>(stored.Parent);

        var passed = Lambda("() => 2");
        Assert.IsAssignableFrom<IArgumentOperation>(passed.WithEnclosingDelegateCreation().Parent);

        // Conversions alone stop at the delegate creation.
        Assert.Same(passed, passed.WithEnclosingConversions());
    }

    [Fact]
    public void WithEnclosingAwait_climbs_from_a_call_through_await_and_conversions()
    {
        var call = Code.Operations().OfType<IInvocationOperation>().Single(i => i.TargetMethod.Name == "Get");
        var used = call.WithEnclosingAwait();
        Assert.IsAssignableFrom<IConversionOperation>(used);
        Assert.IsAssignableFrom<IReturnOperation>(used.Parent);
        Assert.Same(call, call.WithEnclosingConversions());
    }

    [Fact]
    public void WriteOf_finds_assignments_increments_and_ref_arguments()
    {
        var counts = Code.Operations().OfType<IFieldReferenceOperation>().Where(f => f.Field.Name == "_count").ToList();
        Assert.Equal(2, counts.Count);
        Assert.IsAssignableFrom<IIncrementOrDecrementOperation>(counts[0].WriteOf());
        Assert.IsAssignableFrom<IInvocationOperation>(counts[1].WriteOf());

        var held = Code.Operations().OfType<IFieldReferenceOperation>().Single(f => f.Field.Name == "_held");
        Assert.IsAssignableFrom<ISimpleAssignmentOperation>(held.WriteOf());
        Assert.True(held.IsWriteTarget());
    }

    [Fact]
    public void WriteOf_is_null_for_a_read()
    {
        var list = Code.Expression("list as IEnumerable<int>").WithoutConversions()!;
        Assert.Null(list.WriteOf());
        Assert.False(list.IsWriteTarget());
    }

    private static IOperation VariableInitializer(string local) =>
        Code.Operations().OfType<IVariableDeclaratorOperation>().Single(d => d.Symbol.Name == local).Initializer!.Value;

    private static IAnonymousFunctionOperation Lambda(string text) =>
        Code.Operations().OfType<IAnonymousFunctionOperation>().Single(l => l.Syntax.ToString() == text);
}
