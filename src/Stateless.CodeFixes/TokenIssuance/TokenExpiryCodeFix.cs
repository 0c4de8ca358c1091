using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Stateless.Analyzers;
using Stateless.Analyzers.TokenIssuance;

namespace Stateless.CodeFixes.TokenIssuance;

/// <summary>
/// STL3001 and STL3002: the expiry becomes issue time + the configured maximum lifetime
/// (<c>stateless_max_access_token_lifetime</c>). STL3001 adds <c>expires: DateTime.UtcNow.AddMinutes(60)</c> to a
/// <c>JwtSecurityToken</c> constructor or <c>Expires = DateTime.UtcNow.AddMinutes(60)</c> to a descriptor; STL3002
/// rewrites the folded expiry <c>now.AddDays(30)</c> to <c>now.AddMinutes(60)</c> on the same clock reading.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TokenExpiryCodeFix)), Shared]
public sealed class TokenExpiryCodeFix : CodeFixProvider
{
    public const string AddExpiryEquivalenceKey = DiagnosticIds.TokenIssuedWithoutExpiry + "_AddExpiry";
    public const string ClampLifetimeEquivalenceKey = DiagnosticIds.AccessTokenLifetimeTooLong + "_ClampLifetime";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.TokenIssuedWithoutExpiry, DiagnosticIds.AccessTokenLifetimeTooLong);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var properties = diagnostic.Properties;
            if (!properties.TryGetValue(TokenIssuanceAnalyzer.ExpiryMethodProperty, out var method) || method is null
                || !properties.TryGetValue(TokenIssuanceAnalyzer.ExpiryAmountProperty, out var amount) || amount is null)
            {
                continue;
            }

            if (diagnostic.Id == DiagnosticIds.TokenIssuedWithoutExpiry
                && properties.TryGetValue(TokenIssuanceAnalyzer.FormProperty, out var form) && form is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Expire the token {Describe(method, amount)} after issue",
                        cancellationToken => AddExpiryAsync(context.Document, diagnostic, form, method, amount, cancellationToken),
                        AddExpiryEquivalenceKey),
                    diagnostic);
            }
            else if (diagnostic.Id == DiagnosticIds.AccessTokenLifetimeTooLong
                && TokenIssuanceAnalyzer.ParseSpan(properties.TryGetValue(TokenIssuanceAnalyzer.ChainSpanProperty, out var chain) ? chain : null) is { } chainSpan)
            {
                var baseSpan = TokenIssuanceAnalyzer.ParseSpan(properties.TryGetValue(TokenIssuanceAnalyzer.BaseSpanProperty, out var @base) ? @base : null);
                var issueTime = properties.TryGetValue(TokenIssuanceAnalyzer.IssueTimeProperty, out var text) ? text : null;
                if (baseSpan is null && issueTime is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Shorten the lifetime to {Describe(method, amount)}",
                        cancellationToken => ClampAsync(context.Document, chainSpan, baseSpan, issueTime, method, amount, cancellationToken),
                        ClampLifetimeEquivalenceKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static string Describe(string method, string amount) =>
        amount + (method == "AddMinutes" ? " minutes" : " seconds");

    private static async Task<Document> ClampAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan chainSpan, Microsoft.CodeAnalysis.Text.TextSpan? baseSpan, string? issueTimeText, string method, string amount, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || root.FindNode(chainSpan, getInnermostNodeForTie: true) is not ExpressionSyntax chain || chain.Span != chainSpan)
        {
            return document;
        }

        ExpressionSyntax issueTime;
        if (baseSpan is { } span)
        {
            if (root.FindNode(span, getInnermostNodeForTie: true) is not ExpressionSyntax found || found.Span != span)
            {
                return document;
            }

            issueTime = found;
        }
        else
        {
            issueTime = SyntaxFactory.ParseExpression(issueTimeText!).WithAdditionalAnnotations(Simplifier.Annotation);
        }

        var receiver = issueTime.WithoutTrivia();
        if (receiver is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax))
        {
            receiver = SyntaxFactory.ParenthesizedExpression(receiver);
        }

        var replacement = Shift(receiver, method, amount).WithTriviaFrom(chain);
        return document.WithSyntaxRoot(root.ReplaceNode(chain, replacement));
    }

    private static async Task<Document> AddExpiryAsync(Document document, Diagnostic diagnostic, string form, string method, string amount, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var creation = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
            .AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault();
        if (root is null || creation is null)
        {
            return document;
        }

        var expiry = Shift(
            SyntaxFactory.ParseExpression("System.DateTime.UtcNow").WithAdditionalAnnotations(Simplifier.Annotation),
            method,
            amount);

        SyntaxNode updated;
        if (form == TokenIssuanceAnalyzer.ConstructorForm)
        {
            var arguments = creation.ArgumentList ?? SyntaxFactory.ArgumentList();
            var existing = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "expires");
            if (existing is null && arguments.Arguments.Count > 4 && arguments.Arguments.Take(5).All(a => a.NameColon is null))
            {
                existing = arguments.Arguments[4];
            }

            updated = existing is not null
                ? creation.ReplaceNode(existing.Expression, expiry.WithTriviaFrom(existing.Expression))
                : creation.WithArgumentList(arguments.WithArguments(SyntaxLists.Append(
                    arguments.Arguments,
                    SyntaxFactory.Argument(SyntaxFactory.NameColon("expires"), default, expiry))));
        }
        else
        {
            var assignment = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("Expires"), expiry);
            updated = AddToInitializer(creation, assignment);
        }

        return document.WithSyntaxRoot(root.ReplaceNode(creation, updated));
    }

    /// <summary>Adds a member assignment to an object initializer (creating the initializer when there is none).</summary>
    internal static BaseObjectCreationExpressionSyntax AddToInitializer(BaseObjectCreationExpressionSyntax creation, ExpressionSyntax member)
    {
        if (creation.Initializer is { } initializer)
        {
            return creation.WithInitializer(initializer.WithExpressions(SyntaxLists.Append(initializer.Expressions, member)));
        }

        var created = SyntaxFactory.InitializerExpression(
            SyntaxKind.ObjectInitializerExpression,
            SyntaxFactory.SingletonSeparatedList(member));
        var withInitializer = creation.WithoutTrailingTrivia().WithInitializer(created).WithTrailingTrivia(creation.GetTrailingTrivia());
        return withInitializer.WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static InvocationExpressionSyntax Shift(ExpressionSyntax issueTime, string method, string amount) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, issueTime, SyntaxFactory.IdentifierName(method)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                SyntaxFactory.LiteralExpression(
                    SyntaxKind.NumericLiteralExpression,
                    SyntaxFactory.Literal(int.Parse(amount, NumberStyles.Integer, CultureInfo.InvariantCulture)))))));
}
