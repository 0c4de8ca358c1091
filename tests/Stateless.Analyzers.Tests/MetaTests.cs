using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.Tests.Verifiers;

namespace Stateless.Analyzers.Tests;

/// <summary>
/// Package-wide invariants: IDs, descriptors, rule pages (the one place their skeleton is checked), a rule found by its
/// ID, release tracking, exports, robustness.
/// </summary>
public class MetaTests
{
    private static readonly Regex IdPattern = new("^STL[1-9][0-9]{3}$", RegexOptions.CultureInvariant);

    [Fact]
    public void Catalog_has_analyzers_and_fixers()
    {
        Assert.NotEmpty(AnalyzerCatalog.Analyzers);
        Assert.NotEmpty(AnalyzerCatalog.CodeFixTypes);
        Assert.Contains(AnalyzerCatalog.SupportedDescriptors, d => d.Id == DiagnosticIds.STL1001_MutableStaticStateInHandler);
    }

    [Fact]
    public void Ids_are_well_formed_unique_and_declared_in_DiagnosticIds()
    {
        var declared = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.All(declared, id => Assert.Matches(IdPattern, id));
        Assert.Equal(declared.Count, declared.Distinct(StringComparer.Ordinal).Count());

        foreach (var group in AnalyzerCatalog.SupportedDescriptors.GroupBy(d => d.Id))
        {
            Assert.Contains(group.Key, declared);
            Assert.True(group.Count() == 1, $"{group.Key} has {group.Count()} different descriptors; share one instance from Descriptors");
        }
    }

    [Fact]
    public void Every_descriptor_in_Descriptors_is_supported_by_an_analyzer()
    {
        var declared = typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

        Assert.NotEmpty(declared);
        foreach (var descriptor in declared)
        {
            Assert.True(AnalyzerCatalog.SupportedDescriptors.Contains(descriptor), $"{descriptor.Id} is declared but no analyzer supports it");
        }
    }

    [Theory]
    [MemberData(nameof(AnalyzerCatalog.SupportedIds), MemberType = typeof(AnalyzerCatalog))]
    public void Descriptor_has_help_link_doc_page_and_well_formed_texts(string id)
    {
        var descriptor = AnalyzerCatalog.SupportedDescriptors.Single(d => d.Id == id);
        Assert.Equal(Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);

        var title = descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.False(title.EndsWith('.'), $"{id}: a title has no final period");
        Assert.True(char.IsUpper(title[0]), $"{id}: a title is in sentence case");
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{id}: a description is required");

        Assert.True(File.Exists(RulePages.PathOf(id)), $"{id}: the help link points to {RulePages.PathOf(id)}, which does not exist");
    }

    [Theory]
    [MemberData(nameof(AnalyzerCatalog.SupportedIds), MemberType = typeof(AnalyzerCatalog))]
    public void Rule_page_has_the_heading_table_and_required_sections(string id)
    {
        var descriptor = AnalyzerCatalog.SupportedDescriptors.Single(d => d.Id == id);
        var page = RulePages.PathOf(id);
        Assert.True(File.Exists(page), $"missing doc page {page}");
        var lines = File.ReadAllLines(page);

        Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
        var rows = RulePages.TableRows.Select(row => Array.FindIndex(lines, line => line.StartsWith($"| {row} |", StringComparison.Ordinal))).ToList();
        var sections = RulePages.RequiredSections.Select(section => Array.IndexOf(lines, section)).ToList();
        Assert.All(RulePages.TableRows.Zip(rows), row => Assert.True(row.Second > 0, $"{id}: the table has no '{row.First}' row"));
        Assert.All(RulePages.RequiredSections.Zip(sections), section => Assert.True(section.Second > 0, $"{id}: the page has no '{section.First}' section"));
        var order = rows.Concat(sections).ToList();
        Assert.True(order.SequenceEqual(order.OrderBy(i => i)), $"{id}: the table rows and sections are not in the order {string.Join(", ", RulePages.TableRows.Concat(RulePages.RequiredSections))}");

        Assert.Equal(descriptor.Category, RulePages.TableValue(lines, "Category"));
        Assert.Equal(descriptor.DefaultSeverity.ToString(), RulePages.TableValue(lines, "Default severity"));
        var codeFix = RulePages.TableValue(lines, "Code fix")!;
        var fixable = FixersOf(id).Any();
        Assert.True(codeFix.StartsWith(fixable ? "Yes" : "No", StringComparison.Ordinal), $"{id}: the Code fix row says '{codeFix}', but {(fixable ? "a fixer fixes it" : "no fixer fixes it")}");
    }

    [Fact]
    public void Every_rule_page_belongs_to_a_rule()
    {
        var pages = Directory.EnumerateFiles(RepositoryPaths.Combine("docs", "rules"), "*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(AnalyzerCatalog.SupportedDescriptors.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal), pages);
    }

    [Fact]
    public void Descriptors_and_ids_are_named_by_their_ID()
    {
        foreach (var field in typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(DiagnosticDescriptor)))
        {
            var id = ((DiagnosticDescriptor)field.GetValue(null)!).Id;
            Assert.True(field.Name.StartsWith(id + "_", StringComparison.Ordinal), $"Descriptors.{field.Name} reports {id}: name it {id}_<Meaning>");
        }

        foreach (var field in typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            var id = (string)field.GetRawConstantValue()!;
            Assert.True(field.Name.StartsWith(id + "_", StringComparison.Ordinal), $"DiagnosticIds.{field.Name} is {id}: name it {id}_<Meaning>");
        }
    }

