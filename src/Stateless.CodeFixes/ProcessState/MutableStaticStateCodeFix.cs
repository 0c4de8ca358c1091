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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Stateless.Analyzers;
using Stateless.Analyzers.ProcessState;

namespace Stateless.CodeFixes.ProcessState;

/// <summary>
/// STL1001: a static collection that is never written after its initializer becomes <c>static readonly</c>
/// with an immutable type (<c>FrozenDictionary</c>, <c>FrozenSet</c>, <c>ImmutableArray</c>). The fix is
/// offered only when the analyzer saw every use of the field and the converted document still compiles.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MutableStaticStateCodeFix)), Shared]
public sealed class MutableStaticStateCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = DiagnosticIds.MutableStaticStateInHandler + "_MakeImmutable";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.MutableStaticStateInHandler);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(MutableStaticStateAnalyzer.ImmutableTargetProperty, out var target) || target is null)
            {
                continue;
            }

            var changed = await ConvertAsync(context.Document, diagnostic, target, context.CancellationToken).ConfigureAwait(false);
            if (changed is null || !await StillCompilesAsync(context.Document, changed, context.CancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make static readonly {target}",
                    cancellationToken => ConvertOrKeepAsync(context.Document, diagnostic, target, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> ConvertOrKeepAsync(Document document, Diagnostic diagnostic, string target, CancellationToken cancellationToken) =>
        await ConvertAsync(document, diagnostic, target, cancellationToken).ConfigureAwait(false) ?? document;

    private static async Task<Document?> ConvertAsync(Document document, Diagnostic diagnostic, string target, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var declarator = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
            .AncestorsAndSelf().OfType<VariableDeclaratorSyntax>().FirstOrDefault();
        if (declarator is not { Initializer.Value: { } value, Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax field } declaration }
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not IFieldSymbol symbol)
        {
            return null;
        }

        var plan = ImmutableConversion.Plan(symbol.Type, target, model.Compilation);
        if (plan is null)
        {
            return null;
        }

        var newValue = plan.ConvertValue(value, declaration.Type, model, cancellationToken);
        if (newValue is null)
        {
            return null;
        }

        var newDeclaration = declaration
            .WithType(plan.TypeSyntax.WithTriviaFrom(declaration.Type))
            .WithVariables(SyntaxFactory.SingletonSeparatedList(
                declarator.WithInitializer(declarator.Initializer.WithValue(newValue.WithTriviaFrom(value)))));

        var newField = field.WithDeclaration(newDeclaration).WithModifiers(WithReadOnly(field.Modifiers));
        var changed = document.WithSyntaxRoot(root.ReplaceNode(field, newField));
        return await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static SyntaxTokenList WithReadOnly(SyntaxTokenList modifiers)
    {
        if (modifiers.Any(SyntaxKind.ReadOnlyKeyword))
        {
            return modifiers;
        }

        var readOnly = SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        var staticIndex = modifiers.IndexOf(SyntaxKind.StaticKeyword);
        return modifiers.Insert(staticIndex + 1, readOnly);
    }

    /// <summary>The fix must not trade a state problem for a compile error (for example a use of <c>List.Count</c>).</summary>
    private static async Task<bool> StillCompilesAsync(Document before, Document after, CancellationToken cancellationToken)
    {
        var oldModel = await before.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var newModel = await after.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (oldModel is null || newModel is null)
        {
            return false;
        }

        static int Errors(SemanticModel model, CancellationToken token) =>
            model.GetDiagnostics(cancellationToken: token).Count(d => d.Severity == DiagnosticSeverity.Error);

        return Errors(newModel, cancellationToken) <= Errors(oldModel, cancellationToken);
    }
}
