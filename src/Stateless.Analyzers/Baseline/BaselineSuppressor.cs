using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Stateless.Analyzers.Baseline;

/// <summary>
/// Suppresses the findings listed in <c>stateless.baseline.json</c> (an <c>AdditionalFiles</c> item; the package adds
/// the nearest one above the project) so a build fails only on new findings. A finding is suppressed when its rule,
/// file (relative to the baseline's folder), enclosing member and fingerprint (<see cref="BaselineKey"/>) match an
/// entry, at most <c>count</c> times per entry. Rules that are errors by default (STL2002, STL2003) cannot be
/// suppressed by any suppressor and are not in the baseline.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BaselineSuppressor : DiagnosticSuppressor
{
    /// <summary>Every rule whose default severity is not an error.</summary>
    internal static readonly ImmutableArray<string> SuppressibleIds = ImmutableArray.Create(
        DiagnosticIds.STL1000_AllowProcessStateNeedsReason,
        DiagnosticIds.STL1001_MutableStaticStateInHandler,
        DiagnosticIds.STL1002_HandlerWritesSharedStaticState,
        DiagnosticIds.STL1003_SingletonKeepsPerClientState,
        DiagnosticIds.STL1004_RouteHandlerCapturesMutableState,
        DiagnosticIds.STL1005_RequestObjectKeptBeyondRequest,
        DiagnosticIds.STL1006_ConstantStaticCollectionIsMutable,
        DiagnosticIds.STL1101_SharedStateInProcessMemory,
        DiagnosticIds.STL1102_DataProtectionKeysNotShared,
        DiagnosticIds.STL1103_SignalRWithoutBackplane,
        DiagnosticIds.STL2001_JwtAlgorithmNotPinned,
        DiagnosticIds.STL2004_JwtExpiryNotEnforced,
        DiagnosticIds.STL2005_JwtAudienceNotValidated,
        DiagnosticIds.STL2006_JwtIssuerNotValidated,
        DiagnosticIds.STL2007_ExcessiveClockSkew,
        DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
        DiagnosticIds.STL2009_ClaimsReadFromUnvalidatedToken,
        DiagnosticIds.STL3001_TokenIssuedWithoutExpiry,
        DiagnosticIds.STL3002_AccessTokenLifetimeTooLong,
        DiagnosticIds.STL3003_TokenIssuedWithoutAudience,
        DiagnosticIds.STL3004_TokenIssuedWithoutJti,
        DiagnosticIds.STL3005_HardCodedSigningKey,
        DiagnosticIds.STL3006_SigningKeyTooShort,
        DiagnosticIds.STL3007_SecretInTokenPayload);

    private static readonly ImmutableArray<SuppressionDescriptor> Descriptors = SuppressibleIds
        .Select(id => new SuppressionDescriptor("STLB" + id.Substring(3), id, "Listed in " + BaselineFile.FileName + " (a finding that existed when the baseline was written)."))
        .ToImmutableArray();

    /// <summary>
    /// The entries' counts per key, parsed once per baseline text: the IDE asks for suppressions on every analysis of a
    /// document, and the file changes only when the baseline is rewritten.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.CodeAnalysis.Text.SourceText, Dictionary<string, int>> Totals = new();

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => Descriptors;

    private static Dictionary<string, int> CountPerKey(IReadOnlyList<BaselineEntry> entries)
    {
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            totals[entry.Key] = totals.TryGetValue(entry.Key, out var count) ? count + entry.Count : entry.Count;
        }

        return totals;
    }

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        var baseline = context.Options.AdditionalFiles.FirstOrDefault(f => IsBaseline(f.Path));
        if (baseline?.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        var totals = Totals.GetValue(text, static t => CountPerKey(BaselineFile.Parse(t.ToString())));
        if (totals.Count == 0)
        {
            return;
        }

        var remaining = new Dictionary<string, int>(totals, StringComparer.Ordinal);

        var folder = Normalize(System.IO.Path.GetDirectoryName(baseline.Path) ?? string.Empty).TrimEnd('/') + "/";
        var descriptors = Descriptors.ToDictionary(d => d.SuppressedDiagnosticId, StringComparer.Ordinal);
        foreach (var diagnostic in context.ReportedDiagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
        {
            if (Key(diagnostic, folder, context.CancellationToken) is { } key
                && remaining.TryGetValue(key, out var left) && left > 0
                && descriptors.TryGetValue(diagnostic.Id, out var descriptor))
            {
                remaining[key] = left - 1;
                context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
            }
        }
    }

    private static bool IsBaseline(string path) =>
        string.Equals(System.IO.Path.GetFileName(path), BaselineFile.FileName, StringComparison.OrdinalIgnoreCase);

    private static string? Key(Diagnostic diagnostic, string folder, CancellationToken cancellationToken)
    {
        var tree = diagnostic.Location.SourceTree;
        if (tree is null || !diagnostic.Location.IsInSource)
        {
            return null;
        }

        var path = Normalize(tree.FilePath);
        if (!path.StartsWith(folder, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var span = diagnostic.Location.SourceSpan;
        var member = BaselineKey.Member(tree, span);
        return diagnostic.Id + "|" + path.Substring(folder.Length) + "|" + member + "|" + BaselineKey.Fingerprint(diagnostic.Id, member, tree, span);
    }

    private static string Normalize(string path) => path.Replace('\\', '/');
}
