using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Looking through the operations that wrap a value without being a use of it: conversions and parentheses, going down to
/// the value (<c>Without…</c>) or up to the operation that uses it (<c>WithEnclosing…</c>).
/// </summary>
/// <remarks>
/// Two meanings, chosen per caller. <see cref="WithoutConversions"/> skips every conversion, casts and <c>as</c> included: the
/// question is which object or symbol the expression stands for. <see cref="WithoutImplicitConversions"/> keeps the casts the
/// source wrote, which change a value (<c>(int)2.5</c>): the question is what value it computes. C# binds parentheses away (the
/// operation tree has no <see cref="IParenthesizedOperation"/> for C#, only for Visual Basic), so skipping them costs nothing and
/// keeps the helpers right for any tree they are given.
/// </remarks>
internal static class OperationExtensions
{
    /// <summary>The operand under every conversion (implicit or explicit: casts, <c>as</c>, boxing, user-defined) and parentheses.</summary>
    public static IOperation? WithoutConversions(this IOperation? operation) => Down(operation, Wrappers.Conversions);

    /// <summary>The operand under implicit conversions and parentheses; an explicit cast (which may change the value) stops the walk.</summary>
    public static IOperation? WithoutImplicitConversions(this IOperation? operation) => Down(operation, Wrappers.ImplicitConversions);

    /// <summary>
    /// The outermost operation reached from <paramref name="operation"/> by going up through every conversion and parentheses
    /// around it: its <see cref="IOperation.Parent"/> is what uses the value (<c>var x = (T)y</c>: from <c>y</c> to the cast).
    /// </summary>
    public static IOperation WithEnclosingConversions(this IOperation operation) => Up(operation, Wrappers.Conversions);

    /// <summary>As <see cref="WithEnclosingConversions"/>, through implicit conversions and parentheses only: an explicit cast is a use.</summary>
    public static IOperation WithEnclosingImplicitConversions(this IOperation operation) => Up(operation, Wrappers.ImplicitConversions);

    /// <summary>
    /// As <see cref="WithEnclosingConversions"/>, also through the delegate creation that turns a lambda or method group into a
    /// delegate: from the lambda to the value handed over as an argument or stored in a variable.
    /// </summary>
    public static IOperation WithEnclosingDelegateCreation(this IOperation operation) => Up(operation, Wrappers.Conversions | Wrappers.DelegateCreation);

    /// <summary>As <see cref="WithEnclosingConversions"/>, also through <c>await</c>: from a call to what uses its (awaited) result.</summary>
    public static IOperation WithEnclosingAwait(this IOperation operation) => Up(operation, Wrappers.Conversions | Wrappers.Await);

    /// <summary>
    /// The operation that writes <paramref name="target"/> (a field, property, element or local reference): the assignment whose
    /// target it is, the increment or decrement, or the call that passes it by <c>ref</c>/<c>out</c>; null when it is only read.
    /// </summary>
    public static IOperation? WriteOf(this IOperation target)
    {
        var current = target;
        while (current.Parent is IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current.Parent switch
        {
            IAssignmentOperation assignment when assignment.Target == current => assignment,
            IIncrementOrDecrementOperation increment => increment,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Parent ?? argument,
            _ => null,
        };
    }

    /// <summary>True when <paramref name="reference"/> is the target of an assignment, increment or decrement, or a <c>ref</c>/<c>out</c> argument.</summary>
    public static bool IsWriteTarget(this IOperation reference) => reference.WriteOf() is not null;

    /// <summary>
    /// True when the use sits in an expression that does not bind (a call on a type whose reference is missing): what
    /// it does to the value it reads is unknown.
    /// </summary>
    public static bool IsInUnboundCode(this IOperation operation)
    {
        for (var current = operation.Parent; current is not null and not IBlockOperation and not IExpressionStatementOperation; current = current.Parent)
        {
            if (current is IInvalidOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation? Down(IOperation? operation, Wrappers wrappers)
    {
        while (operation is not null && Wraps(operation, wrappers))
        {
            operation = operation switch
            {
                IConversionOperation conversion => conversion.Operand,
                IParenthesizedOperation parenthesized => parenthesized.Operand,
                _ => null,
            };
        }

        return operation;
    }

    private static IOperation Up(IOperation operation, Wrappers wrappers)
    {
        while (operation.Parent is { } parent && Wraps(parent, wrappers))
        {
            operation = parent;
        }

        return operation;
    }

    private static bool Wraps(IOperation operation, Wrappers wrappers) => operation switch
    {
        IParenthesizedOperation => true,
        IConversionOperation { IsImplicit: true } => (wrappers & (Wrappers.ImplicitConversions | Wrappers.Conversions)) != 0,
        IConversionOperation => (wrappers & Wrappers.Conversions) != 0,
        IDelegateCreationOperation => (wrappers & Wrappers.DelegateCreation) != 0,
        IAwaitOperation => (wrappers & Wrappers.Await) != 0,
        _ => false,
    };

    [System.Flags]
    private enum Wrappers
    {
        ImplicitConversions = 1,
        Conversions = 2,
        DelegateCreation = 4,
        Await = 8,
    }
}
