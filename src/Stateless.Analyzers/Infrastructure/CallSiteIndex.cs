using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Every place in the compilation's source that may call a method of a given name: invocations
/// (<c>Register(x)</c>, <c>registry.Register(x)</c>, <c>registry?.Register(x)</c>) and names passed as
/// arguments (a method group handed to <c>Subscribe(OnMessage)</c>). Found from text and syntax alone, per name, the
/// first time a rule asks for that name: the name is searched in each file's text and only the tokens found there are
/// looked at, so the trees are never walked whole (a walk of every node cost more than all the rules' questions).
/// The semantic model is consulted by the caller only for the few sites whose name matches. (A name spelled with a
/// Unicode escape, <c>Regi\u0073ter(x)</c>, is not found.)
/// </summary>
internal sealed class CallSiteIndex
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, IReadOnlyList<SyntaxNode>> _sites = new(StringComparer.Ordinal);

    private CallSiteIndex(Compilation compilation)
    {
        _compilation = compilation;
    }

    public static CallSiteIndex Build(Compilation compilation) => new(compilation);

    /// <summary>The invocation expressions and method-group argument expressions named <paramref name="name"/>, in tree and source order.</summary>
    public IReadOnlyList<SyntaxNode> SitesNamed(string name, CancellationToken cancellationToken)
    {
        if (_sites.TryGetValue(name, out var known))
        {
            return known;
        }

        var found = Find(name, cancellationToken);
        return _sites.GetOrAdd(name, found);
    }

    private IReadOnlyList<SyntaxNode> Find(string name, CancellationToken cancellationToken)
    {
        List<SyntaxNode>? sites = null;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = tree.TryGetText(out var existing) ? existing : tree.GetText(cancellationToken);
            if (text.Length < name.Length)
            {
                continue;
            }

            var source = text.ToString();
            SyntaxNode? root = null;
            for (var at = source.IndexOf(name, StringComparison.Ordinal); at >= 0; at = source.IndexOf(name, at + name.Length, StringComparison.Ordinal))
            {
                if (!IsWholeWord(source, at, name.Length))
                {
                    continue;
                }

                root ??= tree.GetRoot(cancellationToken);
                if (SiteAt(root.FindToken(at), at, name) is { } site)
                {
                    (sites ??= new List<SyntaxNode>()).Add(site);
                }
            }
        }

        return sites ?? (IReadOnlyList<SyntaxNode>)Array.Empty<SyntaxNode>();
    }

    /// <summary>An occurrence not inside a longer identifier (<c>Register</c> in <c>RegisterAll</c> or <c>TryRegister</c>).</summary>
    internal static bool IsWholeWord(string source, int at, int length) =>
        (at == 0 || !IsIdentifierPart(source[at - 1]))
        && (at + length >= source.Length || !IsIdentifierPart(source[at + length]));

    private static bool IsIdentifierPart(char c) => SyntaxFacts.IsIdentifierPartCharacter(c);

    /// <summary>
    /// The call site the name token belongs to: the invocation whose invoked expression ends in it, or the argument
    /// expression (a method group) it is.
    /// </summary>
    private static ExpressionSyntax? SiteAt(SyntaxToken token, int at, string name)
    {
        if (!token.IsKind(SyntaxKind.IdentifierToken) || !token.Span.Contains(at) || token.ValueText != name
            || token.Parent is not (IdentifierNameSyntax or GenericNameSyntax) || token.Parent is not ExpressionSyntax nameNode)
        {
            return null;
        }

        ExpressionSyntax expression = nameNode.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == nameNode => access,
            MemberBindingExpressionSyntax binding when binding.Name == nameNode => binding,
            _ => nameNode,
        };

        return expression.Parent switch
        {
            InvocationExpressionSyntax invocation when invocation.Expression == expression => invocation,
            ArgumentSyntax argument when argument.Expression == expression && expression is not MemberBindingExpressionSyntax => expression,
            _ => null,
        };
    }
}
