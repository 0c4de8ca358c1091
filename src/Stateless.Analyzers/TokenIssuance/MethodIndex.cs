using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>Every operation of one operation block, and every reference to each local, collected in one walk.</summary>
internal sealed class MethodIndex
{
    private static readonly IReadOnlyList<ILocalReferenceOperation> NoReferences = new List<ILocalReferenceOperation>();

    private readonly Dictionary<ILocalSymbol, List<ILocalReferenceOperation>> _references = new(SymbolEqualityComparer.Default);

    public MethodIndex(ImmutableArray<IOperation> blocks)
    {
        var all = new List<IOperation>();
        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                all.Add(operation);
                if (operation is ILocalReferenceOperation reference)
                {
                    if (!_references.TryGetValue(reference.Local, out var list))
                    {
                        list = new List<ILocalReferenceOperation>();
                        _references.Add(reference.Local, list);
                    }

                    list.Add(reference);
                }
            }
        }

        All = all;
    }

    public IReadOnlyList<IOperation> All { get; }

    public IReadOnlyList<ILocalReferenceOperation> ReferencesTo(ILocalSymbol local) =>
        _references.TryGetValue(local, out var list) ? list : NoReferences;

    /// <summary>Values written to the local: its initializer and every plain assignment.</summary>
    public IEnumerable<IOperation> ValuesOf(ILocalSymbol local)
    {
        foreach (var operation in All)
        {
            if (operation is IVariableDeclaratorOperation declarator
                && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                && declarator.GetVariableInitializer() is { } initializer)
            {
                yield return initializer.Value;
            }
        }

        foreach (var reference in ReferencesTo(local))
        {
            if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
            {
                yield return assignment.Value;
            }
        }
    }

    /// <summary>The local a freshly created object is stored in (<c>var x = new ...</c> or <c>x = new ...</c>), if any.</summary>
    public static ILocalSymbol? StoredIn(IOperation creation)
    {
        var current = creation.WithEnclosingConversions();

        return current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current => target.Local,
            _ => null,
        };
    }

    /// <summary>The operation this one is used by, through conversions and parentheses.</summary>
    public static IOperation? Consumer(IOperation operation, out IOperation direct)
    {
        direct = operation.WithEnclosingConversions();

        return direct.Parent;
    }
}
