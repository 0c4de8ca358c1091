namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Metadata names of the framework types the rules recognise. Symbols are always matched by these names,
/// never by simple name. Split by area into partial files.
/// </summary>
internal static partial class MetadataNames
{
    public const string StatelessHandlerAttribute = "Stateless.Runtime.StatelessHandlerAttribute";
    public const string AllowProcessStateAttribute = "Stateless.Runtime.AllowProcessStateAttribute";
}
