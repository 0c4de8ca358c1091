using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>What the analyzer knows about key bytes or key text: whether they are written in the source, and their length.</summary>
internal readonly struct KeyFacts
{
    public KeyFacts(bool hardCoded, string? source, int? bytes)
    {
        HardCoded = hardCoded;
        Source = source;
        Bytes = bytes;
    }

    /// <summary>The key material is written in the source (a literal, a const, a read-only field initialized with one).</summary>
    public bool HardCoded { get; }

    /// <summary>How it is written, for the message ("a string literal", "the constant 'Secret'").</summary>
    public string? Source { get; }

    /// <summary>The key length in bytes when it is known.</summary>
    public int? Bytes { get; }
}

/// <summary>A string known at compile time, and how the source spells it.</summary>
internal readonly struct KnownText
{
    public KnownText(string text, string source, bool fallback)
    {
        Text = text;
        Source = source;
        Fallback = fallback;
    }

    public string Text { get; }

    public string Source { get; }

    /// <summary>Only the fallback of <c>configuration["Key"] ?? "literal"</c>: hard-coded, but not the only possible value.</summary>
    public bool Fallback { get; }
}

/// <summary>
/// Folds signing-key material: <c>Encoding.*.GetBytes(text)</c>, <c>Convert.FromBase64String</c>,
/// <c>Convert.FromHexString</c>, <c>Base64UrlEncoder.DecodeBytes</c>, <c>"..."u8</c>, byte-array literals,
/// <c>new byte[n]</c>, <c>RandomNumberGenerator.GetBytes(n)</c>, <c>SHA256.HashData(...)</c>, through locals
/// assigned once, consts and read-only fields initialized in the same file.
/// </summary>
internal sealed class KeyMaterial
{
    private const int MaxDepth = 10;

    private readonly INamedTypeSymbol? _encoding;
    private readonly INamedTypeSymbol? _convert;
    private readonly INamedTypeSymbol? _base64UrlEncoder;
    private readonly INamedTypeSymbol? _randomNumberGenerator;

    public KeyMaterial(WellKnownTypes types)
    {
        _encoding = types.Get(MetadataNames.Encoding);
        _convert = types.Get(MetadataNames.Convert);
        _base64UrlEncoder = types.Get(MetadataNames.Base64UrlEncoder);
        _randomNumberGenerator = types.Get(MetadataNames.RandomNumberGenerator);
        RsaParameters = types.Get(MetadataNames.RsaParameters);
        EcParameters = types.Get(MetadataNames.ECParameters);
    }

    public INamedTypeSymbol? RsaParameters { get; }

    public INamedTypeSymbol? EcParameters { get; }

    public KeyFacts? FoldBytes(IOperation? operation, int depth = 0)
    {
        operation = operation.WithoutConversions();
        if (operation is null || depth > MaxDepth)
        {
            return null;
        }

        if (operation.Syntax is CollectionExpressionSyntax collection && operation.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
        {
            return new KeyFacts(collection.Elements.Count > 0, "a byte-array literal", collection.Elements.Count);
        }

        switch (operation)
        {
            case IArrayCreationOperation array when array.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }:
                return FoldByteArray(array);

            case IUtf8StringOperation utf8:
                return new KeyFacts(true, "a UTF-8 string literal", Encoding.UTF8.GetByteCount(utf8.Value));

            case ILocalReferenceOperation local when ConstantFolding.SingleAssignment(local) is { } assigned:
                return FoldBytes(assigned, depth + 1);

            case IFieldReferenceOperation or IPropertyReferenceOperation when DeclaredValues.InitializerOf(operation) is { } declared:
                return FoldBytes(declared, depth + 1) is { } facts
                    ? new KeyFacts(facts.HardCoded, facts.HardCoded ? DescribeMember(operation) + " (" + facts.Source + ")" : facts.Source, facts.Bytes)
                    : null;

            case ICoalesceOperation coalesce:
                return FoldBytes(coalesce.WhenNull, depth + 1) is { HardCoded: true } fallback
                    ? new KeyFacts(true, fallback.Source + " used when the configured value is missing", null)
                    : null;

            case IConditionalOperation conditional:
                return FoldConditional(conditional, depth);

            case IInvocationOperation invocation:
                return FoldCall(invocation, depth);

            default:
                return null;
        }
    }

