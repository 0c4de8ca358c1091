using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Every place in the compilation's source that may call a method of a given name: invocations
/// (<c>Register(x)</c>, <c>registry.Register(x)</c>, <c>registry?.Register(x)</c>) and names passed as
/// arguments (a method group handed to <c>Subscribe(OnMessage)</c>). Found from text and syntax alone, per name, the
/// first time a rule asks for that name (<see cref="NameTokens"/>: only the tokens at the name's occurrences in the
/// text are looked at, the trees are never walked whole).
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
        foreach (var token in NameTokens.In(_compilation, name, cancellationToken))
        {
            if (SiteAt(token) is { } site)
            {
                (sites ??= new List<SyntaxNode>()).Add(site);
            }
        }

        return sites ?? (IReadOnlyList<SyntaxNode>)Array.Empty<SyntaxNode>();
    }

    /// <summary>
    /// The call site the name token belongs to: the invocation whose invoked expression ends in it, or the argument
    /// expression (a method group) it is.
    /// </summary>
    private static ExpressionSyntax? SiteAt(SyntaxToken token)
    {
        if (token.Parent is not (IdentifierNameSyntax or GenericNameSyntax) || token.Parent is not ExpressionSyntax nameNode)
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
