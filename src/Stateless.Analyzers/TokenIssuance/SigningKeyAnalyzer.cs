using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>
/// STL3005 (hard-coded signing key) and STL3006 (HMAC key under 256 bits) at the key constructors:
/// <c>SymmetricSecurityKey</c>, <c>RsaSecurityKey</c>, <c>ECDsaSecurityKey</c> and <c>JsonWebKey</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SigningKeyAnalyzer : FamilyAnalyzer
{
    private const int MinimumHmacBytes = 32;

    private static readonly string[] PrivateRsaParts = { "D", "P", "Q", "DP", "DQ", "InverseQ" };
    private static readonly string[] PrivateJwkParts = { "K", "D", "P", "Q", "DP", "DQ", "QI" };

    private static readonly (MetadataNameSet Types, string Member)[] EncryptionKeyUses =
        Array.ConvertAll(MetadataNames.EncryptionKeyUses, use => (new MetadataNameSet(new[] { use.Type }), use.Member));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.STL3005_HardCodedSigningKey, Descriptors.STL3006_SigningKeyTooShort);

    private protected override RuleFamily? Family => RuleFamily.TokenIssuance;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var types = WellKnownTypes.GetOrCreate(context.Compilation);
        var symmetric = types.Get(MetadataNames.SymmetricSecurityKey);
        var rsa = types.Get(MetadataNames.RsaSecurityKey);
        var ecdsa = types.Get(MetadataNames.ECDsaSecurityKey);
        var jwk = types.Get(MetadataNames.JsonWebKey);
        if (symmetric is null && rsa is null && ecdsa is null && jwk is null)
        {
            return;
        }

        var keys = new KeyMaterial(types);

        context.RegisterOperationAction(
            operationContext =>
            {
                var creation = (IObjectCreationOperation)operationContext.Operation;
                var type = creation.Type?.OriginalDefinition;
                if (type is null)
                {
                    return;
                }

                if (TypeHierarchy.IsOrInheritsFrom(type, symmetric))
                {
                    Symmetric(operationContext, creation, keys);
                }
                else if (TypeHierarchy.IsOrInheritsFrom(type, rsa) || TypeHierarchy.IsOrInheritsFrom(type, ecdsa))
                {
                    Asymmetric(operationContext, creation, keys);
                }
                else if (TypeHierarchy.IsOrInheritsFrom(type, jwk))
                {
                    JsonWebKey(operationContext, creation, keys);
                }
            },
            OperationKind.ObjectCreation);
    }

    private static void Symmetric(OperationAnalysisContext context, IObjectCreationOperation creation, KeyMaterial keys)
    {
        if (creation.Arguments.Length == 0 || keys.FoldBytes(creation.Arguments[0].Value) is not { } facts)
        {
            return;
        }

        var location = CreationLocations.Head(creation.Syntax);
        if (facts.HardCoded)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.STL3005_HardCodedSigningKey, location, "SymmetricSecurityKey", facts.Source ?? "a literal", Consequence(creation)));
        }

        if (facts.Bytes is { } bytes && bytes < MinimumHmacBytes)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.STL3006_SigningKeyTooShort,
                location,
                (bytes * 8).ToString(CultureInfo.InvariantCulture),
                bytes.ToString(CultureInfo.InvariantCulture) + (bytes == 1 ? " byte" : " bytes")));
        }
    }

    /// <summary>
    /// What a reader of the key can do: a key handed straight to an encryption use (<c>AddEncryptionKey(new
    /// SymmetricSecurityKey(…))</c>, <c>new EncryptingCredentials(key, …)</c>, <c>TokenDecryptionKey = …</c>) decrypts
    /// tokens; any other key may sign them.
    /// </summary>
    private static string Consequence(IObjectCreationOperation creation)
    {
        var use = creation.WithEnclosingImplicitConversions().Parent;
        var (type, member) = use switch
        {
            IArgumentOperation { Parent: IObjectCreationOperation { Constructor: { } constructor } } => (constructor.ContainingType, ".ctor"),
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { } method } } => (method.ContainingType, method.Name),
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } => (property.ContainingType, property.Name),
            _ => (null, null),
        };

        if (type is not null)
        {
            foreach (var encryption in EncryptionKeyUses)
            {
                if (encryption.Member == member && encryption.Types.ContainsSelfOrBase(type))
                {
                    return Descriptors.EncryptionKeyConsequence;
                }
            }
        }

        return Descriptors.SigningKeyConsequence;
    }

    private static void Asymmetric(OperationAnalysisContext context, IObjectCreationOperation creation, KeyMaterial keys)
    {
        if (creation.Arguments.Length == 0)
        {
            return;
        }

        var argument = creation.Arguments[0].Value;
        var source = IssuanceTypes.Is(argument.Type, keys.RsaParameters) || IssuanceTypes.Is(argument.Type, keys.EcParameters)
            ? PrivateParameters(argument, 0, keys)
            : ImportedPrivateKey(argument, 0, keys);
        if (source is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.STL3005_HardCodedSigningKey, CreationLocations.Head(creation.Syntax), creation.Type!.Name, source, Consequence(creation)));
        }
    }

    /// <summary>RSA/EC parameters whose private part (D, P, Q ...) is written in the source.</summary>
    private static string? PrivateParameters(IOperation? parameters, int depth, KeyMaterial keys)
    {
        parameters = parameters.WithoutImplicitConversions();
        switch (parameters)
        {
            case IObjectCreationOperation { Initializer: { } initializer }:
                foreach (var item in initializer.Initializers)
                {
                    if (item is ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation } assignment
                        && Array.IndexOf(PrivateRsaParts, MemberName(assignment.Target)) >= 0
                        && keys.FoldBytes(assignment.Value) is { HardCoded: true } facts)
                    {
                        return "private key parameters from " + facts.Source;
                    }
                }

                return null;
            case ILocalReferenceOperation local when depth < 4 && ConstantFolding.SingleAssignment(local) is { } assigned:
                return PrivateParameters(assigned, depth + 1, keys);
            default:
                return null;
        }
    }

    /// <summary>An RSA/ECDsa object (created in this method) into which a private key written in the source is imported.</summary>
    private static string? ImportedPrivateKey(IOperation? algorithm, int depth, KeyMaterial keys)
    {
        algorithm = algorithm.WithoutImplicitConversions();
        switch (algorithm)
        {
            case IInvocationOperation { TargetMethod: { Name: "Create", IsStatic: true }, Arguments.Length: 1 } create:
                return PrivateParameters(create.Arguments[0].Value, depth + 1, keys);
            case ILocalReferenceOperation local when depth < 4:
                {
                    var root = Root(local);
                    foreach (var operation in root.Descendants())
                    {
                        if (operation is IInvocationOperation { Instance: ILocalReferenceOperation target } import
                            && SymbolEqualityComparer.Default.Equals(target.Local, local.Local)
                            && ImportSource(import, keys) is { } source)
                        {
                            return source;
                        }
                    }

                    return ConstantFolding.SingleAssignment(local) is { } assigned ? ImportedPrivateKey(assigned, depth + 1, keys) : null;
                }

            default:
                return null;
        }
    }

    private static string? ImportSource(IInvocationOperation import, KeyMaterial keys)
    {
        if (import.Arguments.IsEmpty)
        {
            return null;
        }

        switch (import.TargetMethod.Name)
        {
            case "ImportFromPem":
                return KeyMaterial.FoldText(import.Arguments[0].Value) is { } pem && pem.Text.IndexOf("PRIVATE KEY", StringComparison.Ordinal) >= 0
                    ? "a PEM private key in " + pem.Source
                    : null;
            case "FromXmlString":
                return KeyMaterial.FoldText(import.Arguments[0].Value) is { } xml && xml.Text.IndexOf("<D>", StringComparison.Ordinal) >= 0
                    ? "an XML private key in " + xml.Source
                    : null;
            case "ImportRSAPrivateKey" or "ImportPkcs8PrivateKey" or "ImportECPrivateKey":
                return keys.FoldBytes(import.Arguments[0].Value) is { HardCoded: true } facts ? "a private key from " + facts.Source : null;
            case "ImportParameters":
                return PrivateParameters(import.Arguments[0].Value, 0, keys);
            default:
                return null;
        }
    }

    private static void JsonWebKey(OperationAnalysisContext context, IObjectCreationOperation creation, KeyMaterial keys)
    {
        string? source = null;
        if (creation.Arguments.Length == 1 && KeyMaterial.FoldText(creation.Arguments[0].Value) is { } json
            && (json.Text.IndexOf("\"k\"", StringComparison.Ordinal) >= 0 || json.Text.IndexOf("\"d\"", StringComparison.Ordinal) >= 0))
        {
            source = "a JSON Web Key with private material in " + json.Source;
        }

        if (source is null && creation.Initializer is { } initializer)
        {
            foreach (var item in initializer.Initializers)
            {
                if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                    && Array.IndexOf(PrivateJwkParts, property.Property.Name) >= 0
                    && KeyMaterial.FoldText(assignment.Value) is { } text)
                {
                    source = "a '" + property.Property.Name.ToLowerInvariant() + "' value from " + text.Source;
                    break;
                }
            }
        }

        if (source is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.STL3005_HardCodedSigningKey, CreationLocations.Head(creation.Syntax), "JsonWebKey", source, Consequence(creation)));
        }
    }

    private static string? MemberName(IOperation target) => target switch
    {
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation property => property.Property.Name,
        _ => null,
    };

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }
}