    private KeyFacts? FoldCall(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        var arguments = invocation.Arguments;

        if (method.Name == "GetBytes" && arguments.Length == 1 && arguments[0].Value.Type?.SpecialType == SpecialType.System_String && TypeHierarchy.IsOrInheritsFrom(type, _encoding))
        {
            if (FoldText(arguments[0].Value) is not { } text)
            {
                return null;
            }

            int? count = text.Fallback ? null : ByteCount(invocation.Instance, text.Text);
            return new KeyFacts(true, text.Source, count);
        }

        if (method.IsStatic && IssuanceTypes.Is(type, _convert) && arguments.Length == 1 && FoldConvert(method.Name, arguments[0].Value, out var converted))
        {
            return converted;
        }

        if (method.IsStatic && IssuanceTypes.Is(type, _base64UrlEncoder) && method.Name == "DecodeBytes" && arguments.Length == 1)
        {
            return FoldText(arguments[0].Value) is { } text
                ? new KeyFacts(true, Base64Source(text), text.Fallback ? null : Base64Length(text.Text, url: true))
                : null;
        }

        if (method.IsStatic && method.Name == "GetBytes" && arguments.Length == 1 && IssuanceTypes.Is(type, _randomNumberGenerator))
        {
            return LifetimeFolding.TryFoldNumber(arguments[0].Value, out var random) && random >= 0 ? new KeyFacts(false, null, (int)random) : null;
        }

        if (method.IsStatic && method.Name == "HashData" && arguments.Length == 1 && NamespaceNames.IsDeclaredIn(type, "System.Security.Cryptography"))
        {
            return FoldHash(type, arguments[0].Value, depth);
        }

        if (method.Name == "ToArray" && arguments.Length == 0 && invocation.Instance is { } instance)
        {
            return FoldBytes(instance, depth + 1);
        }

        return null;
    }

    private static KeyFacts? FoldByteArray(IArrayCreationOperation array)
    {
        if (array.Initializer is { } initializer)
        {
            var constant = initializer.ElementValues.Length > 0;
            foreach (var element in initializer.ElementValues)
            {
                constant &= element.ConstantValue.HasValue;
            }

            return new KeyFacts(constant, "a byte-array literal", initializer.ElementValues.Length);
        }

        return array.DimensionSizes.Length == 1 && LifetimeFolding.TryFoldNumber(array.DimensionSizes[0], out var size) && size >= 0
            ? new KeyFacts(false, null, (int)size)
            : null;
    }

    /// <summary>A key chosen by a condition is hard-coded when either branch is.</summary>
    private KeyFacts? FoldConditional(IConditionalOperation conditional, int depth)
    {
        var whenTrue = FoldBytes(conditional.WhenTrue, depth + 1);
        var whenFalse = FoldBytes(conditional.WhenFalse, depth + 1);
        if (whenTrue is { HardCoded: true } || whenFalse is { HardCoded: true })
        {
            return new KeyFacts(true, (whenTrue is { HardCoded: true } ? whenTrue : whenFalse)!.Value.Source, null);
        }

        return null;
    }

    /// <summary>
    /// <c>Convert.FromBase64String</c>/<c>FromHexString</c> of a text: true with its facts (null when the text is not
    /// spelled out), false for any other <c>Convert</c> method.
    /// </summary>
    private static bool FoldConvert(string name, IOperation input, out KeyFacts? result)
    {
        if (FoldText(input) is not { } text)
        {
            result = null;
            return true;
        }

        switch (name)
        {
            case "FromBase64String":
                result = new KeyFacts(true, Base64Source(text), text.Fallback ? null : Base64Length(text.Text, url: false));
                return true;
            case "FromHexString":
                result = new KeyFacts(true, text.Source, text.Fallback ? null : text.Text.Trim().Length / 2);
                return true;
        }

        result = null;
        return false;
    }

