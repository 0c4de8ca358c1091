using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Stateless.CodeFixes;

/// <summary>
/// The Fix All of every fixer of the package: it applies each diagnostic's <em>settled</em> fix (the one fix the code
/// decides; never one of several choices) and finds the diagnostics again after every edit.
/// </summary>
/// <remarks>
/// <c>dotnet format analyzers</c> computes diagnostics, then hands each fixer's Fix All the diagnostics of one ID on
/// a solution that the fixers of other IDs may already have changed; the IDE hands it the diagnostics of one moment.
/// Trusting those spans would skip or misplace fixes whenever two fixes meet in one file. So per document the
/// provider runs the analyzer on the document as it is, applies the settled fix of the first diagnostic (in source
/// order), and repeats until no diagnostic of the requested IDs has one. The equivalence key of the action Fix All was
/// started from is not used: which action a tool happened to see first must not change the result, and a choice
/// (the family of a key of unknown type) is never applied to other diagnostics.
/// </remarks>
internal sealed class SettledFixAll : FixAllProvider
{
    private readonly CodeFixProvider _fixer;
    private readonly Func<DiagnosticAnalyzer> _analyzer;
    private readonly ImmutableHashSet<string> _settledKeys;

    /// <param name="fixer">The fixer whose registered actions are applied.</param>
    /// <param name="analyzer">Creates the analyzer that reports the fixer's diagnostic IDs.</param>
    /// <param name="settledKeys">Equivalence keys of the actions that are the only right fix of their diagnostic.</param>
    public SettledFixAll(CodeFixProvider fixer, Func<DiagnosticAnalyzer> analyzer, params string[] settledKeys)
    {
        _fixer = fixer;
        _analyzer = analyzer;
        _settledKeys = ImmutableHashSet.Create(StringComparer.Ordinal, settledKeys);
    }

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    /// <summary>Null when no diagnostic of the scope has a settled fix (only choices are left), so no empty action is offered.</summary>
    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var solution = await FixAsync(fixAllContext, fixAllContext.CancellationToken).ConfigureAwait(false);
        if (!solution.GetChanges(fixAllContext.Solution).GetProjectChanges().Any(p => p.GetChangedDocuments().Any()))
        {
            return null;
        }

        var title = fixAllContext.Scope switch
        {
            FixAllScope.Document => "Fix all in document",
            FixAllScope.Project => "Fix all in project",
            _ => "Fix all in solution",
        };
        return CodeAction.Create(title, _ => Task.FromResult(solution), fixAllContext.CodeActionEquivalenceKey);
    }

    /// <summary>
    /// Settles every document of the scope that the context reports a diagnostic in. Those diagnostics only say which
    /// documents to visit (a tool matches them to documents by file path, whatever changed since); each document is
    /// analyzed again for the spans.
    /// </summary>
    private async Task<Solution> FixAsync(FixAllContext context, CancellationToken cancellationToken)
    {
        var documents = context.Scope switch
        {
            FixAllScope.Document when context.Document is not null => new[] { context.Document },
            FixAllScope.Project => context.Project.Documents.ToArray(),
            _ => context.Solution.Projects.Where(p => p.Language == LanguageNames.CSharp).SelectMany(p => p.Documents).ToArray(),
        };

        // Asked of the documents of the solution the context was made for: a tool's provider may key its diagnostics by that solution's projects.
        var toVisit = new List<Document>();
        foreach (var document in documents)
        {
            if (!(await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false)).IsEmpty)
            {
                toVisit.Add(document);
            }
        }

        var solution = context.Solution;
        foreach (var id in toVisit.OrderBy(d => d.FilePath, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal).Select(d => d.Id))
        {
            if (solution.GetDocument(id) is { } document
                && await SettleAsync(_fixer, _analyzer(), _settledKeys, document, context.DiagnosticIds, cancellationToken).ConfigureAwait(false) is { } settled
                && await settled.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is { } root)
            {
                solution = solution.WithDocumentSyntaxRoot(id, root);
            }
        }

        return solution;
    }

    /// <summary>Applies, one at a time in source order, the settled fix of each diagnostic of <paramref name="ids"/> in the document.</summary>
    private static async Task<Document?> SettleAsync(
        CodeFixProvider fixer,
        DiagnosticAnalyzer analyzer,
        ImmutableHashSet<string> settledKeys,
        Document document,
        ImmutableHashSet<string> ids,
        CancellationToken cancellationToken)
    {
        var original = document;

        // Each round fixes one diagnostic or stops; the bound only guards against a fix that re-creates its own diagnostic.
        var rounds = 0;
        var more = true;
        while (more && rounds++ < MaxRounds)
        {
            more = false;
            var diagnostics = await DiagnosticsAsync(analyzer, document, ids, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < diagnostics.Length; i++)
            {
                if (await ApplySettledAsync(fixer, settledKeys, document, diagnostics[i], cancellationToken).ConfigureAwait(false) is { } fixedDocument)
                {
                    // The ones before it have no settled fix; only when some follow is another look needed.
                    document = fixedDocument;
                    more = i < diagnostics.Length - 1;
                    break;
                }
            }
        }

        return document == original ? null : document;
    }

    private const int MaxRounds = 256;

    /// <summary>The analyzer's diagnostics of <paramref name="ids"/> in the document as it is now, in source order.</summary>
    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(DiagnosticAnalyzer analyzer, Document document, ImmutableHashSet<string> ids, CancellationToken cancellationToken)
    {
        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null || tree is null)
        {
            return ImmutableArray<Diagnostic>.Empty;
        }

        var options = new CompilationWithAnalyzersOptions(document.Project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var withAnalyzer = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options);
        var diagnostics = await withAnalyzer.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, cancellationToken).ConfigureAwait(false);
        return diagnostics
            .Where(d => ids.Contains(d.Id) && d.Location.SourceTree == tree && !d.IsSuppressed)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Location.SourceSpan.End)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>The document with the diagnostic's settled fix applied, or null when it has none or the fix changes nothing.</summary>
    private static async Task<Document?> ApplySettledAsync(CodeFixProvider fixer, ImmutableHashSet<string> settledKeys, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);

        var settled = actions.Where(a => a.EquivalenceKey is { } key && settledKeys.Contains(key)).ToList();
        if (settled.Count != 1)
        {
            return null;
        }

        foreach (var operation in await settled[0].GetOperationsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (operation is ApplyChangesOperation apply && apply.ChangedSolution.GetDocument(document.Id) is { } fixedDocument)
            {
                var before = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var after = await fixedDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
                return before.ContentEquals(after) ? null : fixedDocument;
            }
        }

        return null;
    }
}
