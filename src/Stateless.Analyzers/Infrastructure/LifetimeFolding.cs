using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// An instant known relative to the issue time: <see cref="Offset"/> after the clock reading <see cref="Base"/>.
/// <see cref="Chain"/> is the expression whose value is <c>Base + Offset</c> and that a fix may replace by
/// <c>Base.AddMinutes(max)</c> (same type as <see cref="Base"/>).
/// </summary>
internal readonly struct RelativeTime
{
    public RelativeTime(TimeSpan offset, IOperation @base, IOperation chain)
    {
        Offset = offset;
        Base = @base;
        Chain = chain;
    }

    public TimeSpan Offset { get; }

    public IOperation Base { get; }

    public IOperation Chain { get; }
}

/// <summary>
/// Folds token lifetimes: clock readings (<c>DateTime.UtcNow</c>/<c>Now</c>, <c>DateTimeOffset.UtcNow</c>/<c>Now</c>,
/// <c>TimeProvider.GetUtcNow()</c>, and locals holding them) moved by <c>AddDays/AddHours/AddMinutes/AddSeconds(x)</c>
/// (and <c>AddMonths</c>/<c>AddYears</c> as 30/365 days),
/// <c>Add(TimeSpan)</c>, <c>now + span</c>; numbers and spans through consts, locals assigned once and read-only
/// fields initialized in the same file (<see cref="ConstantFolding"/> does the literal work). Anything else
/// (configuration, parameters, options) is unknown.
/// </summary>
internal static class LifetimeFolding
{
    private const int MaxDepth = 10;

    /// <summary>Numbers and spans fold as in <see cref="ConstantFolding"/>, also through same-file field and property initializers.</summary>
    public static bool TryFoldNumber(IOperation? operation, out double value) => ConstantFolding.TryFoldDouble(operation, out value, DeclaredValues.Lookup);

    public static bool TryFoldTimeSpan(IOperation? operation, out TimeSpan value) => ConstantFolding.TryFoldTimeSpan(operation, out value, DeclaredValues.Lookup);

    private static bool TryFoldNumber(IOperation? operation, out double value, Func<IOperation, IOperation?>? memberValue) =>
        ConstantFolding.TryFoldDouble(operation, out value, memberValue ?? DeclaredValues.Lookup);

    private static bool TryFoldTimeSpan(IOperation? operation, out TimeSpan value, Func<IOperation, IOperation?>? memberValue) =>
        ConstantFolding.TryFoldTimeSpan(operation, out value, memberValue ?? DeclaredValues.Lookup);

    public static bool TryFoldRelative(IOperation? operation, out RelativeTime value) => TryFoldRelative(operation, out value, 0);

    /// <summary>
    /// An expiry that folds to at most <paramref name="limit"/> after issue (<c>DateTime.UtcNow.AddMinutes(1)</c>): with the
    /// revocation window as the limit, a token that dies before a revocation would matter (STL2008, STL3004).
    /// </summary>
    public static bool LivesAtMost(IOperation? expiry, TimeSpan limit) =>
        expiry is not null && TryFoldRelative(expiry, out var relative, 0) && relative.Offset <= limit;

    /// <summary>
    /// <see cref="LivesAtMost(IOperation?, TimeSpan)"/>, also through member reads: <paramref name="memberValue"/> gives the value a
    /// property or field read stands for (an options class's <c>Expiration =&gt; IssuedAt.Add(ValidFor)</c>), or null when unknown.
    /// </summary>
    public static bool LivesAtMost(IOperation? expiry, TimeSpan limit, Func<IOperation, IOperation?> memberValue) =>
        expiry is not null && TryFoldRelative(expiry, out var relative, 0, memberValue) && relative.Offset <= limit;

