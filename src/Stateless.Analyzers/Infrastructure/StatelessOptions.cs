using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// The package's .editorconfig options, one typed definition each with its default. Options are read per
/// syntax tree; an invalid value falls back to the default. The project-wide questions of <see cref="AnalysisScope"/>
/// (test code opted in, any handler type configured) read the global options and every tree.
/// </summary>
internal static class StatelessOptions
{
    public const string HandlerTypesKey = "stateless_handler_types";
    public const string MaxAccessTokenLifetimeKey = "stateless_max_access_token_lifetime";
    public const string MaxClockSkewKey = "stateless_max_clock_skew";
    public const string RevocationWindowKey = "stateless_revocation_window";
    public const string SignalRBackplanesKey = "stateless_signalr_backplanes";
    public const string AnalyzeTestCodeKey = "stateless_analyze_test_code";

    public static readonly TimeSpan DefaultMaxAccessTokenLifetime = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultRevocationWindow = TimeSpan.FromMinutes(5);

    private static readonly char[] ListSeparators = { ',', ';' };

    /// <summary>Extra handler base types, interfaces or attributes (metadata names) from <c>stateless_handler_types</c>.</summary>
    public static ImmutableArray<string> HandlerTypes(AnalyzerOptions options, SyntaxTree tree) =>
        ReadList(options, tree, HandlerTypesKey);

    /// <summary>Extra <c>ISignalRServerBuilder</c> extension methods that count as a backplane.</summary>
    public static ImmutableArray<string> SignalRBackplanes(AnalyzerOptions options, SyntaxTree tree) =>
        ReadList(options, tree, SignalRBackplanesKey);

    /// <summary>STL3002 threshold from <c>stateless_max_access_token_lifetime</c> (default 60 minutes).</summary>
    public static TimeSpan MaxAccessTokenLifetime(AnalyzerOptions options, SyntaxTree tree) =>
        ReadDuration(options, tree, MaxAccessTokenLifetimeKey) ?? DefaultMaxAccessTokenLifetime;

    /// <summary>
    /// From <c>stateless_revocation_window</c> (default 5 minutes): access tokens that live at most this long need no jti
    /// denylist (STL2008, STL3004); a stolen one is useless as soon as a revoked one would be.
    /// </summary>
    public static TimeSpan RevocationWindow(AnalyzerOptions options, SyntaxTree tree) =>
        ReadDuration(options, tree, RevocationWindowKey) ?? DefaultRevocationWindow;

    /// <summary>STL2007 threshold from <c>stateless_max_clock_skew</c> (default 5 minutes).</summary>
    public static TimeSpan MaxClockSkew(AnalyzerOptions options, SyntaxTree tree) =>
        ReadDuration(options, tree, MaxClockSkewKey) ?? DefaultMaxClockSkew;

    /// <summary>
    /// <c>stateless_analyze_test_code = true</c> (default false): test code gets diagnostics too. A project-wide
    /// switch: true when the global options or any syntax tree's options (an <c>.editorconfig</c> section) set it.
    /// </summary>
    public static bool AnalyzeTestCode(AnalyzerOptions options, Compilation compilation) =>
        AnyTree(options, compilation, AnalyzeTestCodeKey, static raw => raw is not null && string.Equals(raw.Trim(), "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <c>stateless_handler_types</c> names a type in the global options or for any syntax tree.</summary>
    public static bool AnyHandlerTypes(AnalyzerOptions options, Compilation compilation) =>
        AnyTree(options, compilation, HandlerTypesKey, static raw => !string.IsNullOrWhiteSpace(raw) && raw!.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries).Any(static n => n.Trim().Length > 0));

    private static bool AnyTree(AnalyzerOptions options, Compilation compilation, string key, Func<string?, bool> isSet)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        if (provider.GlobalOptions.TryGetValue(key, out var global) && isSet(global))
        {
            return true;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (provider.GetOptions(tree).TryGetValue(key, out var raw) && isSet(raw))
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableArray<string> ReadList(AnalyzerOptions options, SyntaxTree tree, string key)
    {
        if (!options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return ImmutableArray<string>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var part in raw.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Trim();
            if (name.Length > 0)
            {
                builder.Add(name);
            }
        }

        return builder.ToImmutable();
    }

    private static TimeSpan? ReadDuration(AnalyzerOptions options, SyntaxTree tree, string key) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var raw) ? ParseDuration(raw) : null;

    /// <summary>
    /// Parses <c>90s</c>, <c>15m</c>, <c>1h</c>, <c>2d</c> or <c>hh:mm:ss</c>. Returns null for anything else,
    /// including zero and negative durations, so the caller falls back to the default.
    /// </summary>
    public static TimeSpan? ParseDuration(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var text = raw.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        TimeSpan? value = null;
        if (text.IndexOf(':') >= 0)
        {
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
            }
        }
        else
        {
            var unit = char.ToLowerInvariant(text[text.Length - 1]);
            var number = text.Substring(0, text.Length - 1).Trim();
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && !double.IsNaN(amount) && !double.IsInfinity(amount) && amount < 1e6)
            {
                value = unit switch
                {
                    's' => TimeSpan.FromSeconds(amount),
                    'm' => TimeSpan.FromMinutes(amount),
                    'h' => TimeSpan.FromHours(amount),
                    'd' => TimeSpan.FromDays(amount),
                    _ => null,
                };
            }
        }

        return value is { } v && v > TimeSpan.Zero ? v : null;
    }
}
