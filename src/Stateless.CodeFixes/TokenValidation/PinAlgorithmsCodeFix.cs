using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Stateless.Analyzers;
using Stateless.Analyzers.TokenValidation;

namespace Stateless.CodeFixes.TokenValidation;

/// <summary>
/// STL2001: adds <c>ValidAlgorithms = new[] { SecurityAlgorithms.X }</c> pinned to the family of the configured
/// signing key (<c>SymmetricSecurityKey</c> → <c>HmacSha256</c>, RSA/X509 → <c>RsaSha256</c>, ECDsa →
/// <c>EcdsaSha256</c>), to the object initializer or, for the in-place form, as a statement before the first
/// in-place setting. When the key's family is unknown (a key of type <c>SecurityKey</c>, keys of two families), one
/// fix per family is offered and Fix All applies none of them.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PinAlgorithmsCodeFix)), Shared]
public sealed class PinAlgorithmsCodeFix : CodeFixProvider
{
    /// <summary>Pins to the family of the configured signing key (Fix All applies each diagnostic's own family).</summary>
    public const string KeyFamilyEquivalenceKey = DiagnosticIds.STL2001_JwtAlgorithmNotPinned + "_PinToKeyFamily";

    public const string HmacEquivalenceKey = DiagnosticIds.STL2001_JwtAlgorithmNotPinned + "_PinHmacSha256";

    public const string RsaEquivalenceKey = DiagnosticIds.STL2001_JwtAlgorithmNotPinned + "_PinRsaSha256";

    public const string EcdsaEquivalenceKey = DiagnosticIds.STL2001_JwtAlgorithmNotPinned + "_PinEcdsaSha256";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.STL2001_JwtAlgorithmNotPinned);

    /// <summary>Fix All pins only where the key's family is known; a choice between families is left to the developer.</summary>
    public override FixAllProvider GetFixAllProvider() => new SettledFixAll(this, () => new TokenValidationAnalyzer(), KeyFamilyEquivalenceKey);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (FindTarget(root, diagnostic) is null)
            {
                continue;
            }

            if (diagnostic.Properties.TryGetValue(ValidationFixProperties.KeyFamilyProperty, out var known)
                && System.Enum.TryParse<AlgorithmFamily>(known, out var family)
                && family is AlgorithmFamily.Hmac or AlgorithmFamily.Rsa or AlgorithmFamily.Ecdsa)
            {
                var member = AlgorithmFamilies.DefaultAlgorithmMember(family);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Pin ValidAlgorithms to SecurityAlgorithms.{member} (the signing key's family)",
                        cancellationToken => PinAsync(context.Document, diagnostic, member, cancellationToken),
                        KeyFamilyEquivalenceKey),
                    diagnostic);
                continue;
            }

            foreach (var (candidate, key) in new[] { (AlgorithmFamily.Hmac, HmacEquivalenceKey), (AlgorithmFamily.Rsa, RsaEquivalenceKey), (AlgorithmFamily.Ecdsa, EcdsaEquivalenceKey) })
            {
                var member = AlgorithmFamilies.DefaultAlgorithmMember(candidate);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Pin ValidAlgorithms to SecurityAlgorithms.{member}",
                        cancellationToken => PinAsync(context.Document, diagnostic, member, cancellationToken),
                        key),
                    diagnostic);
            }
        }
    }

    /// <summary>The creation to extend, or the in-place statement to follow; null when no fix applies.</summary>
    private static SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.ContainsKey(ValidationFixProperties.HolderProperty))
        {
            if (diagnostic.AdditionalLocations.Count == 0 || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree)
            {
                return null;
            }

            var statement = root.FindNodeAt(diagnostic.AdditionalLocations[0].SourceSpan)?
                .FirstAncestorOrSelf<ExpressionStatementSyntax>();
            return statement?.Parent is BlockSyntax ? statement : null;
        }

        return root.FindNodeAt(diagnostic.Location.SourceSpan)?.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
    }

    private static async Task<Document> PinAsync(Document document, Diagnostic diagnostic, string member, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var target = root is null ? null : FindTarget(root, diagnostic);
        if (root is null || target is null)
        {
            return document;
        }

        var algorithms = AlgorithmsArray(member);

        if (target is ExpressionStatementSyntax statement
            && diagnostic.Properties.TryGetValue(ValidationFixProperties.HolderProperty, out var holder) && holder is not null)
        {
            // Before the first in-place setting, above its comments: where it lands does not depend on whether a fix
            // of another rule removes that setting first.
            var pinned = SyntaxFactory.ExpressionStatement(
                    SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.ParseExpression(holder), SyntaxFactory.IdentifierName("ValidAlgorithms")),
                        algorithms))
                .WithLeadingTrivia(SyntaxLists.Indentation(statement))
                .WithTrailingTrivia(SyntaxLists.EndOfLine(statement));
            return document.WithSyntaxRoot(root.InsertNodesBefore(statement, new[] { pinned }));
        }

        return target is BaseObjectCreationExpressionSyntax creation
            ? document.WithSyntaxRoot(root.ReplaceNode(creation, Initializers.AddMember(creation, "ValidAlgorithms", algorithms)))
            : document;
    }

    /// <summary><c>new[] { SecurityAlgorithms.X }</c>, the type qualified for the simplifier to shorten where imported.</summary>
    internal static ExpressionSyntax AlgorithmsArray(string member)
    {
        var type = SyntaxFactory.ParseName("global::Microsoft.IdentityModel.Tokens.SecurityAlgorithms").WithAdditionalAnnotations(Simplifier.Annotation);
        var element = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, type, SyntaxFactory.IdentifierName(member));
        return SyntaxFactory.ImplicitArrayCreationExpression(
            SyntaxFactory.InitializerExpression(
                SyntaxKind.ArrayInitializerExpression,
                SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(element),
                SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space)));
    }
}
