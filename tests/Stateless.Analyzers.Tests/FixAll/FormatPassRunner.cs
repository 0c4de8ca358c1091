using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Stateless.Analyzers.Tests.Verifiers;

namespace Stateless.Analyzers.Tests.FixAll;

/// <summary>
/// Applies the package's fixes the way `dotnet format analyzers` does: one pass per diagnostic ID, in a given order;
/// each pass computes the ID's diagnostics, registers the fixes of the first one to take the equivalence key of its
/// first action, and runs the fixer's Fix All in solution scope on the solution earlier passes already changed.
/// </summary>
internal static class FormatPassRunner
{
    public static readonly ImmutableArray<CodeFixProvider> Fixers = AnalyzerCatalog.CodeFixTypes
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static ImmutableArray<string> FixableIds { get; } = Fixers.SelectMany(f => f.FixableDiagnosticIds).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToImmutableArray();

    /// <summary>The documents' text after one pass per ID of <paramref name="order"/>.</summary>
    public static async Task<ImmutableArray<string>> RunAsync(IReadOnlyList<string> sources, IEnumerable<string> order, CancellationToken cancellationToken = default)
    {
        var solution = CreateSolution(sources);
        foreach (var id in order)
        {
            var diagnostics = await DiagnosticsAsync(solution, cancellationToken, id).ConfigureAwait(false);
            if (diagnostics.IsEmpty)
            {
                continue;
            }

            var fixer = Fixers.Single(f => f.FixableDiagnosticIds.Contains(id));
            var first = diagnostics[0];
            var document = solution.GetDocument(first.Location.SourceTree)!;
            string? key = null;
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, first, (action, _) => key ??= action.EquivalenceKey, cancellationToken)).ConfigureAwait(false);

            var context = new FixAllContext(document, fixer, FixAllScope.Solution, key, new[] { id }, new FixedDiagnostics(diagnostics), cancellationToken);
            var fixAll = await fixer.GetFixAllProvider()!.GetFixAsync(context).ConfigureAwait(false);
            if (fixAll is null)
            {
                continue;
            }

            var operations = await fixAll.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        }

        var texts = ImmutableArray.CreateBuilder<string>();
        foreach (var document in solution.Projects.Single().Documents.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            texts.Add((await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString());
        }

        return texts.ToImmutable();
    }

    /// <summary>The fixable diagnostics the sources report, as "Test0.cs STL2001" in source order.</summary>
    public static async Task<ImmutableArray<string>> ReportedAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        var diagnostics = await DiagnosticsAsync(CreateSolution(sources), cancellationToken, FixableIds.ToArray()).ConfigureAwait(false);
        return diagnostics.Select(d => System.IO.Path.GetFileName(d.Location.SourceTree!.FilePath) + " " + d.Id).ToImmutableArray();
    }

    private static Solution CreateSolution(IReadOnlyList<string> sources)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Format", "Format", LanguageNames.CSharp)
                .WithParseOptions(new CSharpParseOptions(LanguageVersion.Latest))
                .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
                .WithMetadataReferences(TestReferences.Metadata));
        for (var i = 0; i < sources.Count; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Test{i}.cs", SourceText.From(sources[i]), filePath: $"/format/Test{i}.cs");
        }

        return solution;
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Solution solution, CancellationToken cancellationToken, params string[] ids)
    {
        var project = solution.Projects.Single();
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var analyzers = AnalyzerCatalog.Analyzers.Where(a => a.SupportedDiagnostics.Any(d => ids.Contains(d.Id))).ToImmutableArray();
        var diagnostics = await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        return diagnostics
            .Where(d => ids.Contains(d.Id))
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    /// <summary>The diagnostics of one moment, matched to documents by file path as dotnet format does.</summary>
    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath).ToArray());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