    private static bool TryFoldRelative(IOperation? operation, out RelativeTime value, int depth, Func<IOperation, IOperation?>? memberValue = null)
    {
        value = default;
        operation = operation.WithoutImplicitConversions();
        if (operation is null || depth > MaxDepth)
        {
            return false;
        }

        if (IsClockReading(operation))
        {
            value = new RelativeTime(TimeSpan.Zero, operation, operation);
            return true;
        }

        try
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    return TryFoldRelative(conversion.Operand, out value, depth + 1, memberValue);

                case ILocalReferenceOperation local when ConstantFolding.SingleAssignment(local) is { } assigned:
                    if (!TryFoldRelative(assigned, out var held, depth + 1, memberValue))
                    {
                        return false;
                    }

                    // A local holding the clock reading itself is the issue time: keep it.
                    value = held.Offset == TimeSpan.Zero ? new RelativeTime(TimeSpan.Zero, operation, operation) : held;
                    return true;

                // DateTimeOffset -> DateTime views and kind changes keep the instant.
                case not null when SameInstant(operation) is { } inner:
                    return TryFoldRelative(inner, out value, depth + 1, memberValue);

                case IInvocationOperation { Instance: { } instance } shift when IsDateType(instance.Type) && shift.Arguments.Length == 1:
                    return TryFoldShiftCall(shift, instance, operation, depth, out value, memberValue);

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary when IsDateType(binary.Type):
                    return TryFoldShiftOperator(binary, operation, depth, out value, memberValue);

                // A property or field standing for a known value (only when the caller can resolve members).
                case IPropertyReferenceOperation or IFieldReferenceOperation when memberValue?.Invoke(operation) is { } member:
                    return TryFoldRelative(member, out value, depth + 1, memberValue);

                default:
                    return false;
            }
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The operand of a view or conversion that keeps the instant (<c>UtcDateTime</c>, <c>ToUniversalTime()</c>, <c>SpecifyKind</c>, <c>new DateTimeOffset(date)</c>), else null.</summary>
    private static IOperation? SameInstant(IOperation operation) => operation switch
    {
        IPropertyReferenceOperation { Instance: { } instance, Property.Name: "UtcDateTime" or "DateTime" or "LocalDateTime" }
            when IsType(instance.Type, "System", nameof(DateTimeOffset)) => instance,
        IInvocationOperation { Instance: { } instance, TargetMethod.Name: "ToUniversalTime" or "ToLocalTime" or "ToUnixTimeSeconds" or "ToUnixTimeMilliseconds" } => instance,
        IInvocationOperation { Instance: null, TargetMethod: { Name: "SpecifyKind" or "GetIntDate" } method } passThrough
            when passThrough.Arguments.Length >= 1 && (IsType(method.ContainingType, "System", nameof(DateTime)) || IsMetadataName(method.ContainingType, MetadataNames.EpochTime)) => passThrough.Arguments[0].Value,
        IObjectCreationOperation creation when IsType(creation.Type, "System", nameof(DateTimeOffset)) && creation.Arguments.Length == 1 => creation.Arguments[0].Value,
        _ => null,
    };

    /// <summary><c>date.AddMinutes(n)</c>, <c>date.Add(span)</c>, <c>date.Subtract(span)</c>, ...: the date shifted by a folded amount.</summary>
    private static bool TryFoldShiftCall(IInvocationOperation shift, IOperation instance, IOperation operation, int depth, out RelativeTime value, Func<IOperation, IOperation?>? memberValue)
    {
        value = default;
        TimeSpan delta;
        switch (shift.TargetMethod.Name)
        {
            case "AddDays" when TryFoldNumber(shift.Arguments[0].Value, out var days, memberValue): delta = TimeSpan.FromTicks(checked((long)(days * TimeSpan.TicksPerDay))); break;
            case "AddHours" when TryFoldNumber(shift.Arguments[0].Value, out var hours, memberValue): delta = TimeSpan.FromTicks(checked((long)(hours * TimeSpan.TicksPerHour))); break;
            case "AddMinutes" when TryFoldNumber(shift.Arguments[0].Value, out var minutes, memberValue): delta = TimeSpan.FromTicks(checked((long)(minutes * TimeSpan.TicksPerMinute))); break;
            case "AddSeconds" when TryFoldNumber(shift.Arguments[0].Value, out var seconds, memberValue): delta = TimeSpan.FromTicks(checked((long)(seconds * TimeSpan.TicksPerSecond))); break;
            case "AddMilliseconds" when TryFoldNumber(shift.Arguments[0].Value, out var milliseconds, memberValue): delta = TimeSpan.FromTicks(checked((long)(milliseconds * TimeSpan.TicksPerMillisecond))); break;
            case "AddTicks" when TryFoldNumber(shift.Arguments[0].Value, out var ticks, memberValue): delta = TimeSpan.FromTicks(checked((long)ticks)); break;

            // Calendar units: counted as 30-day months and 365-day years.
            case "AddMonths" when TryFoldNumber(shift.Arguments[0].Value, out var months, memberValue): delta = TimeSpan.FromTicks(checked((long)(months * 30 * TimeSpan.TicksPerDay))); break;
            case "AddYears" when TryFoldNumber(shift.Arguments[0].Value, out var years, memberValue): delta = TimeSpan.FromTicks(checked((long)(years * 365 * TimeSpan.TicksPerDay))); break;
            case "Add" when TryFoldTimeSpan(shift.Arguments[0].Value, out var span, memberValue): delta = span; break;
            case "Subtract" when IsType(shift.Arguments[0].Value.Type, "System", nameof(TimeSpan)) && TryFoldTimeSpan(shift.Arguments[0].Value, out var minus, memberValue): delta = -minus; break;
            default: return false;
        }

        return Shift(instance, delta, operation, depth, out value, memberValue);
    }

