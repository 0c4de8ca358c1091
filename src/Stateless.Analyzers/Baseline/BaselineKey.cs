using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Stateless.Analyzers.Baseline;

/// <summary>
/// What identifies a finding in <c>stateless.baseline.json</c> without its line number: the member that encloses it
/// (namespace, types and member by name, from syntax) and a fingerprint of the rule, that member and the flagged code
/// (the span's text and the text of its first line, whitespace removed). Moving the code, or editing anything outside
/// the flagged line, keeps both; editing the flagged code itself makes it a new finding. <c>stateless-scan</c> writes
/// the keys and <see cref="BaselineSuppressor"/> computes them again, so both sides share this one definition.
/// </summary>
internal static class BaselineKey
{
    public const string TopLevelMember = "<top-level statements>";

    public static string Member(SyntaxTree tree, TextSpan span)
    {
        var root = tree.GetRoot();
        if (span.Start >= root.FullSpan.End)
        {
            return string.Empty;
        }

        var names = new List<string>();
        var node = root.FindToken(span.Start).Parent;
        var memberFound = false;
        for (; node is not null; node = node.Parent)
        {
            var name = NameOf(node, span.Start, memberFound);
            if (name is null)
            {
                continue;
            }

            memberFound |= node is MemberDeclarationSyntax or GlobalStatementSyntax;
            names.Add(name);
        }

        names.Reverse();
        return string.Join(".", names);
    }

    public static string Fingerprint(string ruleId, string member, SyntaxTree tree, TextSpan span)
    {
        var text = tree.GetText();
        var end = span.End <= text.Length ? span.End : text.Length;
        var start = span.Start <= end ? span.Start : end;
        var firstLine = text.Lines.GetLineFromPosition(start);
        var content = new StringBuilder()
            .Append(ruleId).Append('\n')
            .Append(member).Append('\n')
            .Append(WithoutWhitespace(text.ToString(TextSpan.FromBounds(start, end)))).Append('\n')
            .Append(WithoutWhitespace(text.ToString(firstLine.Span)));
        return Fnv1a64(content.ToString()).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? NameOf(SyntaxNode node, int position, bool memberFound)
    {
        switch (node)
        {
            case BaseNamespaceDeclarationSyntax ns:
                return ns.Name.ToString();
            case BaseTypeDeclarationSyntax type:
                return type is TypeDeclarationSyntax { TypeParameterList.Parameters.Count: > 0 } generic
                    ? type.Identifier.ValueText + "`" + generic.TypeParameterList!.Parameters.Count
                    : type.Identifier.ValueText;
            case DelegateDeclarationSyntax d:
                return d.Identifier.ValueText;
        }

        if (memberFound)
        {
            return null;
        }

        return node switch
        {
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            ConstructorDeclarationSyntax c => c.Modifiers.Any(SyntaxKind.StaticKeyword) ? ".cctor" : ".ctor",
            DestructorDeclarationSyntax => "Finalize",
            PropertyDeclarationSyntax p => p.Identifier.ValueText,
            EventDeclarationSyntax e => e.Identifier.ValueText,
            IndexerDeclarationSyntax => "this[]",
            OperatorDeclarationSyntax o => "op_" + o.OperatorToken.ValueText,
            ConversionOperatorDeclarationSyntax => "op_Conversion",
            BaseFieldDeclarationSyntax f => FieldName(f, position),
            EnumMemberDeclarationSyntax e => e.Identifier.ValueText,
            GlobalStatementSyntax => TopLevelMember,
            _ => null,
        };
    }

    private static string FieldName(BaseFieldDeclarationSyntax field, int position)
    {
        foreach (var variable in field.Declaration.Variables)
        {
            if (variable.FullSpan.Contains(position))
            {
                return variable.Identifier.ValueText;
            }
        }

        return field.Declaration.Variables.Count > 0 ? field.Declaration.Variables[0].Identifier.ValueText : string.Empty;
    }

    private static string WithoutWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }

        return hash;
    }
}
