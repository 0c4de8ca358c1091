using Microsoft.CodeAnalysis;
using Stateless.Analyzers.Handlers;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// Storage that is per async flow or per thread rather than per process: <c>AsyncLocal&lt;T&gt;</c>,
/// <c>ThreadLocal&lt;T&gt;</c>, <c>[ThreadStatic]</c> fields, and static properties with hand-written accessors in a type
/// that keeps such a field (the usual <c>RequestContext.Current</c> holder over an <c>AsyncLocal</c>).
/// </summary>
internal sealed class PerFlowStorage
{
    private readonly INamedTypeSymbol? _asyncLocal;
    private readonly INamedTypeSymbol? _threadLocal;
    private readonly INamedTypeSymbol? _threadStatic;

    public PerFlowStorage(Compilation compilation)
    {
        var types = WellKnownTypes.GetOrCreate(compilation);
        _asyncLocal = types.Get(MetadataNames.AsyncLocalOfT);
        _threadLocal = types.Get(MetadataNames.ThreadLocalOfT);
        _threadStatic = types.Get(MetadataNames.ThreadStaticAttribute);
    }

    public bool IsPerFlow(ISymbol member)
    {
        switch (member)
        {
            case IFieldSymbol field:
                return IsPerFlowType(field.Type) || SymbolAttributes.HasAttribute(field, _threadStatic, inherit: false);
            case IPropertySymbol property:
                if (IsPerFlowType(property.Type))
                {
                    return true;
                }

                if (!property.IsStatic || property.ContainingType is not { } containing || property.IsAutoProperty())
                {
                    return false;
                }

                foreach (var other in containing.GetMembers())
                {
                    if (other is IFieldSymbol { IsStatic: true } field && (IsPerFlowType(field.Type) || SymbolAttributes.HasAttribute(field, _threadStatic, inherit: false)))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private bool IsPerFlowType(ITypeSymbol type) =>
        type.OriginalDefinition is { } definition
        && (SymbolEqualityComparer.Default.Equals(definition, _asyncLocal) || SymbolEqualityComparer.Default.Equals(definition, _threadLocal));
}
