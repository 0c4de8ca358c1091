using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// The value a read-only field or get-only auto-property is initialized with, when its declaration is in the same
/// syntax tree as the reading operation and no constructor of its type assigns it. Reads the initializer through the
/// semantic model the reading operation came from (never <c>Compilation.GetSemanticModel</c>); anything else is unknown.
/// </summary>
internal static class DeclaredValues
{
    /// <summary><see cref="InitializerOf"/> as the member-value hook of <see cref="ConstantFolding"/> (one delegate, not one per call).</summary>
    public static readonly Func<IOperation, IOperation?> Lookup = InitializerOf;

    public static IOperation? InitializerOf(IOperation reference)
    {
        var model = reference.SemanticModel;
        if (model is null)
        {
            return null;
        }

        switch (reference)
        {
            case IFieldReferenceOperation { Field: { IsConst: false, IsReadOnly: true } field }:
                foreach (var syntaxReference in field.DeclaringSyntaxReferences)
                {
                    if (syntaxReference.SyntaxTree == model.SyntaxTree
                        && syntaxReference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value }
                        && !AssignedInType(value, field.Name))
                    {
                        return model.GetOperation(value);
                    }
                }

                return null;

            case IPropertyReferenceOperation { Property: { IsIndexer: false, SetMethod: null } property }:
                foreach (var syntaxReference in property.DeclaringSyntaxReferences)
                {
                    if (syntaxReference.SyntaxTree != model.SyntaxTree || syntaxReference.GetSyntax() is not PropertyDeclarationSyntax declaration)
                    {
                        continue;
                    }

                    if (declaration.ExpressionBody?.Expression is { } body && IsLiteralLike(body))
                    {
                        return model.GetOperation(body);
                    }

                    if (declaration.Initializer?.Value is { } value && IsAutoGetOnly(declaration) && !AssignedInType(value, property.Name))
                    {
                        return model.GetOperation(value);
                    }
                }

                return null;

            default:
                return null;
        }
    }

    private static bool IsLiteralLike(ExpressionSyntax expression) =>
        expression is LiteralExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
            or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or InvocationExpressionSyntax
            or MemberAccessExpressionSyntax or BinaryExpressionSyntax;

    private static bool IsAutoGetOnly(PropertyDeclarationSyntax declaration)
    {
        if (declaration.AccessorList is not { } accessors)
        {
            return false;
        }

        foreach (var accessor in accessors.Accessors)
        {
            if (!accessor.IsKind(SyntaxKind.GetAccessorDeclaration) || accessor.Body is not null || accessor.ExpressionBody is not null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Is a member of this name assigned anywhere in the type that declares <paramref name="initializer"/> (a constructor)?</summary>
    private static bool AssignedInType(SyntaxNode initializer, string name)
    {
        var type = initializer.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (type is null)
        {
            return false;
        }

        foreach (var node in type.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax assignment && NameOf(assignment.Left) is { } target && string.Equals(target, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        _ => null,
    };
}