    /// <summary><c>date + span</c>, <c>span + date</c>, <c>date - span</c>: the date shifted by a folded amount.</summary>
    private static bool TryFoldShiftOperator(IBinaryOperation binary, IOperation operation, int depth, out RelativeTime value, Func<IOperation, IOperation?>? memberValue)
    {
        value = default;
        var subtract = binary.OperatorKind == BinaryOperatorKind.Subtract;
        if (IsDateType(binary.LeftOperand.Type) && TryFoldTimeSpan(binary.RightOperand, out var right, memberValue))
        {
            return Shift(binary.LeftOperand, subtract ? -right : right, operation, depth, out value, memberValue);
        }

        if (!subtract && IsDateType(binary.RightOperand.Type) && TryFoldTimeSpan(binary.LeftOperand, out var left, memberValue))
        {
            return Shift(binary.RightOperand, left, operation, depth, out value, memberValue);
        }

        return false;
    }

    private static bool Shift(IOperation instance, TimeSpan delta, IOperation operation, int depth, out RelativeTime value, Func<IOperation, IOperation?>? memberValue)
    {
        value = default;
        if (!TryFoldRelative(instance, out var inner, depth + 1, memberValue))
        {
            return false;
        }

        var @base = inner.Offset == TimeSpan.Zero ? inner.Chain : inner.Base;
        value = new RelativeTime(inner.Offset + delta, @base, operation);
        return true;
    }

    /// <summary><c>DateTime.UtcNow</c>, <c>DateTime.Now</c>, <c>DateTimeOffset.UtcNow</c>/<c>Now</c>, <c>TimeProvider.GetUtcNow()</c>/<c>GetLocalNow()</c>.</summary>
    public static bool IsClockReading(IOperation operation)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Instance: null, Property: { Name: "UtcNow" or "Now" } property }:
                return IsDateType(property.ContainingType);
            case IInvocationOperation { Instance: not null, TargetMethod: { Name: "GetUtcNow" or "GetLocalNow", Parameters.Length: 0 } method }:
                foreach (var type in TypeHierarchy.BaseTypesAndSelf(method.ContainingType))
                {
                    if (IsType(type, "System", "TimeProvider"))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsMetadataName(INamedTypeSymbol? type, string metadataName) =>
        type is not null && string.Equals(type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat), metadataName, StringComparison.Ordinal);

    private static bool IsDateType(ITypeSymbol? type) =>
        IsType(type, "System", nameof(DateTime)) || IsType(type, "System", nameof(DateTimeOffset));

    private static bool IsType(ITypeSymbol? type, string ns, string name)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type is INamedTypeSymbol { Name: var typeName, ContainingNamespace: { ContainingNamespace.IsGlobalNamespace: true } container }
            && string.Equals(typeName, name, StringComparison.Ordinal)
            && string.Equals(container.Name, ns, StringComparison.Ordinal);
    }
}