    /// <summary><c>SHA256.HashData(bytes)</c> and friends: the hash's length, hard-coded when its input is.</summary>
    private KeyFacts? FoldHash(INamedTypeSymbol type, IOperation input, int depth)
    {
        int? hashLength = type.Name switch
        {
            "SHA256" => 32,
            "SHA384" => 48,
            "SHA512" => 64,
            "SHA1" => 20,
            "MD5" => 16,
            _ => null,
        };
        var folded = FoldBytes(input, depth + 1);
        return folded is { HardCoded: true }
            ? new KeyFacts(true, "a hash of " + folded.Value.Source, hashLength)
            : hashLength is null ? null : new KeyFacts(false, null, hashLength);
    }

    /// <summary>A string the source spells out: a literal, a const, a local or read-only field holding one, or a literal fallback.</summary>
    public static KnownText? FoldText(IOperation? operation, int depth = 0)
    {
        if (operation is null || depth > MaxDepth)
        {
            return null;
        }

        var stripped = operation.WithoutConversions()!;
        if (stripped.ConstantValue is { HasValue: true, Value: string constant } && constant.Length > 0)
        {
            return new KnownText(constant, DescribeConstant(stripped), fallback: false);
        }

        switch (stripped)
        {
            case ILocalReferenceOperation local when ConstantFolding.SingleAssignment(local) is { } assigned:
                return FoldText(assigned, depth + 1);
            case IFieldReferenceOperation or IPropertyReferenceOperation when DeclaredValues.InitializerOf(stripped) is { } initializer:
                return FoldText(initializer, depth + 1) is { } text ? new KnownText(text.Text, DescribeMember(stripped), text.Fallback) : null;
            case ICoalesceOperation coalesce when FoldText(coalesce.WhenNull, depth + 1) is { } fallback:
                return new KnownText(fallback.Text, fallback.Source + " used when the configured value is missing", fallback: true);
            default:
                return null;
        }
    }

    private static string DescribeConstant(IOperation operation) => operation switch
    {
        IFieldReferenceOperation field => "the constant '" + field.Field.Name + "'",
        ILocalReferenceOperation local => "the constant '" + local.Local.Name + "'",
        _ => "a string literal",
    };

    private static string DescribeMember(IOperation operation) => operation switch
    {
        IFieldReferenceOperation { Field: var field } => "the " + (field.IsStatic ? "static readonly" : "readonly") + " field '" + field.Name + "'",
        IPropertyReferenceOperation { Property: var property } => "the property '" + property.Name + "'",
        _ => "a member",
    };

    private static string Base64Source(KnownText text) =>
        text.Source == "a string literal" ? "a Base64 string literal" : text.Source;

    private static int? Base64Length(string text, bool url)
    {
        var trimmed = text.Trim();
        if (url)
        {
            trimmed = trimmed.Replace('-', '+').Replace('_', '/');
            trimmed = trimmed.PadRight(trimmed.Length + ((4 - (trimmed.Length % 4)) % 4), '=');
        }

        try
        {
            return Convert.FromBase64String(trimmed).Length;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private int? ByteCount(IOperation? encoding, string text)
    {
        encoding = encoding.WithoutImplicitConversions();
        var name = encoding switch
        {
            IPropertyReferenceOperation { Instance: null, Property: var property } when IssuanceTypes.Is(property.ContainingType, _encoding) => property.Name,
            IObjectCreationOperation { Type: { } created } => created.Name,
            _ => null,
        };

        return name switch
        {
            "UTF8" or "Default" or "UTF8Encoding" => Encoding.UTF8.GetByteCount(text),
            "ASCII" or "ASCIIEncoding" or "Latin1" => text.Length,
            "Unicode" or "BigEndianUnicode" or "UnicodeEncoding" => text.Length * 2,
            "UTF32" or "UTF32Encoding" => Encoding.UTF32.GetByteCount(text),
            _ => null,
        };
    }
}
