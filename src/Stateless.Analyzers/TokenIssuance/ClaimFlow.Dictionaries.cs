using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>Claim dictionaries (<c>SecurityTokenDescriptor.Claims</c>, <c>JwtPayload</c>): creations, writes and locals.</summary>
internal sealed partial class ClaimFlow
{
    /// <summary>A claims dictionary (<c>SecurityTokenDescriptor.Claims</c>, <c>JwtPayload</c>).</summary>
    public void Dictionary(IOperation? operation, ClaimSet set, int depth = 0)
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
            case IObjectCreationOperation creation:
                foreach (var argument in creation.Arguments)
                {
                    if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter?.Type is INamedTypeSymbol { IsGenericType: true } parameterType
                        && parameterType.Name.IndexOf("Dictionary", StringComparison.Ordinal) >= 0)
                    {
                        Dictionary(argument.Value, set, depth + 1);
                    }
                    else if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter?.Type.SpecialType != SpecialType.System_Int32
                        && argument.Parameter?.Type is not INamedTypeSymbol { Name: "IEqualityComparer" })
                    {
                        set.Open = true;
                    }
                }

                if (creation.Initializer is { } initializer)
                {
                    foreach (var item in initializer.Initializers)
                    {
                        DictionaryWrite(item, set, depth);
                    }
                }

                return;

            case ILocalReferenceOperation local:
                DictionaryLocal(local.Local, set, depth);
                return;

            default:
                set.Open = true;
                return;
        }
    }

    /// <summary>One write into a claims dictionary: <c>Add(k, v)</c>, <c>TryAdd(k, v)</c> or <c>[k] = v</c>.</summary>
    public bool DictionaryWrite(IOperation item, ClaimSet set, int depth)
    {
        switch (item)
        {
            case IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd", Arguments.Length: 2 } add:
                set.Add(new ClaimEntry(FoldType(add.Arguments[0].Value), add.Arguments[1].Value, add));
                return true;
            case IInvocationOperation { TargetMethod.Name: "AddClaim", Arguments.Length: 1 } addClaim:
                Claim(addClaim.Arguments[0].Value, set, depth + 1);
                return true;
            case IInvocationOperation { TargetMethod.Name: "AddClaims", Arguments.Length: 1 } addClaims:
                Collection(addClaims.Arguments[0].Value, set, depth + 1);
                return true;
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment:
                set.Add(new ClaimEntry(FoldType(indexer.Arguments[0].Value), assignment.Value, assignment));
                return true;
            case IInvocationOperation { TargetMethod.Name: "Remove" or "Clear" or "ContainsKey" or "TryGetValue" }:
                return true;
            default:
                set.Open = true;
                return false;
        }
    }

    private void DictionaryLocal(ILocalSymbol local, ClaimSet set, int depth)
    {
        if (!_visiting.Add(local))
        {
            return;
        }

        try
        {
            foreach (var value in _index.ValuesOf(local))
            {
                Dictionary(value, set, depth + 1);
            }

            foreach (var reference in _index.ReferencesTo(local))
            {
                var parent = MethodIndex.Consumer(reference, out var direct);
                switch (parent)
                {
                    case IInvocationOperation invocation when invocation.Instance == direct:
                        DictionaryWrite(invocation, set, depth);
                        break;
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == direct
                        && indexer.Parent is ISimpleAssignmentOperation assignment && assignment.Target == indexer:
                        DictionaryWrite(assignment, set, depth);
                        break;
                    case IArgumentOperation argument when argument.Parent is IInvocationOperation call && CanMutate(call, argument):
                        set.Open = true;
                        break;
                }
            }
        }
        finally
        {
            _visiting.Remove(local);
        }
    }

    /// <summary>A claim type or dictionary key as a constant string, or null.</summary>
    public static string? FoldType(IOperation operation)
    {
        if (ConstantFolding.TryFoldString(operation, out var text))
        {
            return text;
        }

        var unwrapped = operation.WithoutImplicitConversions();
        if (unwrapped is IFieldReferenceOperation or IPropertyReferenceOperation && DeclaredValues.InitializerOf(unwrapped) is { } initializer
            && ConstantFolding.TryFoldString(initializer, out text))
        {
            return text;
        }

        return null;
    }
}
