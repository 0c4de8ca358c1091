using System;
using System.Buffers;
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
/// names of the root types; the names of source classes whose base list names one of these, directly or through
/// another such class; the names of global <c>using</c> aliases
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
    private readonly NameTable _table;

    // Answers per file, without locks: the compilation's files are numbered once, each slot is 0 (not yet known),
    // 1 (not relevant) or 2 (relevant). Two threads may compute the same file; both write the same answer.
    private readonly Dictionary<SyntaxTree, int> _fileIndex;
    private readonly int[] _answers;

    private SourceFilter(Compilation compilation, ImmutableArray<string> names, ImmutableArray<INamedTypeSymbol> roots, bool targetTypedCreations)
    {
        _compilation = compilation;
        _names = names;
        _roots = roots;
        _targetTypedCreations = targetTypedCreations;
        // Built here, in the compilation-start action, and not lazily on first use: the first files are judged by many
        // threads at once, and each would wait for the one building the table (and be charged for the wait).
        _table = new NameTable(CollectNames());
        _fileIndex = new Dictionary<SyntaxTree, int>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            _fileIndex[tree] = _fileIndex.Count;
        }

        _answers = new int[_fileIndex.Count];
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
        if (!_fileIndex.TryGetValue(tree, out var index))
        {
            return Compute(tree, cancellationToken);
        }

        var known = Volatile.Read(ref _answers[index]);
        if (known != 0)
        {
            return known == 2;
        }

        var relevant = Compute(tree, cancellationToken);
        Volatile.Write(ref _answers[index], relevant ? 2 : 1);
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
            var names = _table;
            List<int>? untypedCreations = null;

            // One pass over the text: every identifier is hashed as it is read and looked up in the name table.
            var i = 0;
            while (i < source.Length)
            {
                if (!IsIdentifierStart(source[i]))
                {
                    i++;
                    continue;
                }

                var start = i;
                var hash = NameTable.Seed;
                while (i < source.Length && IsIdentifierPart(source[i]))
                {
                    hash = NameTable.Step(hash, source[i]);
                    i++;
                }

                var identifier = source.Slice(start, i - start);
                if (names.Contains(hash, identifier))
                {
                    return true;
                }

                if (_targetTypedCreations && identifier.Length == 3 && identifier[0] == 'n' && identifier[1] == 'e' && identifier[2] == 'w' && (start == 0 || source[start - 1] != '@'))
                {
                    var next = i;
                    while (next < source.Length && char.IsWhiteSpace(source[next]))
                    {
                        next++;
                    }

                    if (next < source.Length && source[next] == '(')
                    {
                        (untypedCreations ??= new List<int>()).Add(start);
                    }
                }
            }

            return untypedCreations is not null && HasUntypedCreation(tree, untypedCreations, cancellationToken);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>A target-typed <c>new(...)</c> (at one of <paramref name="positions"/>) whose type is not written in the declaration it initializes.</summary>
    private static bool HasUntypedCreation(SyntaxTree tree, List<int> positions, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        foreach (var position in positions)
        {
            var token = root.FindToken(position);
            if (token.IsKind(SyntaxKind.NewKeyword) && token.Parent is ImplicitObjectCreationExpressionSyntax creation && !IsExplicitlyTypedInitializer(creation))
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

    private static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (c > 127 && char.IsLetter(c));

    private static bool IsIdentifierPart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || (c > 127 && char.IsLetterOrDigit(c));

    /// <summary>Names looked up by a hash computed while the identifier is read, so no string is made per identifier.</summary>
    private sealed class NameTable
    {
        public const int Seed = unchecked((int)2166136261);

        private readonly Dictionary<int, string[]> _byHash = new();

        public NameTable(IEnumerable<string> names)
        {
            var groups = new Dictionary<int, List<string>>();
            foreach (var name in names)
            {
                var hash = Seed;
                foreach (var c in name)
                {
                    hash = Step(hash, c);
                }

                if (!groups.TryGetValue(hash, out var group))
                {
                    groups[hash] = group = new List<string>();
                }

                group.Add(name);
            }

            foreach (var pair in groups)
            {
                _byHash[pair.Key] = pair.Value.ToArray();
            }
        }

        public static int Step(int hash, char c) => unchecked((hash ^ c) * 16777619);

        public bool Contains(int hash, ReadOnlySpan<char> identifier)
        {
            if (!_byHash.TryGetValue(hash, out var candidates))
            {
                return false;
            }

            foreach (var candidate in candidates)
            {
                if (identifier.SequenceEqual(candidate.AsSpan()))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The given names, the root types, source types derived from them, and global aliases of any of these.</summary>
    private ImmutableArray<string> CollectNames()
    {
        var names = new HashSet<string>(_names, StringComparer.Ordinal);
        foreach (var root in _roots)
        {
            names.Add(root.Name);
        }

        // Derived types and global aliases are found from declarations only (type headers and top-level usings):
        // nothing is bound, and no member of any type is built.
        var derivable = new List<(string Name, BaseListSyntax Bases)>();
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

            if (!_roots.IsEmpty)
            {
                CollectClassesWithBases(unit.Members, derivable);
            }
        }

        // A class whose base list names a root (or a class already found) derives from it, directly or not.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (name, bases) in derivable)
            {
                if (!names.Contains(name) && NamesAnyBase(bases, names))
                {
                    names.Add(name);
                    changed = true;
                }
            }
        }

        return ImmutableArray.CreateRange(names);
    }

    private static void CollectClassesWithBases(SyntaxList<MemberDeclarationSyntax> members, List<(string Name, BaseListSyntax Bases)> classes)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    CollectClassesWithBases(ns.Members, classes);
                    break;
                case TypeDeclarationSyntax type:
                    if (type is ClassDeclarationSyntax or RecordDeclarationSyntax && type.BaseList is { } bases)
                    {
                        classes.Add((type.Identifier.ValueText, bases));
                    }

                    CollectClassesWithBases(type.Members, classes);
                    break;
            }
        }
    }

    private static bool NamesAnyBase(BaseListSyntax bases, HashSet<string> names)
    {
        foreach (var baseType in bases.Types)
        {
            if (baseType.Type is NameSyntax name && NamesAny(name, names))
            {
                return true;
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
