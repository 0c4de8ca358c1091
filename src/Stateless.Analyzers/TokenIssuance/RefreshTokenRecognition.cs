using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>Refresh tokens, which STL3002's access-token budget does not cover.</summary>
internal static class RefreshTokenRecognition
{
    /// <summary>
    /// A JWT minted as a refresh token is not an access token: STL3002's budget does not apply. Recognised by a
    /// <c>Generate/Create/Issue/Build/Make/New…RefreshToken</c> method, a local named like <c>refreshToken</c> that
    /// holds the token (or its descriptor, or the string written from it), or a token-type claim whose value is
    /// <c>refresh</c>.
    /// </summary>
    public static bool IsRefreshToken(IssuanceBlock block, IOperation token, ClaimSet claims)
    {
        var owner = block.Owner.Name;
        if (owner.IndexOf("Refresh", StringComparison.OrdinalIgnoreCase) >= 0
            && owner.IndexOf("Token", StringComparison.OrdinalIgnoreCase) >= 0
            && (owner.StartsWith("Generate", StringComparison.Ordinal) || owner.StartsWith("Create", StringComparison.Ordinal)
                || owner.StartsWith("Issue", StringComparison.Ordinal) || owner.StartsWith("Build", StringComparison.Ordinal)
                || owner.StartsWith("Make", StringComparison.Ordinal) || owner.StartsWith("New", StringComparison.Ordinal)))
        {
            return true;
        }

        foreach (var entry in claims.Entries)
        {
            if (entry.Type is "token_type" or "typ" or "type" or "token_use" or "tokenType"
                && entry.Value is not null
                && ConstantFolding.TryFoldString(entry.Value, out var kind)
                && kind.StartsWith("refresh", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (IsRefreshName(ReceivingLocal(token)))
        {
            return true;
        }

        if (MethodIndex.StoredIn(token) is { } local)
        {
            foreach (var reference in block.Index.ReferencesTo(local))
            {
                if (IsRefreshName(ReceivingLocal(reference)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsRefreshName(ILocalSymbol? local) =>
        local is not null && local.Name.IndexOf("refresh", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>The local whose declaration (or assignment) this value flows into within its statement, if any.</summary>
    private static ILocalSymbol? ReceivingLocal(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IVariableDeclaratorOperation declarator:
                    return declarator.Symbol;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target }:
                    return target.Local;
                case IExpressionStatementOperation or IReturnOperation or IBlockOperation or IAnonymousFunctionOperation:
                    return null;
            }
        }

        return null;
    }
}
