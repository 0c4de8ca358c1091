using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Auto-properties: properties whose value the compiler keeps in a backing field it declares (<c>&lt;Name&gt;k__BackingField</c>).
/// The backing field is the answer, not the accessor syntax: it counts a record's positional properties (declared by a parameter,
/// not by <c>{ get; init; }</c>) and leaves out abstract, <c>extern</c> and interface properties, whose accessors have no bodies
/// either but hold no value.
/// </summary>
internal static class AutoProperties
{
    /// <summary>True for a source property whose value lives in a compiler-generated backing field.</summary>
    public static bool IsAutoProperty(this IPropertySymbol property) => property.BackingField() is not null;

    /// <summary>The compiler-generated field that holds an auto-property's value (the target of <c>[field: …]</c>), or null.</summary>
    public static IFieldSymbol? BackingField(this IPropertySymbol property)
    {
        var definition = property.OriginalDefinition;
        if (definition.IsIndexer || definition.IsAbstract || definition.IsExtern || definition.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        foreach (var member in definition.ContainingType.GetMembers(BackingFieldName(definition)))
        {
            if (member is IFieldSymbol { IsImplicitlyDeclared: true } field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, definition))
            {
                return field;
            }
        }

        return null;
    }

    private static string BackingFieldName(IPropertySymbol property) => "<" + property.Name + ">k__BackingField";
}
