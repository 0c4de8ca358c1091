using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers;

/// <summary>
/// All diagnostic descriptors. The class is split into one file per rule family
/// (<c>Descriptors.ProcessState.cs</c>, ...); every descriptor is created with
/// <c>new DiagnosticDescriptor(DiagnosticIds.X, ...)</c> so Roslyn's release-tracking analyzers can read it.
/// </summary>
public static partial class Descriptors
{
    /// <summary>Base address of the rule pages; each descriptor links to <c>docs/rules/&lt;ID&gt;.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/stateless-analyzers/stateless-analyzers/blob/main/docs/rules/";

    /// <summary>Tag for descriptors reported from compilation-end actions (they do not run live in the IDE).</summary>
    public const string CompilationEndTag = WellKnownDiagnosticTags.CompilationEnd;

    private static string HelpLink(string id) => HelpLinkBase + id + ".md";
}
