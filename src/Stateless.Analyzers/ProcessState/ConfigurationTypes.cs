using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// Types that configure the process rather than hold a client's data: options and settings classes, configuration
/// objects, factories, credentials and builders, recognised by the naming convention .NET code follows for them
/// (<c>JwtOptions</c>, <c>ServerConfiguration</c>, <c>ConnectionFactory</c>). Their members are never request
/// identity, and replacing one (a configuration reload) is not client state.
/// </summary>
internal static class ConfigurationTypes
{
    private static readonly string[] Suffixes = { "Options", "Settings", "Configuration", "Config", "Factory", "Credential", "Credentials", "Builder" };

    public static bool IsConfigurationType(ITypeSymbol? type)
    {
        if (type is IArrayTypeSymbol array)
        {
            type = array.ElementType;
        }

        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Interface or TypeKind.Struct } named)
        {
            return false;
        }

        foreach (var suffix in Suffixes)
        {
            if (named.Name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <see cref="IsConfigurationType"/> for the type or one of its base classes, or a class named for configuration first
    /// (<c>ConfigurationDataUserPasskey</c>, whose <c>Username</c> is this process's account on another system). Used for
    /// request identity, where a member of such an object is never the caller's.
    /// </summary>
    public static bool IsConfigurationTypeOrDerived(INamedTypeSymbol type)
    {
        foreach (var current in TypeHierarchy.BaseTypesAndSelf(type))
        {
            if (current.SpecialType == SpecialType.System_Object)
            {
                break;
            }

            var name = current.TypeKind == TypeKind.Interface && current.Name.Length > 1 && current.Name[0] == 'I' && char.IsUpper(current.Name[1])
                ? current.Name.Substring(1)
                : current.Name;
            if (IsConfigurationType(current) || StartsWithWord(name, "Configuration") || StartsWithWord(name, "Config"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A value read from the process's configuration: a member of a configuration object (<c>configFileProvider.ApiKey</c>,
    /// <c>options.Value.UrlBase</c>, <c>configuration["Jwt:Key"]</c>) or the result of a call on one. Every replica reads
    /// the same value from its own configuration, so a static that only ever receives such values mirrors configuration.
    /// </summary>
    public static bool IsConfigurationValue(IOperation? value)
    {
        value = value?.WithoutConversions();
        var (member, instance) = value switch
        {
            IPropertyReferenceOperation property => ((ISymbol?)property.Property, property.Instance),
            IFieldReferenceOperation field => (field.Field, field.Instance),
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null)),
            _ => (null, null),
        };

        return member is not null
            && instance?.WithoutConversions()?.Type is INamedTypeSymbol instanceType
            && IsConfigurationTypeOrDerived(instanceType);
    }

    /// <summary><c>ConfigurationData</c> starts with the word <c>Configuration</c>; <c>Configurator</c> and <c>Configured</c> do not.</summary>
    private static bool StartsWithWord(string name, string word) =>
        name.StartsWith(word, StringComparison.Ordinal) && name.Length > word.Length && char.IsUpper(name[word.Length]);
}
