using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>STL2009: the locals that hold a parsed token and the uses of its claims, directly or through them.</summary>
internal static class ParsedTokenUses
{
    private static readonly NameSet ClaimMembers = new(
        "Claims", "Payload", "Subject", "Id", "Actor", "Audiences", "GetClaim", "TryGetClaim", "GetPayloadValue", "TryGetPayloadValue");

    /// <summary>
    /// The locals that hold the parsed token: the one it is stored in (through casts and <c>as</c>), a pattern
    /// variable (<c>is JwtSecurityToken jwt</c>), and locals assigned from those.
    /// </summary>
    public static List<ILocalSymbol> Holders(IOperation read, List<IOperation> all)
    {
        var holders = new List<ILocalSymbol>();
        if (StoredIn(read) is { } first)
        {
            holders.Add(first);
        }

        for (var changed = true; changed && holders.Count < 8;)
        {
            changed = false;
            foreach (var operation in all)
            {
                if (operation is ILocalReferenceOperation reference && Contains(holders, reference.Local)
                    && StoredIn(reference) is { } alias && !Contains(holders, alias))
                {
                    holders.Add(alias);
                    changed = true;
                }
            }
        }

        return holders;
    }

    public static bool Contains(List<ILocalSymbol> locals, ILocalSymbol local)
    {
        foreach (var candidate in locals)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The local a value is stored in (looking through casts and <c>as</c>), if any.</summary>
    public static ILocalSymbol? StoredIn(IOperation value)
    {
        var current = value.WithEnclosingConversions();

        return current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == current => local.Local,
            IIsPatternOperation { Pattern: IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared } } => declared,
            _ => null,
        };
    }

    /// <summary>Every use of the parsed token's claims, directly on the result or through the locals that hold it.</summary>
    public static List<IOperation> ClaimUses(IOperation read, List<ILocalSymbol> holders, List<IOperation> all)
    {
        var uses = new List<IOperation>();
        void Consider(IOperation reference)
        {
            var current = reference.WithEnclosingConversions();

            // jwt?.Claims: the member is applied to the conditional-access placeholder inside WhenNotNull.
            if (current.Parent is IConditionalAccessOperation conditional && conditional.Operation == current)
            {
                foreach (var inner in conditional.WhenNotNull.DescendantsAndSelf())
                {
                    if (inner is IConditionalAccessInstanceOperation placeholder)
                    {
                        current = placeholder;
                        break;
                    }
                }
            }

            var use = current.Parent switch
            {
                IPropertyReferenceOperation property when property.Instance == current && ClaimMembers.Contains(property.Property.Name) => current.Parent,
                IInvocationOperation invocation when invocation.Instance == current && ClaimMembers.Contains(invocation.TargetMethod.Name) => current.Parent,
                _ => null,
            };

            if (use is not null)
            {
                uses.Add(use);
            }
        }

        Consider(read);
        if (holders.Count > 0)
        {
            foreach (var operation in all)
            {
                if (operation is ILocalReferenceOperation reference && Contains(holders, reference.Local))
                {
                    Consider(reference);
                }
            }
        }

        return uses;
    }

    public static IOperation? First(List<IOperation> uses)
    {
        IOperation? first = null;
        foreach (var use in uses)
        {
            if (first is null || use.Syntax.SpanStart < first.Syntax.SpanStart)
            {
                first = use;
            }
        }

        return first;
    }
}
