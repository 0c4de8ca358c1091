using System.Collections.Immutable;
using System.Composition;
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
/// STL3004: adds <c>new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString())</c> to the claims the token
/// is built from — the claims array, list or collection expression, the <c>Subject</c> identity's claims, the
/// <c>Claims</c> dictionary (<c>[JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString()</c>), or a new
/// <c>claims:</c> argument / <c>Claims</c> property when the token has none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TokenJtiCodeFix)), Shared]
public sealed class TokenJtiCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = DiagnosticIds.STL3004_TokenIssuedWithoutJti + "_AddJti";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.STL3004_TokenIssuedWithoutJti);

    public override FixAllProvider GetFixAllProvider() => new SettledFixAll(this, () => new TokenIssuanceAnalyzer(), EquivalenceKey);

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(IssuanceFixProperties.JtiKindProperty, out var kind) || kind is null
                || IssuanceFixProperties.ParseSpan(diagnostic.Properties.TryGetValue(IssuanceFixProperties.JtiTargetProperty, out var target) ? target : null) is not { } span)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add a jti claim with a fresh Guid",
                    cancellationToken => AddJtiAsync(context.Document, kind, span, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> AddJtiAsync(Document document, string kind, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || root.FindNodeAt(span) is not ExpressionSyntax node || node.Span != span)
        {
            return document;
        }

        var names = ClaimNamesType(model, span.Start);
        var claimType = SyntaxFactory.ParseExpression(names is null ? "\"jti\"" : names + ".Jti").WithAdditionalAnnotations(Simplifier.Annotation);
        var guid = SyntaxFactory.ParseTypeName("System.Guid").WithAdditionalAnnotations(Simplifier.Annotation);
        var newId = SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, guid, SyntaxFactory.IdentifierName("NewGuid"))),
            SyntaxFactory.IdentifierName("ToString")));
        var claim = SyntaxFactory.ObjectCreationExpression(
            SyntaxFactory.ParseTypeName("System.Security.Claims.Claim").WithAdditionalAnnotations(Simplifier.Annotation),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(claimType), SyntaxFactory.Argument(newId) })),
            initializer: null);

        ExpressionSyntax? updated = kind switch
        {
            IssuanceFixProperties.JtiIntoCollection => AddToCollection(node, claim),
            IssuanceFixProperties.JtiIntoDictionary when node is BaseObjectCreationExpressionSyntax dictionary => AddToDictionary(dictionary, claimType, newId),
            IssuanceFixProperties.JtiAsClaimsArgument when node is BaseObjectCreationExpressionSyntax token => AddClaimsArgument(token, claim, model.GetSymbolInfo(token, cancellationToken).Symbol as IMethodSymbol),
            IssuanceFixProperties.JtiAsClaimsProperty when node is BaseObjectCreationExpressionSyntax descriptor => Initializers.AddMember(
                descriptor,
                "Claims",
                SyntaxFactory.ObjectCreationExpression(
                    SyntaxFactory.ParseTypeName("System.Collections.Generic.Dictionary<string, object>").WithAdditionalAnnotations(Simplifier.Annotation),
                    argumentList: null,
                    SyntaxFactory.InitializerExpression(
                        SyntaxKind.ObjectInitializerExpression,
                        SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(IndexerEntry(claimType, newId)),
                        SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space)))),
            _ => null,
        };

        return updated is null ? document : document.WithSyntaxRoot(root.ReplaceNode(node, updated));
    }

    /// <summary>The <c>JwtRegisteredClaimNames</c> class to use: the one in scope, else the one the project references.</summary>
    private static string? ClaimNamesType(SemanticModel model, int position)
    {
        var inScope = model.LookupNamespacesAndTypes(position, name: "JwtRegisteredClaimNames");
        if (inScope.Length == 1 && inScope[0] is INamedTypeSymbol visible)
        {
            return visible.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);
        }

        foreach (var candidate in new[] { "System.IdentityModel.Tokens.Jwt.JwtRegisteredClaimNames", "Microsoft.IdentityModel.JsonWebTokens.JwtRegisteredClaimNames" })
        {
            if (model.Compilation.GetTypeByMetadataName(candidate) is not null)
            {
                return candidate;
            }
        }

        return null;
    }

    private static ExpressionSyntax? AddToCollection(ExpressionSyntax node, ExpressionSyntax claim)
    {
        switch (node)
        {
            case ArrayCreationExpressionSyntax { Initializer: { } initializer } array:
                return array.WithInitializer(initializer.WithExpressions(SyntaxLists.Append(initializer.Expressions, claim)));
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                return implicitArray.WithInitializer(implicitArray.Initializer.WithExpressions(SyntaxLists.Append(implicitArray.Initializer.Expressions, claim)));
            case CollectionExpressionSyntax collection:
                return collection.WithElements(SyntaxLists.Append<CollectionElementSyntax>(collection.Elements, SyntaxFactory.ExpressionElement(claim)));
            case BaseObjectCreationExpressionSyntax { Initializer: { } initializer } creation:
                return creation.WithInitializer(initializer.WithExpressions(SyntaxLists.Append(initializer.Expressions, claim)));
            case BaseObjectCreationExpressionSyntax creation:
                return creation.WithoutTrailingTrivia()
                    .WithInitializer(SyntaxFactory.InitializerExpression(SyntaxKind.CollectionInitializerExpression, SyntaxFactory.SingletonSeparatedList(claim)))
                    .WithTrailingTrivia(creation.GetTrailingTrivia())
                    .WithAdditionalAnnotations(Formatter.Annotation);
            default:
                return null;
        }
    }

    private static BaseObjectCreationExpressionSyntax AddToDictionary(BaseObjectCreationExpressionSyntax dictionary, ExpressionSyntax claimType, ExpressionSyntax newId)
    {
        var initializer = dictionary.Initializer;
        var complexStyle = initializer is not null && initializer.Expressions.Any(e => e is InitializerExpressionSyntax);
        ExpressionSyntax entry = complexStyle
            ? SyntaxFactory.InitializerExpression(
                SyntaxKind.ComplexElementInitializerExpression,
                SyntaxFactory.SeparatedList(new[] { claimType, newId }))
            : IndexerEntry(claimType, newId);
        entry = entry.WithAdditionalAnnotations(Formatter.Annotation);

        if (initializer is not null)
        {
            return dictionary.WithInitializer(initializer.WithExpressions(SyntaxLists.Append(initializer.Expressions, entry)));
        }

        return dictionary.WithoutTrailingTrivia()
            .WithInitializer(SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList(entry)))
            .WithTrailingTrivia(dictionary.GetTrailingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static AssignmentExpressionSyntax IndexerEntry(ExpressionSyntax key, ExpressionSyntax value) =>
        SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.ImplicitElementAccess(SyntaxFactory.BracketedArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(key)))),
            value);

    private static BaseObjectCreationExpressionSyntax AddClaimsArgument(BaseObjectCreationExpressionSyntax token, ExpressionSyntax claim, IMethodSymbol? constructor)
    {
        var array = SyntaxFactory.ImplicitArrayCreationExpression(
            SyntaxFactory.InitializerExpression(SyntaxKind.ArrayInitializerExpression, SyntaxFactory.SingletonSeparatedList(claim)))
            .WithAdditionalAnnotations(Formatter.Annotation);
        var arguments = token.ArgumentList ?? SyntaxFactory.ArgumentList();
        var existing = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "claims");
        if (existing is null && arguments.Arguments.Count > 2 && arguments.Arguments.Take(3).All(a => a.NameColon is null))
        {
            existing = arguments.Arguments[2];
        }

        return existing is not null
            ? token.ReplaceNode(existing.Expression, array.WithTriviaFrom(existing.Expression))
            : token.WithArgumentList(Arguments.AddNamed(arguments, "claims", array, constructor));
    }
}
