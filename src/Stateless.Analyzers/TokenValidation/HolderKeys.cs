using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>Keys naming a storage location (a local, parameter, field or property path), so two expressions can be seen to denote the same one.</summary>
internal static class HolderKeys
{
    /// <summary>
    /// A stable key for the storage location an expression denotes (<c>p</c>, <c>options.TokenValidationParameters</c>,
    /// <c>this._parameters</c>), or null when the expression is not a plain location (a call, an indexer, ...).
    /// </summary>
    public static string? Of(IOperation? operation)
    {
        operation = operation.WithoutImplicitConversions();
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return OfLocal(local.Local);
            case IParameterReferenceOperation parameter:
                return "P:" + parameter.Parameter.Name + "@" + Position(parameter.Parameter);
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                return "this";
            case IFieldReferenceOperation field:
                return Member(field.Instance, field.Field);
            case IPropertyReferenceOperation { Arguments.IsEmpty: true } property:
                return Member(property.Instance, property.Property);
            default:
                return null;
        }
    }

    /// <summary>The key of a local: its name and declaration position.</summary>
    public static string OfLocal(ILocalSymbol local) => "L:" + local.Name + "@" + Position(local);

    private static string? Member(IOperation? instance, ISymbol member)
    {
        if (member.IsStatic || instance is null)
        {
            return "S:" + member.ContainingType?.ToDisplayString() + "." + member.Name;
        }

        return Of(instance) is { } key ? key + "." + member.Name : null;
    }

    private static string Position(ISymbol symbol) =>
        symbol.Locations.IsEmpty ? symbol.ContainingSymbol?.Name ?? string.Empty : symbol.Locations[0].SourceSpan.Start.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
