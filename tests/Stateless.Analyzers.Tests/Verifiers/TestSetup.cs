using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Stateless.Analyzers.Tests.Verifiers;

/// <summary>What every analyzer and code-fix test shares: offline references, latest language, an editorconfig.</summary>
internal static class TestSetup
{
    public static void Apply(SolutionState state, System.Collections.Generic.List<System.Func<Solution, ProjectId, Solution>> transforms, string? editorConfig)
    {
        state.AdditionalReferences.AddRange(TestReferences.Metadata);
        if (editorConfig is not null)
        {
            state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
        }

        transforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest);
            var compilationOptions = ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable);
            return solution.WithProjectParseOptions(projectId, parseOptions).WithProjectCompilationOptions(projectId, compilationOptions);
        });
    }

    /// <summary>
    /// Disables every rule of <paramref name="analyzer"/> but <paramref name="id"/>, so a test of one rule of a
    /// multi-rule analyzer states exactly that rule's diagnostics; a null <paramref name="id"/> disables nothing.
    /// </summary>
    public static void DisableOtherRules(List<string> disabled, DiagnosticAnalyzer analyzer, string? id)
    {
        if (id is null)
        {
            return;
        }

        disabled.AddRange(analyzer.SupportedDiagnostics.Select(d => d.Id).Where(other => other != id).Distinct());
    }
}
