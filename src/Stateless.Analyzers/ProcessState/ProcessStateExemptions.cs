using Microsoft.CodeAnalysis;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// <c>[AllowProcessState("reason")]</c> silences the process-state rules for the member or type it marks
/// (an empty reason is STL1000's business, not a reason to keep reporting here).
/// </summary>
internal sealed class ProcessStateExemptions
{
    private readonly INamedTypeSymbol? _allowProcessState;

    public ProcessStateExemptions(Compilation compilation)
    {
        _allowProcessState = WellKnownTypes.GetOrCreate(compilation).Get(MetadataNames.AllowProcessStateAttribute);
    }

    /// <summary>True when the symbol, or any type that contains it, carries <c>[AllowProcessState]</c>.</summary>
    public bool IsExempt(ISymbol? symbol)
    {
        if (_allowProcessState is null)
        {
            return false;
        }

        for (var current = symbol; current is not null; current = current.ContainingType)
        {
            if (SymbolAttributes.HasAttribute(current, _allowProcessState, inherit: false))
            {
                return true;
            }
        }

        return false;
    }
}
