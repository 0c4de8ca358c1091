using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// STL1000: <c>[AllowProcessState]</c> with an empty, whitespace or null reason (also through a <c>const</c>).
/// Reported at the argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AllowProcessStateReasonAnalyzer : FamilyAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.STL1000_AllowProcessStateNeedsReason);

    /// <summary>Test code not opted in gets nothing; client applications keep STL1000 (a reasonless exemption is wrong anywhere).</summary>
    private protected override RuleFamily? Family => null;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var attributeType = WellKnownTypes.GetOrCreate(context.Compilation).Get(MetadataNames.AllowProcessStateAttribute);
        if (attributeType is null)
        {
            return;
        }

        context.RegisterSymbolAction(
            symbolContext => Analyze(symbolContext, attributeType),
            SymbolKind.NamedType,
            SymbolKind.Field,
            SymbolKind.Property,
            SymbolKind.Method,
            SymbolKind.Event);
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
    {
        // Binding a symbol's attributes is the costly part: a symbol whose declarations carry no attribute list at all
        // (most of them) has none to bind.
        var symbol = context.Symbol;
        if (!HasAttributeLists(symbol, context.CancellationToken))
        {
            return;
        }

        Check(context, symbol, symbol, attributeType);

        // [field: AllowProcessState("")] on an auto-property lands on its compiler-generated backing field.
        if (symbol is IPropertySymbol property && property.BackingField() is { } backing)
        {
            Check(context, backing, property, attributeType);
        }
    }

    /// <summary>
    /// True when a declaration of <paramref name="symbol"/> has an attribute list: on the member or type itself, on the
    /// field declaration around a declarator, or on a record's positional parameter (<c>[property: …]</c>).
    /// </summary>
    private static bool HasAttributeLists(ISymbol symbol, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var node = reference.GetSyntax(cancellationToken);
            if (node is VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax field })
            {
                node = field;
            }

            foreach (var child in node.ChildNodes())
            {
                if (child is AttributeListSyntax)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Check(SymbolAnalysisContext context, ISymbol symbol, ISymbol reported, INamedTypeSymbol attributeType)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType)
                || attribute.AttributeConstructor is null
                || attribute.ConstructorArguments.Length != 1
                || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error
                || attribute.ConstructorArguments[0].Value is string { } reason && !string.IsNullOrWhiteSpace(reason)
                || attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not AttributeSyntax syntax)
            {
                continue;
            }

            var location = syntax.ArgumentList is { Arguments.Count: > 0 } arguments
                ? arguments.Arguments[0].GetLocation()
                : syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.STL1000_AllowProcessStateNeedsReason, location, reported.Name));
        }
    }
}
