using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Does this compilation get diagnostics of a rule family? The one answer every analyzer asks first at compilation
/// start (README "Where the rules look"):
/// <list type="bullet">
/// <item><b>Test code</b> — <c>build_property.IsTestProject = true</c> (the package makes <c>IsTestProject</c> a
/// <c>CompilerVisibleProperty</c>) or a reference to a test framework (<see cref="MetadataNames.TestFrameworkAssemblies"/>)
/// — gets no STL diagnostic unless <c>stateless_analyze_test_code = true</c> (global options or any tree's options).
/// References are the robust signal: they are there in every build, with or without the MSBuild property, and a
/// production project never references a test framework.</item>
/// <item><b>Client applications</b> get no process-state (STL10xx) or scale-out (STL11xx) diagnostic: an application
/// (console, Windows; not test code, whose entry point the test SDK generates) that references no ASP.NET Core and can declare no handler (no handler framework referenced,
/// no <c>stateless_handler_types</c>), or any compilation that references a desktop UI framework (or sets
/// <c>UseWPF</c>/<c>UseWindowsForms</c>/<c>UseMaui</c>) and no ASP.NET Core. It serves one user or one job: its
/// singletons and statics are its memory, not per-client state. A compilation that references an ASP.NET Core client
/// (the SignalR client, Blazor WebAssembly or WebView) and no ASP.NET Core server assembly is a client too, library or not.
/// Other class libraries stay in scope: a server may host them.</item>
/// <item><b>Browser clients</b> (Blazor WebAssembly) get no STL diagnostic at all.</item>
/// </list>
/// Computed once per compilation from the referenced assembly names, the output kind and a few options; no symbol is
/// bound.
/// </summary>
internal sealed class AnalysisScope
{
    public const string IsTestProjectKey = "build_property.IsTestProject";
    public const string UseWpfKey = "build_property.UseWPF";
    public const string UseWindowsFormsKey = "build_property.UseWindowsForms";
    public const string UseMauiKey = "build_property.UseMaui";

    private static readonly ConditionalWeakTable<Compilation, AnalysisScope> Shared = new();

    private static readonly HashSet<string> TestFrameworks = new(MetadataNames.TestFrameworkAssemblies, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> HandlerFrameworks = new(MetadataNames.HandlerFrameworkAssemblies, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> DesktopFrameworks = new(MetadataNames.DesktopFrameworkAssemblies, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> AspNetCoreClients = new(MetadataNames.AspNetCoreClientAssemblies, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> AspNetCoreShared = new(MetadataNames.AspNetCoreSharedAssemblies, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> BrowserClients = new(MetadataNames.BrowserClientAssemblies, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Serving = new(MetadataNames.AspNetCoreServingAssemblies, StringComparer.OrdinalIgnoreCase);

    private readonly AnalyzerConfigOptionsProvider _provider;

    private AnalysisScope(Compilation compilation, AnalyzerOptions options)
    {
        _provider = options.AnalyzerConfigOptionsProvider;
        var global = _provider.GlobalOptions;

        bool testFramework = false, aspNetCore = false, aspNetCoreClient = false, browser = false, handlerFramework = false, desktop = false, serves = false;
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            var name = assembly.Name;
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            testFramework |= TestFrameworks.Contains(name);
            if (name.StartsWith(MetadataNames.AspNetCoreAssemblyPrefix, StringComparison.OrdinalIgnoreCase))
            {
                // The SignalR client or Blazor WebAssembly make a client; components and protocols are shared; the rest serves HTTP.
                aspNetCoreClient |= AspNetCoreClients.Contains(name);
                browser |= BrowserClients.Contains(name);
                aspNetCore |= !AspNetCoreClients.Contains(name) && !AspNetCoreShared.Contains(name);
            }

            handlerFramework |= HandlerFrameworks.Contains(name) || IsInFamily(name, MetadataNames.HandlerFrameworkAssemblyFamilies);
            desktop |= DesktopFrameworks.Contains(name);
            serves |= Serving.Contains(name);
        }

        IsTestCode = testFramework || IsTrue(global, IsTestProjectKey);
        AnalyzesTestCode = IsTestCode && StatelessOptions.AnalyzeTestCode(options, compilation);

        IsBrowserClient = browser && !aspNetCore;
        var executable = compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication;
        if (aspNetCore && (serves || !executable || IsTestCode))
        {
            IsClientApplication = false;
        }
        else if (aspNetCoreClient || desktop || IsTrue(global, UseWpfKey) || IsTrue(global, UseWindowsFormsKey) || IsTrue(global, UseMauiKey))
        {
            IsClientApplication = true;
        }
        else
        {
            // A test project is an executable only because the test SDK generates its entry point: when test code is
            // analysed at all (opted in), its output kind does not make it a client.
            IsClientApplication = !IsTestCode
                && executable
                && !handlerFramework
                && !StatelessOptions.AnyHandlerTypes(options, compilation);
        }
    }

    /// <summary>The compilation is test code (MSBuild's <c>IsTestProject</c>, or a test framework referenced).</summary>
    public bool IsTestCode { get; }

    /// <summary>Test code whose project opted in with <c>stateless_analyze_test_code = true</c>.</summary>
    public bool AnalyzesTestCode { get; }

    /// <summary>A client application: no process-state or scale-out diagnostics (see the class summary).</summary>
    public bool IsClientApplication { get; }

    /// <summary>
    /// Blazor WebAssembly without a server assembly: code that runs in the user's browser. No rule applies there: a token
    /// parsed in the browser only feeds the UI, and every check that matters is the server's.
    /// </summary>
    public bool IsBrowserClient { get; }

    /// <summary>
    /// False when the compilation gets no STL diagnostic at all (test code not opted in). STL1000, the empty reason of
    /// an <c>[AllowProcessState]</c>, asks only this: an exemption without a reason is wrong wherever it is written.
    /// </summary>
    public bool IsAnalyzed => !IsTestCode || AnalyzesTestCode;

    /// <summary>Does the compilation get diagnostics of this rule family?</summary>
    public bool Includes(RuleFamily family) =>
        IsAnalyzed && !IsBrowserClient && !(IsClientApplication && family is RuleFamily.ProcessState or RuleFamily.ScaleOut);

    /// <summary>
    /// The scope of this compilation, shared by every analyzer. Falls back to a private instance when an analyzer
    /// was given other options than the one that computed the shared one.
    /// </summary>
    public static AnalysisScope Get(Compilation compilation, AnalyzerOptions options)
    {
        var scope = Shared.GetValue(compilation, c => new AnalysisScope(c, options));
        return ReferenceEquals(scope._provider, options.AnalyzerConfigOptionsProvider) ? scope : new AnalysisScope(compilation, options);
    }

    private static bool IsInFamily(string name, string[] families)
    {
        foreach (var family in families)
        {
            if (name.StartsWith(family, StringComparison.OrdinalIgnoreCase)
                && (name.Length == family.Length || name[family.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTrue(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
