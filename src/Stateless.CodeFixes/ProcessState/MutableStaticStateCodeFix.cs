using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Simplification;
using Stateless.Analyzers;
using Stateless.Analyzers.ProcessState;

namespace Stateless.CodeFixes.ProcessState;

/// <summary>
/// STL1001 and STL1006: a static collection that is never written after its initializer becomes <c>static readonly</c>
/// with an immutable type (<c>FrozenDictionary</c>, <c>FrozenSet</c>, <c>ImmutableArray</c>). The fix is
/// offered only when the analyzer saw every use of the field and the converted document still compiles.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MutableStaticStateCodeFix)), Shared]
public sealed class MutableStaticStateCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = DiagnosticIds.STL1001_MutableStaticStateInHandler + "_MakeImmutable";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.STL1001_MutableStaticStateInHandler, DiagnosticIds.STL1006_ConstantStaticCollectionIsMutable);

    public override FixAllProvider GetFixAllProvider() => new SettledFixAll(this, () => new MutableStaticStateAnalyzer(), EquivalenceKey);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(MutableStaticStateAnalyzer.ImmutableTargetProperty, out var target) || target is null)
            {
                continue;
            }

            var changed = await ConvertAsync(context.Document, new[] { diagnostic }, context.CancellationToken).ConfigureAwait(false);
            if (changed is null || !await StillCompilesAsync(context.Document, changed, context.CancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make static readonly {target}",
                    cancellationToken => Task.FromResult(changed),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>Converts the fields the diagnostics point at, in one edit, and adds the usings the new types need.</summary>
    private static async Task<Document?> ConvertAsync(Document document, IReadOnlyList<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var replacements = new Dictionary<FieldDeclarationSyntax, FieldDeclarationSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(MutableStaticStateAnalyzer.ImmutableTargetProperty, out var target)
                && target is not null
                && Convert(root, model, diagnostic, target, cancellationToken) is { } replacement
                && !replacements.ContainsKey(replacement.Old))
            {
                replacements.Add(replacement.Old, replacement.New);
            }
        }

        if (replacements.Count == 0)
        {
            return null;
        }

        var changed = document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]));
        return await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static (FieldDeclarationSyntax Old, FieldDeclarationSyntax New)? Convert(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, string target, CancellationToken cancellationToken)
    {
        var declarator = root.FindNodeAt(diagnostic.Location.SourceSpan)?
            .AncestorsAndSelf().OfType<VariableDeclaratorSyntax>().FirstOrDefault();
        if (declarator is not { Initializer.Value: { } value, Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax field } declaration }
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not IFieldSymbol symbol)
        {
            return null;
        }

        var plan = ImmutableConversion.Plan(symbol.Type, target, model.Compilation);
        var newValue = plan?.ConvertValue(value, declaration.Type, model, cancellationToken);
        if (plan is null || newValue is null)
        {
            return null;
        }

        var newDeclaration = declaration
            .WithType(plan.TypeSyntax.WithTriviaFrom(declaration.Type))
            .WithVariables(SyntaxFactory.SingletonSeparatedList(
                declarator.WithInitializer(declarator.Initializer.WithValue(newValue.WithTriviaFrom(value)))));

        return (field, field.WithDeclaration(newDeclaration).WithModifiers(WithReadOnly(field.Modifiers)));
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