    /// <summary>
    /// One search for an ID finds the rule: the analyzer that reports it (through its descriptor's name), its page, a
    /// test file named by it, and the fixer of every fix for it (through its <see cref="DiagnosticIds"/> name).
    /// </summary>
    [Theory]
    [MemberData(nameof(AnalyzerCatalog.SupportedIds), MemberType = typeof(AnalyzerCatalog))]
    public void Rule_is_found_by_its_ID(string id)
    {
        var analyzers = AnalyzerCatalog.Analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == id)).Select(a => a.GetType()).ToList();
        Assert.NotEmpty(analyzers);
        foreach (var analyzer in analyzers)
        {
            var sources = RulePages.SourcesOf(analyzer, "src", "Stateless.Analyzers");
            Assert.True(sources.Any(text => text.Contains("Descriptors." + id + "_", StringComparison.Ordinal)), $"{analyzer.Name}'s source does not name {id} (Descriptors.{id}_…)");
        }

        Assert.True(File.Exists(RulePages.PathOf(id)), $"missing doc page {RulePages.PathOf(id)}");
        Assert.True(RulePages.TestFilesOf(id).Count > 0, $"no test file named {id}_<Meaning>Tests.cs under tests/Stateless.Analyzers.Tests");

        foreach (var fixer in FixersOf(id))
        {
            var sources = RulePages.SourcesOf(fixer, "src", "Stateless.CodeFixes");
            Assert.True(sources.Any(text => text.Contains("DiagnosticIds." + id + "_", StringComparison.Ordinal)), $"{fixer.Name} fixes {id} but its source does not name it (DiagnosticIds.{id}_…)");
        }
    }

    [Theory]
    [MemberData(nameof(AnalyzerCatalog.SupportedIds), MemberType = typeof(AnalyzerCatalog))]
    public void Descriptor_is_in_the_release_files_with_the_same_category_and_severity(string id)
    {
        var descriptor = AnalyzerCatalog.SupportedDescriptors.Single(d => d.Id == id);
        var entries = ReleaseEntries();
        Assert.True(entries.TryGetValue(id, out var entry), $"{id} is missing from AnalyzerReleases.*.md");
        Assert.Equal(descriptor.Category, entry.Category);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), entry.Severity);
    }

    [Fact]
    public void Analyzers_and_fixers_are_public_sealed()
    {
        foreach (var type in AnalyzerCatalog.AnalyzerTypes.Concat(AnalyzerCatalog.CodeFixTypes))
        {
            Assert.True(type.IsPublic && type.IsSealed, $"{type.FullName} must be public sealed");
        }

        foreach (var type in AnalyzerCatalog.AnalyzerTypes)
        {
            var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
            Assert.NotNull(attribute);
            Assert.Equal(new[] { LanguageNames.CSharp }, attribute!.Languages);
        }
    }

    [Fact]
    public void Fixers_are_exported_with_a_name_shared_and_fix_supported_ids()
    {
        var supported = AnalyzerCatalog.SupportedDescriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var type in AnalyzerCatalog.CodeFixTypes)
        {
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal(type.Name, export!.Name);
            Assert.Contains(LanguageNames.CSharp, export.Languages);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());

            var fixer = (CodeFixProvider)Activator.CreateInstance(type)!;
            Assert.NotEmpty(fixer.FixableDiagnosticIds);
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, supported));
            Assert.NotNull(fixer.GetFixAllProvider());
        }
    }

    public static IEnumerable<object[]> BrokenSources() => new[]
    {
        new object[] { "empty", string.Empty },
        new object[] { "garbage", "}}}{{{ ;;; class" },
        new object[] { "half-typed controller", "using Microsoft.AspNetCore.Mvc; public class AController : ControllerBase { private static readonly System.Collections.Generic.Dictionary<string, int> X = new(" },
        new object[] { "error types", "public class BController : Microsoft.AspNetCore.Mvc.ControllerBase { static Missing M = new Missing(); static int N = Undefined(); }" },
        new object[] { "top-level statements", "var builder = WebApplication.CreateBuilder(args); var app = builder.Build(); var hits = 0; app.MapGet(\"/\", () => hits++); app.Run(" },
        new object[] { "half-typed jwt", "using Microsoft.IdentityModel.Tokens; class C { void M() { var p = new TokenValidationParameters { ValidateLifetime = , ClockSkew = TimeSpan.From" },
        new object[] { "partial without body", "public partial class CHub : Microsoft.AspNetCore.SignalR.Hub { static partial void M(); static System.Collections.Generic.List<int> L" },
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Every_analyzer_survives_empty_and_broken_source(string name, string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: name + ".cs");
        var compilation = CSharpCompilation.Create(
            "Broken",
            new[] { tree },
            TestReferences.Metadata,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {exception}"); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);

        var withAnalyzers = compilation.WithAnalyzers(AnalyzerCatalog.Analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    private static IEnumerable<Type> FixersOf(string id) => AnalyzerCatalog.CodeFixTypes
        .Where(type => ((CodeFixProvider)Activator.CreateInstance(type)!).FixableDiagnosticIds.Contains(id));

    private static Dictionary<string, (string Category, string Severity)> ReleaseEntries()
    {
        var entries = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            foreach (var line in File.ReadLines(RepositoryPaths.Combine(file)))
            {
                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length >= 3 && IdPattern.IsMatch(cells[0]))
                {
                    entries[cells[0]] = (cells[1], cells[2]);
                }
            }
        }

        return entries;
    }
}
