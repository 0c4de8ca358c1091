using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Stateless.CodeFixes;

/// <summary>Adds member assignments (<c>X = …</c>) to object initializers, creating the initializer when there is none.</summary>
internal static class Initializers
{
    /// <summary>The members the fixes add. At the end of an initializer they are kept in ordinal order, so two fixes that each add one give the same code in either order.</summary>
    private static readonly string[] AddedMembers = { "Claims", "Expires", "ValidAlgorithms" };

    public static BaseObjectCreationExpressionSyntax AddMember(BaseObjectCreationExpressionSyntax creation, string name, ExpressionSyntax value)
    {
        var member = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(name), value);
        if (creation.Initializer is not { } initializer)
        {
            // new T() → new T() { X = … }, on the creation's line.
            var created = SyntaxFactory.InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(member),
                SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space));
            return creation.WithoutTrailingTrivia().WithInitializer(created).WithTrailingTrivia(creation.GetTrailingTrivia());
        }

        if (initializer.Expressions.Count == 0)
        {
            return creation.WithInitializer(initializer
                .WithOpenBraceToken(initializer.OpenBraceToken.WithTrailingTrivia(SyntaxFactory.Space))
                .WithExpressions(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(member))
                .WithCloseBraceToken(initializer.CloseBraceToken.WithLeadingTrivia(SyntaxFactory.Space)));
        }

        return creation.WithInitializer(initializer.WithExpressions(SyntaxLists.Insert(initializer.Expressions, InsertionIndex(initializer.Expressions, name), member)));
    }

    /// <summary>The end of the list, or before the first added member at its end whose name sorts after <paramref name="name"/>.</summary>
    private static int InsertionIndex(SeparatedSyntaxList<ExpressionSyntax> expressions, string name)
    {
        var index = expressions.Count;
        for (var i = expressions.Count - 1; i >= 0; i--)
        {
            if (expressions[i] is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax existing }
                || Array.IndexOf(AddedMembers, existing.Identifier.ValueText) < 0)
            {
                break;
            }

            if (string.CompareOrdinal(existing.Identifier.ValueText, name) > 0)
            {
                index = i;
            }
        }

        return index;
    }
}
