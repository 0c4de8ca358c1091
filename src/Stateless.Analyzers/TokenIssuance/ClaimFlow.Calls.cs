using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>Claims returned by calls: LINQ over claims, an identity store, and claims helpers of the same file.</summary>
internal sealed partial class ClaimFlow
{
    private void Invocation(IInvocationOperation invocation, ClaimSet set, int depth)
    {
        var method = invocation.TargetMethod;
        if (IssuanceTypes.Is(method.ContainingType, _types.Enumerable))
        {
            switch (method.Name)
            {
                case "ToList" or "ToArray" or "AsEnumerable" or "Distinct" or "ToHashSet" or "Where" or "OrderBy" or "Take" or "Skip":
                    Collection(invocation.Arguments[0].Value, set, depth + 1);
                    return;
                case "Concat" or "Union" when invocation.Arguments.Length == 2:
                    Collection(invocation.Arguments[0].Value, set, depth + 1);
                    Collection(invocation.Arguments[1].Value, set, depth + 1);
                    return;
                case "Append" or "Prepend" when invocation.Arguments.Length == 2:
                    Collection(invocation.Arguments[0].Value, set, depth + 1);
                    Claim(invocation.Arguments[1].Value, set, depth + 1);
                    return;
                case "Select" when invocation.Arguments.Length == 2:
                    Projection(invocation.Arguments[1].Value, set, depth);
                    return;
                case "Empty":
                    return;
            }
        }

        // Claims an ASP.NET Core Identity store keeps for a user or role are application claims: a per-token jti
        // (or exp/aud) can never come from a store.
        if (method.Name is "GetClaimsAsync"
            && (IssuanceTypes.Is(method.ContainingType, _types.UserManager) || IssuanceTypes.Is(method.ContainingType, _types.RoleManager)))
        {
            set.Add(new ClaimEntry(StoredClaimsType, null, invocation));
            return;
        }

        if (!Callee(invocation, set, depth))
        {
            set.Open = true;
        }
    }

    /// <summary>
    /// A claims helper of the same file (<c>GetClaims(user)</c>, <c>BuildIdentity(user)</c>): the claims it returns.
    /// Only non-virtual methods and local functions declared once in the same syntax tree, two calls deep.
    /// </summary>
    private bool Callee(IInvocationOperation invocation, ClaimSet set, int depth)
    {
        var method = invocation.TargetMethod;
        var model = invocation.SemanticModel;
        if (model is null || _calleeDepth >= MaxCalleeDepth || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
            || method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree
            || !_callees.Add(method.OriginalDefinition))
        {
            return false;
        }

        try
        {
            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
            if (syntax is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax) || model.GetOperation(syntax) is not { } body)
            {
                return false;
            }

            var calleeFlow = new ClaimFlow(new MethodIndex(System.Collections.Immutable.ImmutableArray.Create(body)), _types, _callees, _calleeDepth + 1);
            var returns = 0;
            foreach (var operation in body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned } && OwnedBy(operation, body))
                {
                    returns++;
                    calleeFlow.Collection(returned, set, depth + 1);
                }
            }

            return returns > 0;
        }
        finally
        {
            _callees.Remove(method.OriginalDefinition);
        }
    }

    /// <summary>Is this return statement the method's own, not a nested lambda's or local function's?</summary>
    private static bool OwnedBy(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Placeholder type of claims loaded from an identity store (never a registered claim name).</summary>
    public const string StoredClaimsType = "\u0000stored";

    private void Projection(IOperation selector, ClaimSet set, int depth)
    {
        if (selector.WithoutConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
        {
            var any = false;
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned })
                {
                    any = true;
                    Claim(returned, set, depth + 1);
                }
            }

            if (any)
            {
                return;
            }
        }

        set.Open = true;
    }
}
