using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// Files as a source of truth and as a durable store: reads (<c>File.ReadAllText</c>, <c>Directory.EnumerateFiles</c>,
/// <c>XDocument.Load</c>, <c>XmlSerializer.Deserialize</c>, <c>JsonSerializer.Deserialize(stream)</c>, a new
/// <c>FileStream</c>/<c>StreamReader</c>) and writes (<c>File.WriteAllText</c>, <c>XDocument.Save</c>,
/// <c>XmlSerializer.Serialize</c>, <c>JsonSerializer.Serialize(stream, …)</c>). Matched by namespace and type name.
/// </summary>
internal static class FileSources
{
    /// <summary>True for a call that reads a file or a stream into a value.</summary>
    public static bool IsFileRead(IMethodSymbol method)
    {
        var type = method.ContainingType;
        var name = method.Name;
        return Is(type, "System.IO", "File") && (name.StartsWith("Read", System.StringComparison.Ordinal) || name.StartsWith("Open", System.StringComparison.Ordinal))
            || Is(type, "System.IO", "Directory") && name is "EnumerateFiles" or "GetFiles"
            || (Is(type, "System.Xml.Linq", "XDocument") || Is(type, "System.Xml.Linq", "XElement")) && name is "Load" or "LoadAsync"
            || Is(type, "System.Xml.Serialization", "XmlSerializer") && name == "Deserialize"
            || Is(type, "System.Text.Json", "JsonSerializer") && name.StartsWith("Deserialize", System.StringComparison.Ordinal) && TakesStream(method);
    }

    /// <summary>True for a call that writes a value to a file or a stream.</summary>
    public static bool IsFileWrite(IMethodSymbol method)
    {
        var type = method.ContainingType;
        var name = method.Name;
        return Is(type, "System.IO", "File") && (name.StartsWith("Write", System.StringComparison.Ordinal) || name.StartsWith("Append", System.StringComparison.Ordinal))
            || (Is(type, "System.Xml.Linq", "XDocument") || Is(type, "System.Xml.Linq", "XElement")) && name is "Save" or "SaveAsync"
            || Is(type, "System.Xml.Serialization", "XmlSerializer") && name == "Serialize"
            || Is(type, "System.Text.Json", "JsonSerializer") && name.StartsWith("Serialize", System.StringComparison.Ordinal) && TakesStream(method);
    }

    /// <summary><c>new FileStream(path, …)</c>, <c>new StreamReader(path)</c>: a file opened for reading.</summary>
    public static bool OpensFile(IObjectCreationOperation creation) =>
        creation.Type is INamedTypeSymbol type && (Is(type, "System.IO", "FileStream") || Is(type, "System.IO", "StreamReader"));

    private static bool TakesStream(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            foreach (var type in TypeHierarchy.BaseTypesAndSelf(parameter.Type))
            {
                if (Is(type, "System.IO", "Stream"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Is(ITypeSymbol? type, string ns, string name) =>
        type is not null && type.Name == name && type.ContainingType is null && NamespaceNames.Is(type.ContainingNamespace, ns);
}
