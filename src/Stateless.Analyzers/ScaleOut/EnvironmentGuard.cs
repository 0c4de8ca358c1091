using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ScaleOut;

/// <summary>
/// Answers "does this code run only outside production?" from the environment checks around it:
/// <c>IsDevelopment()</c>, <c>IsStaging()</c>, <c>IsEnvironment("…")</c> and <c>IsProduction()</c> on
/// <c>IHostEnvironment</c>/<c>IWebHostEnvironment</c> (and the obsolete <c>IHostingEnvironment</c>s), comparisons of
/// <c>EnvironmentName</c> or <c>ASPNETCORE_ENVIRONMENT</c> with a name, combined with <c>!</c>, <c>&amp;&amp;</c>,
/// <c>||</c>, through locals assigned once. A check guards the code in its matching <c>if</c>/<c>else</c> branch,
/// ternary arm, <c>&amp;&amp;</c>/<c>||</c> right operand, <c>switch</c> section, and the statements after an
/// <c>if</c> whose other branch always returns or throws. Code compiled only into debug builds (<c>#if DEBUG</c>)
/// counts as guarded too.
/// </summary>
internal sealed class EnvironmentGuard
{
    private const int MaxDepth = 8;
    private const string Production = "Production";

    private readonly INamedTypeSymbol?[] _environmentTypes;
    private readonly INamedTypeSymbol? _environments;
    private readonly INamedTypeSymbol? _extensionsEnvironmentName;
    private readonly INamedTypeSymbol? _aspNetCoreEnvironmentName;
    private readonly INamedTypeSymbol? _systemEnvironment;

    public EnvironmentGuard(WellKnownTypes types)
    {
        _environmentTypes = new[]
        {
            types.Get(MetadataNames.IHostEnvironment),
            types.Get(MetadataNames.ExtensionsIHostingEnvironment),
            types.Get(MetadataNames.AspNetCoreIHostingEnvironment),
        };
        _environments = types.Get(MetadataNames.Environments);
        _extensionsEnvironmentName = types.Get(MetadataNames.ExtensionsEnvironmentName);
        _aspNetCoreEnvironmentName = types.Get(MetadataNames.AspNetCoreEnvironmentName);
        _systemEnvironment = types.Get(MetadataNames.SystemEnvironment);
    }

    /// <summary>
    /// True when <paramref name="operation"/> only runs when an environment check says "not production", or is
    /// compiled only into debug builds (<c>#if DEBUG</c>).
    /// </summary>
    public bool IsOutsideProductionOnly(IOperation operation)
    {
        if (DebugBuildRegions.Contains(operation.Syntax))
        {
            return true;
        }

        var current = operation;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when conditional.Condition != current:
                    if ((current == conditional.WhenTrue && Implies(conditional.Condition, true, 0))
                        || (current == conditional.WhenFalse && Implies(conditional.Condition, false, 0)))
                    {
                        return true;
                    }

                    break;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when current == both.RightOperand:
                    if (Implies(both.LeftOperand, true, 0))
                    {
                        return true;
                    }

                    break;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when current == either.RightOperand:
                    if (Implies(either.LeftOperand, false, 0))
                    {
                        return true;
                    }

                    break;

                case IBlockOperation block when GuardedByEarlyExit(block, current):
                    return true;

                case ISwitchCaseOperation section when section.Parent is ISwitchOperation @switch && SectionIsOutsideProduction(@switch, section):
                    return true;
            }

