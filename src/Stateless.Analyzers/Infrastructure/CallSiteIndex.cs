using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Every place in the compilation's source that may call a method of a given name: invocations
/// (<c>Register(x)</c>, <c>registry.Register(x)</c>, <c>registry?.Register(x)</c>) and names passed as
/// arguments (a method group handed to <c>Subscribe(OnMessage)</c>). Built from syntax alone, in one walk of the
/// trees, the first time a rule asks; the semantic model is consulted only for the few sites whose name matches.
/// </summary>
internal sealed class CallSiteIndex
{
    private readonly Dictionary<string, List<SyntaxNode>> _sites;

    private CallSiteIndex(Dictionary<string, List<SyntaxNode>> sites)
    {
        _sites = sites;
    }

    /// <summary>The invocation expressions and method-group argument expressions named <paramref name="name"/>.</summary>
    public IReadOnlyList<SyntaxNode> SitesNamed(string name) =>
        _sites.TryGetValue(name, out var sites) ? sites : Array.Empty<SyntaxNode>();

    public static CallSiteIndex Build(Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        var sites = new Dictionary<string, List<SyntaxNode>>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation when NameOf(invocation.Expression) is { } invoked:
                        Add(sites, invoked, invocation);
                        break;
                    case ArgumentSyntax { Expression: var expression } when expression is IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax
                        && NameOf(expression) is { } passed:
                        Add(sites, passed, expression);
                        break;
                }
            }
        }

        return new CallSiteIndex(sites);
    }

    private static void Add(Dictionary<string, List<SyntaxNode>> sites, string name, SyntaxNode node)
    {
        if (!sites.TryGetValue(name, out var list))
        {
            list = new List<SyntaxNode>();
            sites.Add(name, list);
        }

        list.Add(node);
    }

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };
}
