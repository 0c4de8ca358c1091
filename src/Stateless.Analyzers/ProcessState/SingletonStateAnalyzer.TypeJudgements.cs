using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>STL1003's questions about a written member's type and write: memo, registry, pool, service, lazy initialization.</summary>
public sealed partial class SingletonStateAnalyzer
{
    private sealed partial class AnalysisState
    {
        private static bool IsMemoWrite(IOperation write) =>
            write is IInvocationOperation { TargetMethod.Name: "GetOrAdd" or "GetOrCreate" or "GetOrCreateAsync" };

        /// <summary>
        /// A dictionary keyed by <c>Type</c>, <c>MemberInfo</c> or <c>Assembly</c>: a process-wide memo of reflection
        /// results, the same on every replica.
        /// </summary>
        private bool IsReflectionMemo(ITypeSymbol type) =>
            type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 2 } named && TypeHierarchy.IsOrInheritsFromAny(named.TypeArguments[0], _memoKeyTypes);

        /// <summary>
        /// A collection or array of delegates, types or services (interfaces): a registry of handlers, plugins or
        /// providers, filled the same way on every replica at startup. It is state only when handler code adds to it.
        /// </summary>
        private bool IsRegistry(ITypeSymbol type, bool throughInterfaces)
        {
            var element = type switch
            {
                IArrayTypeSymbol array => array.ElementType,
                INamedTypeSymbol { TypeArguments.Length: > 0 } named => named.TypeArguments[named.TypeArguments.Length - 1],
                _ => null,
            };

            // Delegates, types, and services (interfaces: the resolvers, providers and rules an application host hands over).
            return element is not null
                && (element.TypeKind == TypeKind.Delegate || throughInterfaces && element.TypeKind == TypeKind.Interface || TypeHierarchy.IsOrInheritsFromAny(element, _memoKeyTypes)
                    || element is INamedTypeSymbol { TypeArguments.Length: > 0 } && IsRegistry(element, throughInterfaces));
        }

        /// <summary>A collection of clients, connections or channels (see <see cref="ProcessResources"/>).</summary>
        private bool IsResourcePool(ITypeSymbol type)
        {
            var element = type is INamedTypeSymbol { TypeArguments.Length: > 0 } named ? named.TypeArguments[named.TypeArguments.Length - 1] : null;

            // Lazy<HttpMessageInvoker>, Task<IConnection>: a handle created on first use; IList<FileSystemWatcher>: several per key.
            while (element is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } wrapper
                && (wrapper.Name is "Lazy" or "Task" or "ValueTask" || _classifier.IsMutableStateType(wrapper)))
            {
                element = wrapper.TypeArguments[0];
            }

            // (InstallationInfo Info, CancellationTokenSource Token): work in progress that this process can cancel.
            if (element is INamedTypeSymbol { IsTupleType: true } tuple)
            {
                foreach (var field in tuple.TupleElements)
                {
                    if (_resources.IsProcessResource(field.Type))
                    {
                        return true;
                    }
                }
            }

            return _resources.IsProcessResource(element);
        }

        // The cache interfaces are not generic: the type's definition implements them exactly when the type does,
        // and the definition's interface set is computed once rather than substituted for each constructed type.

        private bool IsServiceType(ITypeSymbol type)
        {
            if (type.TypeKind is TypeKind.Delegate || type.SpecialType == SpecialType.System_Object)
            {
                return true;
            }

            if (type.TypeKind == TypeKind.Interface && !_classifier.IsMutableStateType(type))
            {
                return true;
            }

            foreach (var prefix in ServiceNamespaces)
            {
                if (NamespaceNames.IsOrIsInside(type.ContainingNamespace, prefix))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>x ??= value</c>, or <c>x = value</c> guarded by <c>if (x == null)</c>/<c>if (x is null)</c> on the same member.
        /// </summary>
        private static bool IsLazyInitialization(IOperation write, ISymbol member)
        {
            if (write is ICoalesceAssignmentOperation)
            {
                return true;
            }

            var depth = 0;
            for (var current = write.Parent; current is not null && depth < 4; current = current.Parent, depth++)
            {
                if (current is IConditionalOperation conditional)
                {
                    return conditional.WhenTrue.Syntax.Span.Contains(write.Syntax.Span) && TestsForNull(conditional.Condition, member);
                }
            }

            return false;
        }

        private static bool TestsForNull(IOperation condition, ISymbol member)
        {
            foreach (var node in condition.DescendantsAndSelf())
            {
                IOperation? tested = node switch
                {
                    IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals, RightOperand: var right, LeftOperand: var left } when right.ConstantValue is { HasValue: true, Value: null } => left,
                    IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } pattern => pattern.Value,
                    _ => null,
                };

                tested = tested.WithoutConversions();

                var testedMember = tested switch
                {
                    IFieldReferenceOperation field => (ISymbol)field.Field,
                    IPropertyReferenceOperation property => property.Property,
                    _ => null,
                };

                if (testedMember is not null && SymbolEqualityComparer.Default.Equals(testedMember.OriginalDefinition, member.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
