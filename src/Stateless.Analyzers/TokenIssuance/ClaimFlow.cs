using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>
/// Follows claims through arrays, collection initializers and expressions, <c>List.Add/AddRange</c>,
/// <c>ClaimsIdentity</c> (constructor, <c>AddClaim/AddClaims</c>), LINQ (<c>Concat</c>, <c>Append</c>,
/// <c>Select(x =&gt; new Claim(...))</c>, <c>ToList</c>) and claim dictionaries (<c>Add</c>, indexer, initializers),
/// through the method's locals.
/// </summary>
internal sealed partial class ClaimFlow
{
    private const int MaxDepth = 12;

    private const int MaxCalleeDepth = 2;

    private readonly MethodIndex _index;
    private readonly IssuanceTypes _types;
    private readonly HashSet<ILocalSymbol> _visiting = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _callees;
    private readonly int _calleeDepth;

    public ClaimFlow(MethodIndex index, IssuanceTypes types)
        : this(index, types, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), 0)
    {
    }

    private ClaimFlow(MethodIndex index, IssuanceTypes types, HashSet<IMethodSymbol> callees, int calleeDepth)
    {
        _index = index;
        _types = types;
        _callees = callees;
        _calleeDepth = calleeDepth;
    }

    /// <summary>A sequence of claims (<c>IEnumerable&lt;Claim&gt;</c>, arrays, lists, identities).</summary>
    public void Collection(IOperation? operation, ClaimSet set, int depth = 0)
    {
        operation = operation.WithoutConversions();
        if (operation is null || IsNull(operation))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            set.Open = true;
            return;
        }

        if (operation.Syntax is CollectionExpressionSyntax collectionExpression && operation.SemanticModel is { } model)
        {
            CollectionExpression(collectionExpression, model, set, depth);
            return;
        }

        switch (operation)
        {
            case IArrayCreationOperation array:
                ArrayElements(array, set, depth);
                return;

            case IObjectCreationOperation creation:
                Creation(creation, set, depth);
                return;

            case ILocalReferenceOperation local:
                Local(local.Local, set, depth);
                return;

            case IAwaitOperation awaited:
                Collection(awaited.Operation, set, depth + 1);
                return;

            case IConditionalOperation conditional:
                Collection(conditional.WhenTrue, set, depth + 1);
                Collection(conditional.WhenFalse, set, depth + 1);
                return;

            case ICoalesceOperation coalesce:
                Collection(coalesce.Value, set, depth + 1);
                Collection(coalesce.WhenNull, set, depth + 1);
                return;

            case IPropertyReferenceOperation { Property.Name: "Claims", Instance: { } instance } when _types.IsClaimsIdentity(instance.Type):
                Collection(instance, set, depth + 1);
                return;

            case IInvocationOperation invocation:
                Invocation(invocation, set, depth);
                return;

            default:
                set.Open = true;
                return;
        }
    }

    /// <summary>A single claim expression.</summary>
    public void Claim(IOperation? operation, ClaimSet set, int depth)
    {
        operation = operation.WithoutConversions();
        if (operation is null || IsNull(operation))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            set.Open = true;
            return;
        }

        switch (operation)
        {
            case IObjectCreationOperation creation when _types.IsClaim(creation.Type) && creation.Arguments.Length >= 2
                && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String:
                set.Add(new ClaimEntry(FoldType(creation.Arguments[0].Value), creation.Arguments[1].Value, creation));
                return;
            case ILocalReferenceOperation local when _visiting.Add(local.Local):
                try
                {
                    foreach (var value in _index.ValuesOf(local.Local))
                    {
                        Claim(value, set, depth + 1);
                    }
                }
                finally
                {
                    _visiting.Remove(local.Local);
                }

                return;
            case IConditionalOperation conditional:
                Claim(conditional.WhenTrue, set, depth + 1);
                Claim(conditional.WhenFalse, set, depth + 1);
                return;
            default:
                set.Open = true;
                return;
        }
    }

    /// <summary>A collection expression: each element a claim, each spread a sequence of claims.</summary>
    private void CollectionExpression(CollectionExpressionSyntax collectionExpression, SemanticModel model, ClaimSet set, int depth)
    {
        foreach (var element in collectionExpression.Elements)
        {
            switch (element)
            {
                case ExpressionElementSyntax expressionElement:
                    Claim(model.GetOperation(expressionElement.Expression), set, depth + 1);
                    break;
                case SpreadElementSyntax spread:
                    Collection(model.GetOperation(spread.Expression), set, depth + 1);
                    break;
                default:
                    set.Open = true;
                    break;
            }
        }
    }

    private void ArrayElements(IArrayCreationOperation array, ClaimSet set, int depth)
    {
        if (array.Initializer is { } arrayInitializer)
        {
            foreach (var element in arrayInitializer.ElementValues)
            {
                Claim(element, set, depth + 1);
            }
        }
    }

    /// <summary>A created sequence: an identity's claims, a framework collection's elements; an application type's are unknown.</summary>
    private void Creation(IObjectCreationOperation creation, ClaimSet set, int depth)
    {
        if (_types.IsClaimsIdentity(creation.Type))
        {
            Identity(creation, set, depth);
        }
        else if (!IsFrameworkCollection(creation.Type))
        {
            // A type of the application that yields claims (a claims builder) may add any claim in its constructor.
            set.Open = true;
        }
        else
        {
            FrameworkCollection(creation, set, depth);
        }
    }

    /// <summary>A framework collection created here: claim sequences passed to it and its <c>Add</c> initializers.</summary>
    private void FrameworkCollection(IObjectCreationOperation creation, ClaimSet set, int depth)
    {
        foreach (var argument in creation.Arguments)
        {
            if (_types.IsClaimSequence(argument.Value.Type))
            {
                Collection(argument.Value, set, depth + 1);
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var item in initializer.Initializers)
            {
                if (item is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add)
                {
                    Claim(add.Arguments[0].Value, set, depth + 1);
                }
                else
                {
                    set.Open = true;
                }
            }
        }
    }

    /// <summary>Claims of a <c>ClaimsIdentity</c> creation: its claim arguments and an identity argument.</summary>
    private void Identity(IObjectCreationOperation creation, ClaimSet set, int depth)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || IsNull(argument.Value.WithoutConversions()!))
            {
                continue;
            }

            var type = argument.Value.Type;
            if (_types.IsClaimSequence(type))
            {
                Collection(argument.Value, set, depth + 1);
            }
            else if (type?.SpecialType == SpecialType.System_String)
            {
                // authentication type, name type, role type
            }
            else if (argument.Value.WithoutConversions() is IObjectCreationOperation identity && IssuanceTypes.Is(identity.Type, _types.GenericIdentity))
            {
                // GenericIdentity adds only a name claim.
            }
            else
            {
                set.Open = true;
            }
        }

        if (creation.Initializer is not null)
        {
            set.Open = true;
        }
    }

    private void Local(ILocalSymbol local, ClaimSet set, int depth)
    {
        if (!_visiting.Add(local))
        {
            return;
        }

        try
        {
            foreach (var value in _index.ValuesOf(local))
            {
                Collection(value, set, depth + 1);
            }

            foreach (var reference in _index.ReferencesTo(local))
            {
                Use(reference, set, depth);
            }
        }
        finally
        {
            _visiting.Remove(local);
        }
    }

    /// <summary>How a use of a claims local changes its claims: additions are followed, unknown mutations open the set.</summary>
    private void Use(ILocalReferenceOperation reference, ClaimSet set, int depth)
    {
        var parent = MethodIndex.Consumer(reference, out var direct);
        switch (parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == direct:
                return;
            case IInvocationOperation invocation when invocation.Instance == direct:
                switch (invocation.TargetMethod.Name)
                {
                    case "Add" or "AddClaim" or "Insert" or "TryAddClaim" when invocation.Arguments.Length >= 1:
                        Claim(invocation.Arguments[invocation.Arguments.Length - 1].Value, set, depth + 1);
                        return;
                    case "AddRange" or "AddClaims" or "InsertRange" when invocation.Arguments.Length >= 1:
                        Collection(invocation.Arguments[invocation.Arguments.Length - 1].Value, set, depth + 1);
                        return;
                    default:
                        return; // reads: Count, Contains, ToArray, FindFirst, RemoveClaim ...
                }

            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == direct:
                if (indexer.Parent is ISimpleAssignmentOperation elementAssignment && elementAssignment.Target == indexer)
                {
                    Claim(elementAssignment.Value, set, depth + 1);
                }

                return;
            case IArrayElementReferenceOperation element when element.ArrayReference == direct:
                if (element.Parent is ISimpleAssignmentOperation arrayAssignment && arrayAssignment.Target == element)
                {
                    Claim(arrayAssignment.Value, set, depth + 1);
                }

                return;
            case IArgumentOperation argument when argument.Parent is IInvocationOperation call && !CanMutate(call, argument):
                return;
            case IArgumentOperation { Parent: IObjectCreationOperation }:
                return;
            case IArgumentOperation:
                set.Open = true;
                return;
            default:
                return;
        }
    }

    /// <summary>A call that receives the collection may add to it unless it is LINQ or takes a read-only view.</summary>
    private bool CanMutate(IInvocationOperation call, IArgumentOperation argument)
    {
        if (IssuanceTypes.Is(call.TargetMethod.ContainingType, _types.Enumerable))
        {
            return false;
        }

        if (argument.Parameter?.Type is INamedTypeSymbol parameterType)
        {
            var name = parameterType.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
            if (name is "System.Collections.Generic.IEnumerable<T>" or "System.Collections.Generic.IReadOnlyCollection<T>" or "System.Collections.Generic.IReadOnlyList<T>")
            {
                return false;
            }
        }

        // The handler and token constructors only read claims.
        return !_types.IsTokenHandler(call.TargetMethod.ContainingType);
    }

    private static bool IsNull(IOperation operation) =>
        operation.ConstantValue is { HasValue: true, Value: null } || operation is IDefaultValueOperation;

    private static bool IsFrameworkCollection(ITypeSymbol? type)
    {
        return NamespaceNames.IsOrIsInside(type?.ContainingNamespace, "System.Collections");
    }
}
