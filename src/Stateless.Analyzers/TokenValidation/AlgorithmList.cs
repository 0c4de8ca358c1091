using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>One element of a <c>ValidAlgorithms</c> collection: its syntax and its constant value when known.</summary>
internal readonly struct AlgorithmElement
{
    public AlgorithmElement(SyntaxNode syntax, string? value)
    {
        Syntax = syntax;
        Value = value;
        Family = AlgorithmFamilies.Classify(value);
    }

    /// <summary>The element as written (an expression, or a collection-expression element).</summary>
    public SyntaxNode Syntax { get; }

    public string? Value { get; }

    public AlgorithmFamily Family { get; }
}

/// <summary>
/// Reads the algorithms of a <c>ValidAlgorithms</c> value: array creations, collection initializers
/// (<c>new List&lt;string&gt; { … }</c>), collection expressions, and locals assigned one of those once.
/// </summary>
internal static class AlgorithmList
{
    /// <summary>False when the collection's elements cannot be seen (configuration, a field, a call).</summary>
    public static bool TryRead(IOperation? value, out List<AlgorithmElement> elements)
    {
        elements = new List<AlgorithmElement>();
        return TryRead(value, elements, 0);
    }

    private static bool TryRead(IOperation? value, List<AlgorithmElement> elements, int depth)
    {
        value = value.WithoutImplicitConversions();
        if (value is null || depth > 4)
        {
            return false;
        }

        if (value.Syntax is CollectionExpressionSyntax collection && value.SemanticModel is { } model)
        {
            foreach (var element in collection.Elements)
            {
                if (element is not ExpressionElementSyntax expression)
                {
                    return false;
                }

                var constant = model.GetConstantValue(expression.Expression);
                elements.Add(new AlgorithmElement(element, constant is { HasValue: true, Value: string text } ? text : null));
            }

            return true;
        }

        switch (value)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.ElementValues)
                {
                    Add(elements, element);
                }

                return true;
            case IArrayCreationOperation { DimensionSizes.Length: 1 } empty when empty.DimensionSizes[0].ConstantValue is { HasValue: true, Value: 0 }:
                return true;
            case IObjectCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.Initializers)
                {
                    if (element is IInvocationOperation { Arguments.Length: 1 } add)
                    {
                        Add(elements, add.Arguments[0].Value);
                    }
                    else
                    {
                        return false;
                    }
                }

                return true;
            case IObjectCreationOperation { Arguments.Length: 0 }:
                return true;
            case ILocalReferenceOperation local when ConstantFolding.SingleAssignment(local) is { } assigned:
                return TryRead(assigned, elements, depth + 1);
            default:
                return false;
        }
    }

    private static void Add(List<AlgorithmElement> elements, IOperation element)
    {
        var text = ConstantFolding.TryFoldString(element, out var value) ? value : null;
        elements.Add(new AlgorithmElement(element.WithoutImplicitConversions()?.Syntax ?? element.Syntax, text));
    }
}
