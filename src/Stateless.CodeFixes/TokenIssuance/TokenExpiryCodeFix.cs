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
    public const string AddExpiryEquivalenceKey = DiagnosticIds.STL3001_TokenIssuedWithoutExpiry + "_AddExpiry";
    public const string ClampLifetimeEquivalenceKey = DiagnosticIds.STL3002_AccessTokenLifetimeTooLong + "_ClampLifetime";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.STL3001_TokenIssuedWithoutExpiry, DiagnosticIds.STL3002_AccessTokenLifetimeTooLong);

    public override FixAllProvider GetFixAllProvider() => new SettledFixAll(this, () => new TokenIssuanceAnalyzer(), AddExpiryEquivalenceKey, ClampLifetimeEquivalenceKey);

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var properties = diagnostic.Properties;
            if (!properties.TryGetValue(IssuanceFixProperties.ExpiryMethodProperty, out var method) || method is null
                || !properties.TryGetValue(IssuanceFixProperties.ExpiryAmountProperty, out var amount) || amount is null)
            {
                continue;
            }

            if (diagnostic.Id == DiagnosticIds.STL3001_TokenIssuedWithoutExpiry
                && properties.TryGetValue(IssuanceFixProperties.FormProperty, out var form) && form is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Expire the token {Describe(method, amount)} after issue",
                        cancellationToken => AddExpiryAsync(context.Document, diagnostic, form, method, amount, cancellationToken),
                        AddExpiryEquivalenceKey),
                    diagnostic);
            }
            else if (diagnostic.Id == DiagnosticIds.STL3002_AccessTokenLifetimeTooLong
                && IssuanceFixProperties.ParseSpan(properties.TryGetValue(IssuanceFixProperties.ChainSpanProperty, out var chain) ? chain : null) is { } chainSpan)
            {
                var baseSpan = IssuanceFixProperties.ParseSpan(properties.TryGetValue(IssuanceFixProperties.BaseSpanProperty, out var @base) ? @base : null);
                var issueTime = properties.TryGetValue(IssuanceFixProperties.IssueTimeProperty, out var text) ? text : null;
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
        if (root is null || root.FindNodeAt(chainSpan) is not ExpressionSyntax chain || chain.Span != chainSpan)
        {
            return document;
        }

        ExpressionSyntax issueTime;
        if (baseSpan is { } span)
        {
            if (root.FindNodeAt(span) is not ExpressionSyntax found || found.Span != span)
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
        var creation = root?.FindNodeAt(diagnostic.Location.SourceSpan)?
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
        if (form == IssuanceFixProperties.ConstructorForm)
        {
            var arguments = creation.ArgumentList ?? SyntaxFactory.ArgumentList();
            var existing = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "expires");
            if (existing is null && arguments.Arguments.Count > 4 && arguments.Arguments.Take(5).All(a => a.NameColon is null))
            {
                existing = arguments.Arguments[4];
            }

            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            updated = existing is not null
                ? creation.ReplaceNode(existing.Expression, expiry.WithTriviaFrom(existing.Expression))
                : creation.WithArgumentList(Arguments.AddNamed(arguments, "expires", expiry, model?.GetSymbolInfo(creation, cancellationToken).Symbol as IMethodSymbol));
        }
        else
        {
            updated = Initializers.AddMember(creation, "Expires", expiry);
        }

        return document.WithSyntaxRoot(root.ReplaceNode(creation, updated));
    }

    private static InvocationExpressionSyntax Shift(ExpressionSyntax issueTime, string method, string amount) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, issueTime, SyntaxFactory.IdentifierName(method)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                SyntaxFactory.LiteralExpression(
                    SyntaxKind.NumericLiteralExpression,
                    SyntaxFactory.Literal(int.Parse(amount, NumberStyles.Integer, CultureInfo.InvariantCulture)))))));
}
