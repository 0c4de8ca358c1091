using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Stateless.Analyzers;
using Stateless.Analyzers.TokenValidation;

namespace Stateless.CodeFixes.TokenValidation;

/// <summary>
/// STL2003–STL2006: removes the disabling assignment (<c>ValidateIssuer = false</c>, <c>RequireSignedTokens = false</c>,
/// ...) or the always-true validator delegate, so the handler's own check applies again. Offered for object
/// initializer members and for assignment statements in a block.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveDisablingSettingCodeFix)), Shared]
public sealed class RemoveDisablingSettingCodeFix : CodeFixProvider
{
    public const string Action = "_RemoveSetting";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.STL2003_JwtSignatureNotVerified,
        DiagnosticIds.STL2004_JwtExpiryNotEnforced,
        DiagnosticIds.STL2005_JwtAudienceNotValidated,
        DiagnosticIds.STL2006_JwtIssuerNotValidated);

    public override FixAllProvider GetFixAllProvider() => new SettledFixAll(
        this,
        () => new TokenValidationAnalyzer(),
        FixableDiagnosticIds.Select(id => id + Action).ToArray());

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (FindRemovable(root, diagnostic) is not { } node || node is not (AssignmentExpressionSyntax or ExpressionStatementSyntax))
            {
                continue;
            }

            var assignment = node as AssignmentExpressionSyntax ?? (AssignmentExpressionSyntax)((ExpressionStatementSyntax)node).Expression;
            var setting = assignment.Left is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : assignment.Left.ToString();
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Remove '{setting}' so the default check applies",
                    cancellationToken => RemoveAsync(context.Document, diagnostic, cancellationToken),
                    diagnostic.Id + Action),
                diagnostic);
        }
    }

    /// <summary>The initializer member or the statement to remove.</summary>
    private static SyntaxNode? FindRemovable(SyntaxNode root, Diagnostic diagnostic)
    {
        var assignment = root.FindNodeAt(diagnostic.Location.SourceSpan)?.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
        return assignment?.Parent switch
        {
            InitializerExpressionSyntax => assignment,
            ExpressionStatementSyntax { Parent: BlockSyntax } statement => statement,
            _ => null,
        };
    }

    private static async Task<Document> RemoveAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || FindRemovable(root, diagnostic) is not { } node)
        {
            return document;
        }

        return document.WithSyntaxRoot(SettingRemoval.Remove(root, node));
    }
}
