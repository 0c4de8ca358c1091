using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// A per-file pre-check for rule families that only look at a few APIs (JWT minting, token validation, the
/// data-protection and SignalR builders): before the driver is asked to call back for every operation of a file,
/// the file's text is searched once for the identifiers such code cannot avoid writing.
/// <para>
/// A file is relevant when it contains, as a whole identifier, one of: the given names (methods, properties); the
/// names of the root types; the names of source types derived from them; the names of global <c>using</c> aliases
/// of any of these. With <c>targetTypedCreations</c>, a file is also relevant when it contains a target-typed
/// <c>new(...)</c> whose type is not spelled out in its own declaration (an argument, a return value, an assignment
/// to a member, a collection element), since such an expression can create a root type without naming it. Matches
/// in comments and strings only make a file relevant that need not be: the check never hides code that names the
/// APIs. Not covered: root types derived in referenced assemblies, which no rule here follows either.
/// </para>
/// </summary>
internal sealed class SourceFilter
{
    private readonly Compilation _compilation;
    private readonly ImmutableArray<string> _names;
    private readonly ImmutableArray<INamedTypeSymbol> _roots;
    private readonly bool _targetTypedCreations;
    private readonly Lazy<ImmutableArray<string>> _allNames;
    private readonly ConcurrentDictionary<SyntaxTree, bool> _relevant = new();

    private SourceFilter(Compilation compilation, ImmutableArray<string> names, ImmutableArray<INamedTypeSymbol> roots, bool targetTypedCreations)
    {
        _compilation = compilation;
        _names = names;
        _roots = roots;
        _targetTypedCreations = targetTypedCreations;
        _allNames = new Lazy<ImmutableArray<string>>(CollectNames);
    }

    /// <summary>A filter for the identifiers in <paramref name="names"/> and the types in <paramref name="rootTypes"/> (null entries are ignored).</summary>
    public static SourceFilter Create(Compilation compilation, IEnumerable<string> names, IEnumerable<INamedTypeSymbol?> rootTypes, bool targetTypedCreations)
    {
        var roots = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var root in rootTypes)
        {
            if (root is not null)
            {
                roots.Add(root);
            }
        }

        return new SourceFilter(compilation, ImmutableArray.CreateRange(names), roots.ToImmutable(), targetTypedCreations);
    }

    /// <summary>True when any declaration of <paramref name="symbol"/> is in a relevant file.</summary>
    public bool MayBeRelevant(ISymbol symbol, CancellationToken cancellationToken)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (MayBeRelevant(reference.SyntaxTree, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the file may contain code of the family (computed once per file).</summary>
    public bool MayBeRelevant(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (_relevant.TryGetValue(tree, out var relevant))
        {
            return relevant;
        }

        relevant = Compute(tree, cancellationToken);
        _relevant.TryAdd(tree, relevant);
        return relevant;
    }

    private bool Compute(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken);
        var length = text.Length;
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(length, 1));
        try
        {
            text.CopyTo(0, buffer, 0, length);
            var source = new ReadOnlySpan<char>(buffer, 0, length);
            foreach (var name in _allNames.Value)
            {
                if (IndexOfIdentifier(source, name, 0) >= 0)
                {
                    return true;
                }
            }

            return _targetTypedCreations && HasUntypedCreation(tree, source, cancellationToken);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>A target-typed <c>new(...)</c> whose type is not written in the declaration it initializes.</summary>
    private static bool HasUntypedCreation(SyntaxTree tree, ReadOnlySpan<char> source, CancellationToken cancellationToken)
    {
        SyntaxNode? root = null;
        for (var index = IndexOfIdentifier(source, "new", 0); index >= 0; index = IndexOfIdentifier(source, "new", index + 3))
        {
            var next = index + 3;
            while (next < source.Length && char.IsWhiteSpace(source[next]))
            {
                next++;
            }

            if (next >= source.Length || source[next] != '(')
            {
                continue;
            }

            root ??= tree.GetRoot(cancellationToken);
            var token = root.FindToken(index);
            if (!token.IsKind(SyntaxKind.NewKeyword) || token.Parent is not ImplicitObjectCreationExpressionSyntax creation)
            {
                continue;
            }

            if (!IsExplicitlyTypedInitializer(creation))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsExplicitlyTypedInitializer(ImplicitObjectCreationExpressionSyntax creation) =>
        creation.Parent is EqualsValueClauseSyntax equals
        && equals.Parent switch
        {
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } => !declaration.Type.IsVar,
            PropertyDeclarationSyntax => true,
            ParameterSyntax => true,
            _ => false,
        };

    /// <summary>The position of <paramref name="identifier"/> as a whole identifier at or after <paramref name="start"/>, or -1.</summary>
    private static int IndexOfIdentifier(ReadOnlySpan<char> source, string identifier, int start)
    {
        var position = start;
        while (position <= source.Length - identifier.Length)
        {
            var found = source.Slice(position).IndexOf(identifier.AsSpan(), StringComparison.Ordinal);
            if (found < 0)
            {
                return -1;
            }

            var at = position + found;
            var end = at + identifier.Length;
            if ((at == 0 || !IsIdentifierPart(source[at - 1])) && (end == source.Length || !IsIdentifierPart(source[end])))
            {
                return at;
            }

            position = at + 1;
        }

        return -1;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>The given names, the root types, source types derived from them, and global aliases of any of these.</summary>
    private ImmutableArray<string> CollectNames()
    {
        var names = new HashSet<string>(_names, StringComparer.Ordinal);
        foreach (var root in _roots)
        {
            names.Add(root.Name);
        }

        if (!_roots.IsEmpty)
        {
            CollectDerived(_compilation.Assembly.GlobalNamespace, names);
        }

        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is not CompilationUnitSyntax unit)
            {
                continue;
            }

            foreach (var directive in unit.Usings)
            {
                if (!directive.GlobalKeyword.IsKind(SyntaxKind.None) && directive.Alias is { } alias && NamesAny(directive.Name, names))
                {
                    names.Add(alias.Name.Identifier.ValueText);
                }
            }
        }

        return ImmutableArray.CreateRange(names);
    }

    private void CollectDerived(INamespaceOrTypeSymbol container, HashSet<string> names)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                CollectDerived(ns, names);
            }
            else if (member is INamedTypeSymbol type)
            {
                if (type.TypeKind == TypeKind.Class && DerivesFromRoot(type))
                {
                    names.Add(type.Name);
                }

                CollectDerived(type, names);
            }
        }
    }

    private bool DerivesFromRoot(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            foreach (var root in _roots)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, root))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool NamesAny(NameSyntax? name, HashSet<string> names) => name switch
    {
        QualifiedNameSyntax qualified => names.Contains(qualified.Right.Identifier.ValueText),
        AliasQualifiedNameSyntax aliased => names.Contains(aliased.Name.Identifier.ValueText),
        SimpleNameSyntax simple => names.Contains(simple.Identifier.ValueText),
        _ => false,
    };
}
