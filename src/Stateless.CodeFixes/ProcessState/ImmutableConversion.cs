using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Stateless.Analyzers.ProcessState;

namespace Stateless.CodeFixes.ProcessState;

/// <summary>How one mutable collection type becomes its immutable counterpart: the new type and the new initializer.</summary>
internal sealed class ImmutableConversion
{
    private readonly string _conversionMethod;
    private readonly bool _passesComparer;

    private ImmutableConversion(TypeSyntax typeSyntax, string conversionMethod, bool passesComparer, INamedTypeSymbol elementHolder)
    {
        TypeSyntax = typeSyntax;
        _conversionMethod = conversionMethod;
        _passesComparer = passesComparer;
        ElementHolder = elementHolder;
    }

    public TypeSyntax TypeSyntax { get; }

    /// <summary>The static class that declares the conversion extension (for <c>ImmutableArray.Create</c>).</summary>
    private INamedTypeSymbol ElementHolder { get; }

    public static ImmutableConversion? Plan(ITypeSymbol fieldType, string target, Compilation compilation)
    {
        var typeArguments = fieldType switch
        {
            IArrayTypeSymbol array => new[] { array.ElementType },
            INamedTypeSymbol named => named.TypeArguments.ToArray(),
            _ => System.Array.Empty<ITypeSymbol>(),
        };

        var (typeName, holderName, method, passesComparer) = target switch
        {
            ImmutableTargets.FrozenDictionary => ("System.Collections.Frozen.FrozenDictionary`2", "System.Collections.Frozen.FrozenDictionary", "ToFrozenDictionary", true),
            ImmutableTargets.FrozenSet => ("System.Collections.Frozen.FrozenSet`1", "System.Collections.Frozen.FrozenSet", "ToFrozenSet", true),
            ImmutableTargets.ImmutableDictionary => ("System.Collections.Immutable.ImmutableDictionary`2", "System.Collections.Immutable.ImmutableDictionary", "ToImmutableDictionary", true),
            ImmutableTargets.ImmutableHashSet => ("System.Collections.Immutable.ImmutableHashSet`1", "System.Collections.Immutable.ImmutableHashSet", "ToImmutableHashSet", true),
            ImmutableTargets.ImmutableArray => ("System.Collections.Immutable.ImmutableArray`1", "System.Collections.Immutable.ImmutableArray", "ToImmutableArray", false),
            _ => (null, null, null, false),
        };

        if (typeName is null || holderName is null || method is null
            || compilation.GetTypeByMetadataName(typeName) is not { } definition
            || compilation.GetTypeByMetadataName(holderName) is not { } holder
            || definition.TypeParameters.Length != typeArguments.Length)
        {
            return null;
        }

        var constructed = definition.Construct(typeArguments);
        var typeSyntax = SyntaxFactory.ParseTypeName(constructed.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        return new ImmutableConversion(typeSyntax, method, passesComparer, holder);
    }

    /// <summary>The new initializer for <paramref name="value"/>, or null when it cannot be converted faithfully.</summary>
    public ExpressionSyntax? ConvertValue(ExpressionSyntax value, TypeSyntax declaredType, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (value)
        {
            case CollectionExpressionSyntax when _conversionMethod == "ToImmutableArray":
                return value; // ImmutableArray<T> is a collection-expression target itself
            case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ArrayInitializerExpression } arrayInitializer:
                // static int[] s = { 1, 2 };  →  ImmutableArray.Create(1, 2)
                return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, HolderSyntax(), SyntaxFactory.IdentifierName("Create")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arrayInitializer.Expressions.Select(SyntaxFactory.Argument))));
            case CollectionExpressionSyntax:
                return null;
        }

        var source = value;
        ArgumentSyntax? comparer = null;
        if (value is BaseObjectCreationExpressionSyntax creation)
        {
            if (creation.ArgumentList is { Arguments.Count: > 0 } arguments)
            {
                // Only a single comparer argument can be carried over; capacity or copy constructors are left alone.
                if (!_passesComparer || arguments.Arguments.Count != 1 || !IsComparer(arguments.Arguments[0].Expression, model, cancellationToken))
                {
                    return null;
                }

                comparer = arguments.Arguments[0].WithoutTrivia();
            }

            if (creation is ImplicitObjectCreationExpressionSyntax implicitCreation)
            {
                source = SyntaxFactory.ObjectCreationExpression(
                    SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                    declaredType.WithoutTrivia(),
                    implicitCreation.ArgumentList,
                    implicitCreation.Initializer);
            }
        }

        var receiver = source is ObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax
            or IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
            ? source.WithoutTrivia()
            : SyntaxFactory.ParenthesizedExpression(source.WithoutTrivia());

        var call = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(_conversionMethod)),
            comparer is null ? SyntaxFactory.ArgumentList() : SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(comparer)));
        return call.WithAdditionalAnnotations(Formatter.Annotation);
    }

    private NameSyntax HolderSyntax() =>
        SyntaxFactory.ParseName(ElementHolder.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    private static bool IsComparer(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        var type = model.GetTypeInfo(expression, cancellationToken).Type;
        return type is not null && type.AllInterfaces.Concat(type is INamedTypeSymbol { TypeKind: TypeKind.Interface } self ? new[] { self } : System.Array.Empty<INamedTypeSymbol>())
            .Any(i => i.OriginalDefinition.SpecialType == SpecialType.None
                && i.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IEqualityComparer<T>");
    }
}