            current = parent;
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="value"/> (a condition, a switched-on value) reads the hosting environment: an
    /// environment check or the environment's name anywhere in it.
    /// </summary>
    public bool DependsOnEnvironment(IOperation value)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (IsEnvironmentName(operation, 0) || (operation is IInvocationOperation invocation && (InvocationImplies(invocation, true, 0) || InvocationImplies(invocation, false, 0))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An earlier <c>if</c> in the same block that leaves the method unless the environment is not production.</summary>
    private bool GuardedByEarlyExit(IBlockOperation block, IOperation statement)
    {
        foreach (var earlier in block.Operations)
        {
            if (earlier == statement)
            {
                return false;
            }

            if (earlier is IConditionalOperation { } check)
            {
                var trueExits = AlwaysExits(check.WhenTrue);
                var falseExits = check.WhenFalse is not null && AlwaysExits(check.WhenFalse);
                if ((trueExits && !falseExits && Implies(check.Condition, false, 0))
                    || (falseExits && !trueExits && Implies(check.Condition, true, 0)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool AlwaysExits(IOperation? operation) => operation switch
    {
        IReturnOperation { Kind: OperationKind.Return } => true,
        IThrowOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBlockOperation { Operations.Length: > 0 } block => AlwaysExits(block.Operations[block.Operations.Length - 1]),
        _ => false,
    };

    private bool SectionIsOutsideProduction(ISwitchOperation @switch, ISwitchCaseOperation section)
    {
        if (!IsEnvironmentName(@switch.Value, 0) || section.Clauses.IsEmpty)
        {
            return false;
        }

        foreach (var clause in section.Clauses)
        {
            if (clause is not ISingleValueCaseClauseOperation single
                || !TryGetName(single.Value, out var name)
                || IsProduction(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="condition"/> evaluating to <paramref name="value"/> means "not production".</summary>
    private bool Implies(IOperation? condition, bool value, int depth)
    {
        condition = condition.WithoutImplicitConversions();
        if (condition is null || depth > MaxDepth)
        {
            return false;
        }

        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Implies(not.Operand, !value, depth + 1);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } both
                when both.Type?.SpecialType == SpecialType.System_Boolean:
                return value
                    ? Implies(both.LeftOperand, true, depth + 1) || Implies(both.RightOperand, true, depth + 1)
                    : Implies(both.LeftOperand, false, depth + 1) && Implies(both.RightOperand, false, depth + 1);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } either
                when either.Type?.SpecialType == SpecialType.System_Boolean:
                return value
                    ? Implies(either.LeftOperand, true, depth + 1) && Implies(either.RightOperand, true, depth + 1)
                    : Implies(either.LeftOperand, false, depth + 1) || Implies(either.RightOperand, false, depth + 1);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                return ComparisonImplies(comparison.LeftOperand, comparison.RightOperand, comparison.OperatorKind == BinaryOperatorKind.Equals ? value : !value, depth);

            case IIsPatternOperation pattern:
                return PatternImplies(pattern.Value, pattern.Pattern, value, depth);

            case IInvocationOperation invocation:
                return InvocationImplies(invocation, value, depth);

            case ILocalReferenceOperation local when ConstantFolding.SingleAssignment(local) is { } assigned:
                return Implies(assigned, value, depth + 1);

            default:
                return false;
        }
    }

    private bool InvocationImplies(IInvocationOperation invocation, bool value, int depth)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "IsDevelopment" or "IsStaging" when IsEnvironmentCheck(invocation):
                return value;
            case "IsProduction" when IsEnvironmentCheck(invocation):
                return !value;
            case "IsEnvironment" when IsEnvironmentCheck(invocation):
                // A name that is not a constant is still a deliberate per-environment registration.
                var argument = LastArgument(invocation);
                return TryGetName(argument, out var name) && IsProduction(name) ? !value : value;
            case "Equals" when method.ContainingType?.SpecialType == SpecialType.System_String:
                // string.Equals(a, b[, comparison]) or a.Equals(b[, comparison]).
                if (invocation.Instance is { } instance && invocation.Arguments.Length >= 1)
                {
                    return ComparisonImplies(instance, invocation.Arguments[0].Value, value, depth);
                }

                return invocation.Arguments.Length >= 2
                    && ComparisonImplies(invocation.Arguments[0].Value, invocation.Arguments[1].Value, value, depth);
            default:
                return false;
        }
    }

    /// <summary><c>left == right</c> being <paramref name="equal"/> means "not production".</summary>
    private bool ComparisonImplies(IOperation left, IOperation right, bool equal, int depth)
    {
        string name;
        if (IsEnvironmentName(left, depth) && TryGetName(right, out name))
        {
            return IsProduction(name) ? !equal : equal;
        }

        if (IsEnvironmentName(right, depth) && TryGetName(left, out name))
        {
            return IsProduction(name) ? !equal : equal;
        }

        return false;
    }

    private bool PatternImplies(IOperation value, IPatternOperation pattern, bool matches, int depth)
    {
        switch (pattern)
        {
            case INegatedPatternOperation negated:
                return PatternImplies(value, negated.Pattern, !matches, depth);
            case IConstantPatternOperation constant when IsEnvironmentName(value, depth) && TryGetName(constant.Value, out var name):
                return IsProduction(name) ? !matches : matches;
            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either when matches:
                return PatternImplies(value, either.LeftPattern, true, depth) && PatternImplies(value, either.RightPattern, true, depth);
            default:
                return false;
        }
    }

    private bool IsEnvironmentCheck(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var receiver = method.IsExtensionMethod && method.Parameters.Length > 0
            ? method.Parameters[0].Type
            : invocation.Instance?.Type;
        return IsEnvironmentType(receiver);
    }

    private bool IsEnvironmentType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var environmentType in _environmentTypes)
        {
            if (environmentType is null)
            {
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, environmentType))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, environmentType))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>env.EnvironmentName</c>, <c>Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")</c>, or a local holding one.</summary>
    private bool IsEnvironmentName(IOperation? operation, int depth)
    {
        operation = operation.WithoutImplicitConversions();
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.Name: "EnvironmentName" } property:
                return IsEnvironmentType(property.Property.ContainingType) || IsEnvironmentType(property.Instance?.Type);
            case IInvocationOperation { TargetMethod.Name: "GetEnvironmentVariable" } invocation
                when SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _systemEnvironment)
                    && invocation.Arguments.Length >= 1
                    && ConstantFolding.TryFoldString(invocation.Arguments[0].Value, out var variable):
                return string.Equals(variable, "ASPNETCORE_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(variable, "DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);
            case ILocalReferenceOperation local when depth < MaxDepth && ConstantFolding.SingleAssignment(local) is { } assigned:
                return IsEnvironmentName(assigned, depth + 1);
            default:
                return false;
        }
    }

    /// <summary>An environment name known at compile time: a string constant or <c>Environments.Development</c> and friends.</summary>
    private bool TryGetName(IOperation? operation, out string name)
    {
        operation = operation.WithoutImplicitConversions();
        if (operation is IFieldReferenceOperation { Field: { IsStatic: true } field }
            && (SymbolEqualityComparer.Default.Equals(field.ContainingType, _environments)
                || SymbolEqualityComparer.Default.Equals(field.ContainingType, _extensionsEnvironmentName)
                || SymbolEqualityComparer.Default.Equals(field.ContainingType, _aspNetCoreEnvironmentName)))
        {
            name = field.Name;
            return true;
        }

        return ConstantFolding.TryFoldString(operation, out name);
    }

    private static bool IsProduction(string name) => string.Equals(name.Trim(), Production, StringComparison.OrdinalIgnoreCase);

    private static IOperation? LastArgument(IInvocationOperation invocation) =>
        invocation.Arguments.Length == 0 ? null : invocation.Arguments[invocation.Arguments.Length - 1].Value;
}
