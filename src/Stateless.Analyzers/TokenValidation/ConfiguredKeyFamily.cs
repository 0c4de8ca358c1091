using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>The algorithm family of the signing key(s) a <c>TokenValidationParameters</c> configuration sets.</summary>
internal static class ConfiguredKeyFamily
{
    /// <summary>The family of the configured signing key(s) when all of them share one, else Unknown.</summary>
    public static AlgorithmFamily Of(ParametersConfiguration configuration, TokenValidationTypes types)
    {
        var families = new HashSet<AlgorithmFamily>();
        foreach (var setting in configuration.Settings)
        {
            if (setting.Name == "IssuerSigningKey")
            {
                families.Add(Of(setting.Value, types, 0));
            }
            else if (setting.Name == "IssuerSigningKeys")
            {
                foreach (var key in KeyElements(setting.Value))
                {
                    families.Add(Of(key, types, 0));
                }
            }
        }

        if (families.Count != 1)
        {
            return AlgorithmFamily.Unknown;
        }

        foreach (var family in families)
        {
            return family;
        }

        return AlgorithmFamily.Unknown;
    }

    public static AlgorithmFamily Of(IOperation? value, TokenValidationTypes types, int depth)
    {
        value = value.WithoutImplicitConversions();
        if (value is null)
        {
            return AlgorithmFamily.Unknown;
        }

        var family = types.KeyFamily(value.Type);
        if (family == AlgorithmFamily.Unknown && depth < 4 && value is ILocalReferenceOperation local && ConstantFolding.SingleAssignment(local) is { } assigned)
        {
            return Of(assigned, types, depth + 1);
        }

        return family;
    }

    /// <summary>The keys of an <c>IssuerSigningKeys</c> value (null for one not shown).</summary>
    public static IEnumerable<IOperation?> KeyElements(IOperation? value)
    {
        value = value.WithoutImplicitConversions();
        switch (value)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.ElementValues)
                {
                    yield return element;
                }

                break;
            case IObjectCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.Initializers)
                {
                    yield return element is IInvocationOperation { Arguments.Length: 1 } add ? add.Arguments[0].Value : null;
                }

                break;
            default:
                if (value?.Syntax is CollectionExpressionSyntax collection && value.SemanticModel is { } model)
                {
                    foreach (var element in collection.Elements)
                    {
                        yield return element is ExpressionElementSyntax expression ? model.GetOperation(expression.Expression) : null;
                    }
                }
                else
                {
                    yield return null;
                }

                break;
        }
    }
}
