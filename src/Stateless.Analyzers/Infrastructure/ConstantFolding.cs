using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Folds expressions to compile-time values the way the rules need them: numbers and booleans (literals,
/// <c>const</c>, <c>!true</c>), <see cref="TimeSpan"/> values (<c>TimeSpan.FromX(n)</c>, <c>new TimeSpan(...)</c>,
/// <c>TimeSpan.Zero</c>, sums), through locals assigned exactly once in the same method or lambda.
/// Anything it cannot prove (configuration, parameters, fields) is unknown: rules stay silent on unknown values.
/// </summary>
internal static class ConstantFolding
{
    private const int MaxDepth = 8;

    /// <summary>
    /// A numeric constant (literal, const, or a local assigned once to one). <paramref name="memberValue"/>, when given,
    /// names the value a field or property reference stands for (for example its initializer in the same file).
    /// </summary>
    public static bool TryFoldDouble(IOperation? operation, out double value, Func<IOperation, IOperation?>? memberValue = null) => TryFoldDouble(operation, out value, 0, memberValue);

    /// <summary>A boolean constant (literal, const, <c>!x</c>, or a local assigned once to one).</summary>
    public static bool TryFoldBoolean(IOperation? operation, out bool value) => TryFoldBoolean(operation, out value, 0);

    /// <summary>A string constant (literal, const, or a local assigned once to one).</summary>
    public static bool TryFoldString(IOperation? operation, out string value)
    {
        operation = operation.WithoutImplicitConversions();
        if (operation?.ConstantValue is { HasValue: true, Value: string text })
        {
            value = text;
            return true;
        }

        if (operation is ILocalReferenceOperation local && SingleAssignment(local) is { } assigned)
        {
            return TryFoldString(assigned, out value);
        }

        value = string.Empty;
        return false;
    }

    /// <summary>A <see cref="TimeSpan"/> known at compile time.</summary>
    public static bool TryFoldTimeSpan(IOperation? operation, out TimeSpan value, Func<IOperation, IOperation?>? memberValue = null) => TryFoldTimeSpan(operation, out value, 0, memberValue);

    /// <summary>
    /// The value a local holds if it is assigned exactly once in its method or lambda (its declaration
    /// initializer, or one assignment), else null.
    /// </summary>
    public static IOperation? SingleAssignment(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (local.IsRef || local.IsConst && reference.ConstantValue.HasValue)
        {
            return null;
        }

        IOperation current = reference;
        while (current.Parent is { } parent)
        {
            current = parent;
        }

        // Small trees (most methods and lambdas) are walked directly. Larger ones have the writes of all their locals
        // indexed once: asked for each local reference that is folded or traced, a walk of a long method per question
        // made analysis quadratic in method size.
        List<(IOperation? Writer, IOperation? Value)>? candidates;
        if (current.Syntax.Span.Length <= DirectWalkLimit)
        {
            candidates = null;
            foreach (var (written, writer, value) in Writes(current))
            {
                if (SymbolEqualityComparer.Default.Equals(written, local))
                {
                    (candidates ??= new()).Add((writer, value));
                }
            }
        }
        else if (!LocalWrites.GetValue(current, IndexLocalWrites).TryGetValue(local, out candidates))
        {
            candidates = null;
        }

        if (candidates is null)
        {
            return null;
        }

        IOperation? single = null;
        var writes = 0;
        foreach (var (writer, written) in candidates)
        {
            // The asking reference itself is not counted as a write of its local.
            if (writer == reference)
            {
                continue;
            }

            single = written;
            if (++writes > 1)
            {
                return null;
            }
        }

        return writes == 1 ? single : null;
    }

    /// <summary>Source length (characters) up to which a tree is walked per question rather than indexed.</summary>
    private const int DirectWalkLimit = 2048;

    private static readonly ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, List<(IOperation? Writer, IOperation? Value)>>> LocalWrites = new();

    /// <summary>For each local: its declarator initializer (writer null) and each reference that writes it, with the value assigned when it is a plain assignment.</summary>
    private static Dictionary<ILocalSymbol, List<(IOperation? Writer, IOperation? Value)>> IndexLocalWrites(IOperation root)
    {
        var index = new Dictionary<ILocalSymbol, List<(IOperation? Writer, IOperation? Value)>>(SymbolEqualityComparer.Default);
        foreach (var (local, writer, value) in Writes(root))
        {
            if (!index.TryGetValue(local, out var list))
            {
                list = new List<(IOperation? Writer, IOperation? Value)>();
                index.Add(local, list);
            }

            list.Add((writer, value));
        }

        return index;
    }

    /// <summary>Every write of a local in the tree: declarator initializers (writer null) and references that write it.</summary>
    private static IEnumerable<(ILocalSymbol Local, IOperation? Writer, IOperation? Value)> Writes(IOperation root)
    {
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer:
                    yield return (declarator.Symbol, null, initializer.Value);
                    break;
                case ILocalReferenceOperation other when other.IsWriteTarget():
                    yield return (other.Local, other, other.Parent is ISimpleAssignmentOperation assignment && assignment.Target == other ? assignment.Value : null);
                    break;
            }
        }
    }

    private static bool TryFoldDouble(IOperation? operation, out double value, int depth, Func<IOperation, IOperation?>? memberValue)
    {
        value = 0;
        operation = operation.WithoutImplicitConversions();
        if (operation is null || depth > MaxDepth)
        {
            return false;
        }

        if (operation is IConversionOperation { Operand: var operand } && !operation.ConstantValue.HasValue)
        {
            return TryFoldDouble(operand, out value, depth + 1, memberValue);
        }

        if (operation.ConstantValue is { HasValue: true, Value: { } constant })
        {
            switch (constant)
            {
                case int i: value = i; return true;
                case long l: value = l; return true;
                case double d: value = d; return true;
                case float f: value = f; return true;
                case short s: value = s; return true;
                case byte b: value = b; return true;
                case uint ui: value = ui; return true;
                case ulong ul: value = ul; return true;
                case decimal m: value = (double)m; return true;
                default: return false;
            }
        }

        switch (operation)
        {
            case ILocalReferenceOperation local when SingleAssignment(local) is { } assigned:
                return TryFoldDouble(assigned, out value, depth + 1, memberValue);
            case IFieldReferenceOperation or IPropertyReferenceOperation when memberValue?.Invoke(operation) is { } initializer:
                return TryFoldDouble(initializer, out value, depth + 1, memberValue);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } negate when TryFoldDouble(negate.Operand, out var inner, depth + 1, memberValue):
                value = -inner;
                return true;
            case IBinaryOperation binary when TryFoldDouble(binary.LeftOperand, out var left, depth + 1, memberValue) && TryFoldDouble(binary.RightOperand, out var right, depth + 1, memberValue):
                switch (binary.OperatorKind)
                {
                    case BinaryOperatorKind.Add: value = left + right; return true;
                    case BinaryOperatorKind.Subtract: value = left - right; return true;
                    case BinaryOperatorKind.Multiply: value = left * right; return true;
                    case BinaryOperatorKind.Divide when right != 0: value = left / right; return true;
                    default: return false;
                }

            default:
                return false;
        }
    }

    private static bool TryFoldBoolean(IOperation? operation, out bool value, int depth)
    {
        value = false;
        operation = operation.WithoutImplicitConversions();
        if (operation is null || depth > MaxDepth)
        {
            return false;
        }

        if (operation.ConstantValue is { HasValue: true, Value: bool constant })
        {
            value = constant;
            return true;
        }

        switch (operation)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not when TryFoldBoolean(not.Operand, out var inner, depth + 1):
                value = !inner;
                return true;
            case ILocalReferenceOperation local when SingleAssignment(local) is { } assigned:
                return TryFoldBoolean(assigned, out value, depth + 1);
            default:
                return false;
        }
    }

    private static bool TryFoldTimeSpan(IOperation? operation, out TimeSpan value, int depth, Func<IOperation, IOperation?>? memberValue)
    {
        value = TimeSpan.Zero;
        operation = operation.WithoutImplicitConversions();
        if (operation is null || depth > MaxDepth || !IsTimeSpan(operation.Type))
        {
            return false;
        }

        try
        {
            switch (operation)
            {
                case IInvocationOperation { Instance: null } invocation when IsTimeSpan(invocation.TargetMethod.ContainingType):
                    return TryFoldFactory(invocation, out value, depth, memberValue);
                case IObjectCreationOperation creation:
                    return TryFoldConstructor(creation, out value, depth, memberValue);
                case IDefaultValueOperation:
                    value = TimeSpan.Zero;
                    return true;
                case IFieldReferenceOperation { Field: { IsStatic: true } field } when IsTimeSpan(field.ContainingType):
                    switch (field.Name)
                    {
                        case nameof(TimeSpan.Zero): value = TimeSpan.Zero; return true;
                        case nameof(TimeSpan.MaxValue): value = TimeSpan.MaxValue; return true;
                        case nameof(TimeSpan.MinValue): value = TimeSpan.MinValue; return true;
                        default: return false;
                    }

                case ILocalReferenceOperation local when SingleAssignment(local) is { } assigned:
                    return TryFoldTimeSpan(assigned, out value, depth + 1, memberValue);
                case IFieldReferenceOperation or IPropertyReferenceOperation when memberValue?.Invoke(operation) is { } initializer:
                    return TryFoldTimeSpan(initializer, out value, depth + 1, memberValue);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary
                    when TryFoldTimeSpan(binary.LeftOperand, out var left, depth + 1, memberValue) && TryFoldTimeSpan(binary.RightOperand, out var right, depth + 1, memberValue):
                    value = binary.OperatorKind == BinaryOperatorKind.Add ? left + right : left - right;
                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Multiply } product:
                    if (TryFoldTimeSpan(product.LeftOperand, out var span, depth + 1, memberValue) && TryFoldDouble(product.RightOperand, out var factor, depth + 1, memberValue))
                    {
                        value = TimeSpan.FromTicks(checked((long)(span.Ticks * factor)));
                        return true;
                    }

                    return false;
                default:
                    return false;
            }
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentException)
        {
            return false;
        }
    }

    private static bool TryFoldFactory(IInvocationOperation invocation, out TimeSpan value, int depth, Func<IOperation, IOperation?>? memberValue)
    {
        value = TimeSpan.Zero;
        var arguments = invocation.Arguments;
        if (arguments.Length == 0)
        {
            return false;
        }

        var numbers = new double[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (!TryFoldDouble(arguments[i].Value, out numbers[i], depth + 1, memberValue))
            {
                return false;
            }
        }

        // TimeSpan.FromHours(int hours, long minutes = 0, ...) overloads of .NET 9 add the extra parts.
        switch (invocation.TargetMethod.Name)
        {
            case "FromDays": value = Sum(numbers, TimeSpan.TicksPerDay, TimeSpan.TicksPerHour, TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond, 10); return true;
            case "FromHours": value = Sum(numbers, TimeSpan.TicksPerHour, TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond, 10); return true;
            case "FromMinutes": value = Sum(numbers, TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond, 10); return true;
            case "FromSeconds": value = Sum(numbers, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond, 10); return true;
            case "FromMilliseconds": value = Sum(numbers, TimeSpan.TicksPerMillisecond, 10); return true;
            case "FromTicks": value = TimeSpan.FromTicks(checked((long)numbers[0])); return true;
            default: return false;
        }
    }

    private static TimeSpan Sum(double[] numbers, params long[] ticksPerUnit)
    {
        double ticks = 0;
        for (var i = 0; i < numbers.Length && i < ticksPerUnit.Length; i++)
        {
            ticks += numbers[i] * ticksPerUnit[i];
        }

        if (double.IsNaN(ticks) || ticks > long.MaxValue || ticks < long.MinValue)
        {
            throw new OverflowException();
        }

        return TimeSpan.FromTicks((long)ticks);
    }

    private static bool TryFoldConstructor(IObjectCreationOperation creation, out TimeSpan value, int depth, Func<IOperation, IOperation?>? memberValue)
    {
        value = TimeSpan.Zero;
        var arguments = creation.Arguments;
        var numbers = new long[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (!TryFoldDouble(arguments[i].Value, out var number, depth + 1, memberValue))
            {
                return false;
            }

            numbers[i] = checked((long)number);
        }

        switch (numbers.Length)
        {
            case 0: value = TimeSpan.Zero; return true;
            case 1: value = TimeSpan.FromTicks(numbers[0]); return true;
            case 3: value = new TimeSpan((int)numbers[0], (int)numbers[1], (int)numbers[2]); return true;
            case 4: value = new TimeSpan((int)numbers[0], (int)numbers[1], (int)numbers[2], (int)numbers[3]); return true;
            case 5: value = new TimeSpan((int)numbers[0], (int)numbers[1], (int)numbers[2], (int)numbers[3], (int)numbers[4]); return true;
            default: return false;
        }
    }

    private static bool IsTimeSpan(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: nameof(TimeSpan), ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
}
