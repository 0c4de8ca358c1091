using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;
using static Stateless.Analyzers.TokenIssuance.IssuanceFixProperties;
using static Stateless.Analyzers.TokenIssuance.IssuanceOperations;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>STL3004's fix: where the jti claim of a token can be written (the claims collection, dictionary or a new <c>Claims</c> property).</summary>
internal static class JtiFixTargets
{
    /// <summary>A descriptor's jti target: its <c>Claims</c> dictionary, the claims collection of its <c>Subject</c>, or a new <c>Claims</c> property.</summary>
    public static ImmutableDictionary<string, string?> Descriptor(IssuanceTypes types, IObjectCreationOperation creation, Dictionary<string, IOperation> properties)
    {
        var result = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, DescriptorForm);
        if (properties.TryGetValue("Claims", out var claimsValue))
        {
            return DictionaryNode(claimsValue, 0) is { } dictionary
                ? result.Add(JtiKindProperty, JtiIntoDictionary).Add(JtiTargetProperty, SpanText(dictionary.Span))
                : result;
        }

        if (properties.TryGetValue("Subject", out var subjectValue))
        {
            if (IdentityCreation(types, subjectValue, 0) is not { } identity)
            {
                return result;
            }

            foreach (var argument in identity.Arguments)
            {
                if (IsPresent(argument) && argument.Value.Type?.SpecialType != SpecialType.System_String
                    && !TypeHierarchy.IsOrInheritsFrom(argument.Value.Type, types.GenericIdentity)
                    && CollectionNode(argument.Value, 0) is { } node)
                {
                    return result.Add(JtiKindProperty, JtiIntoCollection).Add(JtiTargetProperty, SpanText(node.Span));
                }
            }
        }

        return creation.Syntax is BaseObjectCreationExpressionSyntax
            ? result.Add(JtiKindProperty, JtiAsClaimsProperty).Add(JtiTargetProperty, SpanText(creation.Syntax.Span))
            : result;
    }

    private static IObjectCreationOperation? IdentityCreation(IssuanceTypes types, IOperation? value, int depth)
    {
        value = value.WithoutImplicitConversions();
        return value switch
        {
            IObjectCreationOperation creation when TypeHierarchy.IsOrInheritsFrom(creation.Type, types.ClaimsIdentity) => creation,
            ILocalReferenceOperation local when depth < 4 && ConstantFolding.SingleAssignment(local) is { } assigned => IdentityCreation(types, assigned, depth + 1),
            _ => null,
        };
    }

    /// <summary>The array, collection creation or collection expression a claims sequence starts from, if the method shows one.</summary>
    public static SyntaxNode? CollectionNode(IOperation? value, int depth)
    {
        value = value.WithoutImplicitConversions();
        if (value is null || depth > 4)
        {
            return null;
        }

        if (value.Syntax is CollectionExpressionSyntax collection)
        {
            return collection;
        }

        switch (value)
        {
            case IConversionOperation conversion:
                return CollectionNode(conversion.Operand, depth + 1);
            case IArrayCreationOperation { Initializer: not null } array:
                return array.Syntax;
            case IObjectCreationOperation { Type: INamedTypeSymbol { IsGenericType: true } } creation
                when creation.Syntax is BaseObjectCreationExpressionSyntax && (creation.Initializer is not null || creation.Arguments.IsEmpty):
                return creation.Syntax;
            case ILocalReferenceOperation local when ConstantFolding.SingleAssignment(local) is { } assigned:
                return CollectionNode(assigned, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" or "AsEnumerable", Instance: null, Arguments.Length: 1 } linq:
                return CollectionNode(linq.Arguments[0].Value, depth + 1);
            default:
                return null;
        }
    }

    private static SyntaxNode? DictionaryNode(IOperation? value, int depth)
    {
        value = value.WithoutImplicitConversions();
        return value switch
        {
            IObjectCreationOperation creation when creation.Syntax is BaseObjectCreationExpressionSyntax => creation.Syntax,
            ILocalReferenceOperation local when depth < 4 && ConstantFolding.SingleAssignment(local) is { } assigned => DictionaryNode(assigned, depth + 1),
            _ => null,
        };
    }
}
