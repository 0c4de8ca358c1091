using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Stateless.Analyzers.Tests;

/// <summary>Every analyzer and code fix the package ships, found by reflection.</summary>
internal static class AnalyzerCatalog
{
    public static Assembly AnalyzerAssembly => typeof(DiagnosticIds).Assembly;

    public static Assembly CodeFixAssembly => typeof(Stateless.CodeFixes.ProcessState.MutableStaticStateCodeFix).Assembly;

    public static ImmutableArray<Type> AnalyzerTypes { get; } = AnalyzerAssembly.GetTypes()
        .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToImmutableArray();

    public static ImmutableArray<Type> CodeFixTypes { get; } = CodeFixAssembly.GetTypes()
        .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToImmutableArray();

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        AnalyzerTypes.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();

    public static ImmutableArray<DiagnosticDescriptor> SupportedDescriptors { get; } = Analyzers
        .SelectMany(a => a.SupportedDiagnostics)
        .Distinct()
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    public static IEnumerable<object[]> SupportedIds() => SupportedDescriptors.Select(d => new object[] { d.Id }).Distinct();
}
