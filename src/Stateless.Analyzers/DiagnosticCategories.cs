namespace Stateless.Analyzers;

/// <summary>
/// Categories are the catalog's section names in PascalCase, so they can be used in
/// <c>dotnet_analyzer_diagnostic.category-&lt;name&gt;.severity</c> keys of .editorconfig.
/// </summary>
public static class DiagnosticCategories
{
    public const string ProcessState = "ProcessState";
    public const string ScaleOut = "ScaleOut";
    public const string TokenValidation = "TokenValidation";
    public const string TokenIssuance = "TokenIssuance";
}
