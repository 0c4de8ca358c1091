using System;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Stateless.Analyzers;
using Stateless.Analyzers.Infrastructure;
using Stateless.Analyzers.TokenValidation;

namespace Stateless.CodeFixes.TokenValidation;

/// <summary>STL2007: replaces the assigned <c>ClockSkew</c> with the configured maximum (<c>stateless_max_clock_skew</c>, default 5 minutes).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClampClockSkewCodeFix)), Shared]
public sealed class ClampClockSkewCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = DiagnosticIds.STL2007_ExcessiveClockSkew + "_ClampToMaximum";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.STL2007_ExcessiveClockSkew);

    public override FixAllProvider GetFixAllProvider() => new SettledFixAll(this, () => new TokenValidationAnalyzer(), EquivalenceKey);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Maximum(diagnostic) is not { } maximum || FindAssignment(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Clamp ClockSkew to {Durations.Format(maximum)}",
                    cancellationToken => ClampAsync(context.Document, diagnostic, maximum, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static TimeSpan? Maximum(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(ValidationFixProperties.MaxClockSkewTicksProperty, out var text)
        && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && ticks > 0
            ? TimeSpan.FromTicks(ticks)
            : null;

    private static AssignmentExpressionSyntax? FindAssignment(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNodeAt(diagnostic.Location.SourceSpan)?.FirstAncestorOrSelf<AssignmentExpressionSyntax>();

    private static async Task<Document> ClampAsync(Document document, Diagnostic diagnostic, TimeSpan maximum, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || FindAssignment(root, diagnostic) is not { } assignment)
        {
            return document;
        }

        var (method, amount) = Durations.Factory(maximum);
        var type = SyntaxFactory.ParseName("global::System.TimeSpan").WithAdditionalAnnotations(Simplifier.Annotation);
        var value = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, type, SyntaxFactory.IdentifierName(method)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, amount <= int.MaxValue ? SyntaxFactory.Literal((int)amount) : SyntaxFactory.Literal(amount))))))
            .WithTriviaFrom(assignment.Right);
        return document.WithSyntaxRoot(root.ReplaceNode(assignment.Right, value));
    }
}
