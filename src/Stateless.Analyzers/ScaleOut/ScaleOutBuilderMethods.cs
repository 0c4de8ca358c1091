using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers.ScaleOut;

/// <summary>The builder extensions that make a registration scale out: <c>PersistKeysTo*</c> (STL1102) and the SignalR backplanes (STL1103).</summary>
internal static class ScaleOutBuilderMethods
{
    public const string PersistKeysPrefix = "PersistKeysTo";
    private static readonly string[] BuiltInBackplanes = { "AddStackExchangeRedis", "AddAzureSignalR" };

    /// <summary>A <c>PersistKeysTo*</c> extension method of the real <c>IDataProtectionBuilder</c> (any package, or your own).</summary>
    public static bool IsPersistKeys(IMethodSymbol method, INamedTypeSymbol builder) =>
        method.Name.StartsWith(PersistKeysPrefix, StringComparison.Ordinal)
        && IsExtensionOf(method, builder);

    /// <summary><c>AddStackExchangeRedis</c>, <c>AddAzureSignalR</c> or a configured method, as an extension of the SignalR server builder.</summary>
    public static bool IsBackplane(IMethodSymbol method, INamedTypeSymbol builder, ImmutableArray<string> configured)
    {
        if (!IsExtensionOf(method, builder))
        {
            return false;
        }

        if (Array.IndexOf(BuiltInBackplanes, method.Name) >= 0)
        {
            return true;
        }

        if (configured.IsEmpty)
        {
            return false;
        }

        var containing = method.ContainingType is { } type
            ? type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted))
            : string.Empty;
        foreach (var entry in configured)
        {
            var name = entry.StartsWith("global::", StringComparison.Ordinal) ? entry.Substring("global::".Length) : entry;
            if (string.Equals(name, method.Name, StringComparison.Ordinal)
                || string.Equals(name, containing + "." + method.Name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsBackplaneName(string name, ImmutableArray<string> configured)
    {
        if (Array.IndexOf(BuiltInBackplanes, name) >= 0)
        {
            return true;
        }

        foreach (var entry in configured)
        {
            var dot = entry.LastIndexOf('.');
            if (string.Equals(dot < 0 ? entry : entry.Substring(dot + 1), name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The method's <c>this</c> parameter accepts the builder: the builder interface, one it implements, or a type parameter constrained to one.</summary>
    private static bool IsExtensionOf(IMethodSymbol method, INamedTypeSymbol builder)
    {
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        if (!definition.IsExtensionMethod || definition.Parameters.Length == 0)
        {
            return false;
        }

        var receiver = definition.Parameters[0].Type;
        if (receiver is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (FlowScope.IsOrImplements(builder, (INamedTypeSymbol)constraint.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        return receiver is INamedTypeSymbol named && FlowScope.IsOrImplements(builder, (INamedTypeSymbol)named.OriginalDefinition);
    }

    public static string BackplaneList(ImmutableArray<string> configured)
    {
        var names = new List<string>(BuiltInBackplanes);
        names.AddRange(configured);
        return string.Join(", ", names);
    }
}
