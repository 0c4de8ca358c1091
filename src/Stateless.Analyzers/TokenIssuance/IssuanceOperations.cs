using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>Argument lookup, null tests and report locations the token forms share.</summary>
internal static class IssuanceOperations
{
    public static IArgumentOperation? Argument(ImmutableArray<IArgumentOperation> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && string.Equals(parameter.Name, name, StringComparison.Ordinal))
            {
                return argument;
            }
        }

        return null;
    }

    public static bool IsPresent(IArgumentOperation? argument) =>
        argument is not null && argument.ArgumentKind != ArgumentKind.DefaultValue && !IsNull(argument.Value);

    public static bool IsNull(IOperation operation)
    {
        var unwrapped = operation.WithoutConversions();

        return unwrapped is IDefaultValueOperation || unwrapped?.ConstantValue is { HasValue: true, Value: null };
    }
}
