using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers;
using Stateless.Analyzers.TokenValidation;

namespace Stateless.CodeFixes.TokenValidation;

/// <summary>
/// STL2002: removes <c>none</c> from <c>ValidAlgorithms</c>, and when symmetric and asymmetric families are mixed keeps
/// only the family of the configured signing key. When the key's family is unknown (a <c>SecurityKey</c> of unknown
/// type, keys of two families) one fix per family present is offered, and Fix All applies none of them (it still
/// removes <c>none</c>). Not offered when nothing would remain: an empty <c>ValidAlgorithms</c> would accept every algorithm.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DangerousAlgorithmCodeFix)), Shared]
public sealed class DangerousAlgorithmCodeFix : CodeFixProvider
{
    public const string RemoveNoneEquivalenceKey = DiagnosticIds.STL2002_DangerousJwtAlgorithmSet + "_RemoveNone";

    public const string KeepKeyFamilyEquivalenceKey = DiagnosticIds.STL2002_DangerousJwtAlgorithmSet + "_KeepKeyFamily";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.STL2002_DangerousJwtAlgorithmSet);

    /// <summary>Fix All removes 'none' and keeps the family of a known key; which family to keep of an unknown key is a choice it leaves.</summary>
    public override FixAllProvider GetFixAllProvider() => new SettledFixAll(this, () => new TokenValidationAnalyzer(), RemoveNoneEquivalenceKey, KeepKeyFamilyEquivalenceKey);

    public const string KeepHmacEquivalenceKey = DiagnosticIds.STL2002_DangerousJwtAlgorithmSet + "_KeepHmac";

    public const string KeepRsaEquivalenceKey = DiagnosticIds.STL2002_DangerousJwtAlgorithmSet + "_KeepRsa";

    public const string KeepEcdsaEquivalenceKey = DiagnosticIds.STL2002_DangerousJwtAlgorithmSet + "_KeepEcdsa";

    private static string KeepFamilyEquivalenceKey(AlgorithmFamily family) => family switch
    {
        AlgorithmFamily.Hmac => KeepHmacEquivalenceKey,
        AlgorithmFamily.Rsa => KeepRsaEquivalenceKey,
        _ => KeepEcdsaEquivalenceKey,
    };

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var elements = await ReadAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (elements is null)
            {
                continue;
            }

            var mixed = elements.Any(e => AlgorithmFamilies.IsSymmetric(e.Family)) && elements.Any(e => AlgorithmFamilies.IsAsymmetric(e.Family));
            if (!mixed)
            {
                Register(context, diagnostic, elements, keep: null, "Remove 'none' from ValidAlgorithms", RemoveNoneEquivalenceKey);
                continue;
            }

            if (diagnostic.Properties.TryGetValue(ValidationFixProperties.KeyFamilyProperty, out var known)
                && System.Enum.TryParse<AlgorithmFamily>(known, out var keyFamily)
                && elements.Any(e => e.Family == keyFamily))
            {
                Register(context, diagnostic, elements, keyFamily, $"Keep only the {AlgorithmFamilies.DisplayName(keyFamily)} algorithms of the signing key", KeepKeyFamilyEquivalenceKey);
                continue;
            }

            // Removing 'none' is right whatever the key; which family to keep is the developer's choice.
            if (elements.Any(e => e.Family == AlgorithmFamily.None))
            {
                Register(context, diagnostic, elements, keep: null, "Remove 'none' from ValidAlgorithms", RemoveNoneEquivalenceKey);
            }

            foreach (var family in new[] { AlgorithmFamily.Hmac, AlgorithmFamily.Rsa, AlgorithmFamily.Ecdsa })
            {
                if (elements.Any(e => e.Family == family))
                {
                    Register(context, diagnostic, elements, family, $"Keep only the {AlgorithmFamilies.DisplayName(family)} algorithms", KeepFamilyEquivalenceKey(family));
                }
            }
        }
    }

    private static void Register(CodeFixContext context, Diagnostic diagnostic, List<AlgorithmElement> elements, AlgorithmFamily? keep, string title, string key)
    {
        if (ToRemove(elements, keep).Count == 0 || ToRemove(elements, keep).Count == elements.Count)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(title, cancellationToken => ApplyAsync(context.Document, diagnostic, keep, cancellationToken), key),
            diagnostic);
    }

    /// <summary>Every <c>none</c>, and with a family to keep every element of another known family.</summary>
    private static List<SyntaxNode> ToRemove(List<AlgorithmElement> elements, AlgorithmFamily? keep) =>
        elements.Where(e => e.Family == AlgorithmFamily.None || (keep is { } family && e.Family != AlgorithmFamily.Unknown && e.Family != family))
            .Select(e => e.Syntax)
            .ToList();

    private static async Task<List<AlgorithmElement>?> ReadAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var assignment = root?.FindNodeAt(diagnostic.Location.SourceSpan)?.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
        if (assignment is null || model?.GetOperation(assignment, cancellationToken) is not ISimpleAssignmentOperation operation)
        {
            return null;
        }

        if (!AlgorithmList.TryRead(operation.Value, out var elements) || elements.Any(e => e.Syntax.SyntaxTree != root!.SyntaxTree))
        {
            return null;
        }

        // Only elements that sit directly in a list can be removed.
        return elements.All(e => e.Syntax.Parent is InitializerExpressionSyntax or CollectionExpressionSyntax) ? elements : null;
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, AlgorithmFamily? keep, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var elements = await ReadAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        if (root is null || elements is null)
        {
            return document;
        }

        var removed = ToRemove(elements, keep);
        if (removed.Count == 0 || removed.Count == elements.Count)
        {
            return document;
        }

        return document.WithSyntaxRoot(SettingRemoval.RemoveAll(root, removed));
    }
}
