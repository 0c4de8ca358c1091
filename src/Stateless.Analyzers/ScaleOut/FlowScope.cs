using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ScaleOut;

/// <summary>
/// The code of one type (all its operation blocks, including top-level statements, lambdas and local functions),
/// indexed once so builder values can be followed through locals, members, parameters and calls.
/// </summary>
internal sealed class FlowScope
{
    private static readonly IReadOnlyList<IOperation> None = new List<IOperation>();

    private readonly INamedTypeSymbol _type;
    private readonly Dictionary<ISymbol, List<IOperation>> _reads = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, List<IOperation>> _calls = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, IOperation> _bodies = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IOperation, ISymbol> _owners = new();

    public FlowScope(INamedTypeSymbol type, IEnumerable<(ISymbol Owner, ImmutableArray<IOperation> Blocks)> blocks)
    {
        _type = type;
        foreach (var (owner, roots) in blocks)
        {
            foreach (var block in roots)
            {
                // An operation block's parent chain may go on (IMethodBodyOperation, IConstructorBodyOperation):
                // index from the top, once, so walking up from any operation ends at a known root.
                var root = block;
                while (root.Parent is { } parent)
                {
                    root = parent;
                }

                if (_owners.ContainsKey(root))
                {
                    continue;
                }

                _owners[root] = owner;
                if (owner is IMethodSymbol method && !_bodies.ContainsKey(method.OriginalDefinition))
                {
                    _bodies[method.OriginalDefinition] = root;
                }

                Index(root);
            }
        }
    }

    /// <summary>Every operation of the type, for the rules' own searches.</summary>
    public List<IOperation> Operations { get; } = new();

    public bool OwnsMember(ISymbol member) =>
        SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, _type.OriginalDefinition);

    /// <summary>The references that read <paramref name="symbol"/> (a local, parameter, field or property).</summary>
    public IReadOnlyList<IOperation> ReadsOf(ISymbol symbol) =>
        _reads.TryGetValue(symbol.OriginalDefinition, out var list) ? list : None;

    /// <summary>The invocations of <paramref name="method"/> in the type.</summary>
    public IReadOnlyList<IOperation> CallsOf(IMethodSymbol method) =>
        _calls.TryGetValue(method.OriginalDefinition, out var list) ? list : None;

    /// <summary>The body of a method of the type or of a local function in it.</summary>
    public bool TryGetBody(IMethodSymbol method, out IOperation? body) =>
        _bodies.TryGetValue(method.OriginalDefinition, out body);

    /// <summary>The method or local function a <c>return</c> leaves; null inside a lambda or a property.</summary>
    public IMethodSymbol? EnclosingMethod(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case ILocalFunctionOperation localFunction:
                    return localFunction.Symbol;
                case IAnonymousFunctionOperation:
                    return null;
            }

            current = parent;
        }

        return _owners.TryGetValue(current, out var owner) && owner is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
            ? method
            : null;
    }

    public static bool IsOrImplements(ITypeSymbol type, INamedTypeSymbol target)
    {
        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, target))
        {
            return true;
        }

        if (type is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (IsOrImplements(constraint, target))
                {
                    return true;
                }
            }

            return false;
        }

        return TypeHierarchy.Implements(type, target);
    }

    private void Index(IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            Operations.Add(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local when !IsWriteTarget(operation):
                    AddTo(_reads, local.Local, operation);
                    break;
                case IParameterReferenceOperation parameter when !IsWriteTarget(operation):
                    AddTo(_reads, parameter.Parameter.OriginalDefinition, operation);
                    break;
                case IFieldReferenceOperation field when !IsWriteTarget(operation):
                    AddTo(_reads, field.Field.OriginalDefinition, operation);
                    break;
                case IPropertyReferenceOperation property when !IsWriteTarget(operation):
                    AddTo(_reads, property.Property.OriginalDefinition, operation);
                    break;
                case IInvocationOperation invocation:
                    AddTo(_calls, invocation.TargetMethod.OriginalDefinition, operation);
                    break;
                case ILocalFunctionOperation localFunction when localFunction.Body is { } body:
                    _bodies[localFunction.Symbol.OriginalDefinition] = body;
                    break;
            }
        }
    }

    private static bool IsWriteTarget(IOperation reference) =>
        reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;

    private static void AddTo(Dictionary<ISymbol, List<IOperation>> map, ISymbol key, IOperation operation)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = new List<IOperation>();
            map.Add(key, list);
        }

        list.Add(operation);
    }
}
