using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Handlers;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// STL1001/STL1006: the uses of a visible static member across the compilation. A <c>public static readonly string[]</c>
/// of a handler that code of the compilation reads and none changes is a constant table like a private one (RULES.md:
/// "mutated after initialization somewhere in the compilation"). One that nothing uses at all proves nothing, and
/// stays STL1001's: other code may change it. Asked only for a read-only collection that nothing in its own type
/// changes: only the tokens of its name are bound (<see cref="NameTokens"/>). A visible writable static that only startup
/// code changes (a middleware's settings switched on by its <c>UseX</c> extension) is configuration.
/// </summary>
internal static class OutsideUses
{
    /// <summary>
    /// True when <paramref name="member"/> is read somewhere in the compilation and every use binds and only reads it;
    /// false when it is never used, or a use changes it (a write, a mutating call, an escape to code that may change
    /// it) or may (it does not bind).
    /// </summary>
    public static bool ReadAndNeverChanged(ISymbol member, Compilation compilation, CancellationToken cancellationToken)
    {
        var reads = 0;
        foreach (var (_, _, kind) in Uses(member, compilation, cancellationToken))
        {
            switch (kind)
            {
                case Kind.Changes:
                    return false;
                case Kind.Reads:
                    reads++;
                    break;
            }
        }

        return reads > 0;
    }

    /// <summary>
    /// True when code of the compilation changes <paramref name="member"/> and every change is startup code (a
    /// <c>UseX(this IApplicationBuilder …)</c> extension that switches a middleware's static settings on): configuration,
    /// not state. False when nothing changes it, a change runs at request time, or a use does not bind.
    /// </summary>
    public static bool ChangedOnlyAtStartup(ISymbol member, Compilation compilation, StartupReachability reach, CancellationToken cancellationToken)
    {
        var changes = 0;
        foreach (var (identifier, model, kind) in Uses(member, compilation, cancellationToken))
        {
            if (kind != Kind.Changes)
            {
                continue;
            }

            var operation = model.GetOperation(UseNode(identifier), cancellationToken);
            if (operation is null || operation.IsInUnboundCode()
                || !reach.IsStartupCode(operation, model.GetEnclosingSymbol(identifier.SpanStart, cancellationToken), cancellationToken))
            {
                return false;
            }

            changes++;
        }

        return changes > 0;
    }

    /// <summary>Every identifier spelled like the member, with its tree's semantic model and what it does to the member.</summary>
    private static IEnumerable<(IdentifierNameSyntax Identifier, SemanticModel Model, Kind Kind)> Uses(ISymbol member, Compilation compilation, CancellationToken cancellationToken)
    {
        SemanticModel? model = null;
        foreach (var token in NameTokens.In(compilation, member.Name, cancellationToken))
        {
            if (token.Parent is not IdentifierNameSyntax identifier)
            {
                continue;
            }

            if (model is null || model.SyntaxTree != identifier.SyntaxTree)
            {
#pragma warning disable RS1030 // The uses of a visible member live in other files; the model is asked only for tokens of its name.
                model = compilation.GetSemanticModel(identifier.SyntaxTree);
#pragma warning restore RS1030
            }

            yield return (identifier, model, Use(identifier, member, model, cancellationToken));
        }
    }

    /// <summary>The expression a use is: <c>Type.Member</c> for a qualified name, the identifier otherwise.</summary>
    private static SyntaxNode UseNode(IdentifierNameSyntax identifier) =>
        identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;

    private enum Kind
    {
        Other,
        Reads,
        Changes,
    }

    private static Kind Use(IdentifierNameSyntax identifier, ISymbol member, SemanticModel model, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(identifier, cancellationToken);
        if (info.Symbol is null)
        {
            // A use that does not bind to one symbol may be this member's: what it does is unknown.
            return info.CandidateSymbols.Contains(member.OriginalDefinition, SymbolEqualityComparer.Default) ? Kind.Changes : Kind.Other;
        }

        if (!SymbolEqualityComparer.Default.Equals(info.Symbol.OriginalDefinition, member.OriginalDefinition))
        {
            return Kind.Other;
        }

        var operation = model.GetOperation(UseNode(identifier), cancellationToken);
        if (operation is null || operation.Parent is IFieldInitializerOperation or IPropertyInitializerOperation)
        {
            return Kind.Other; // nothing runs (nameof, an attribute argument's name), or its own initializer
        }

        return operation.IsInUnboundCode() || StateAccess.Classify(operation, strictMutation: true) != StateAccessKind.Read ? Kind.Changes : Kind.Reads;
    }
}
