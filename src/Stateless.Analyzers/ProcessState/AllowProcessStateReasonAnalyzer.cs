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
        var symbol = context.Symbol;
        Check(context, symbol, symbol, attributeType);

        // [field: AllowProcessState("")] on an auto-property lands on its compiler-generated backing field.
        if (symbol is IPropertySymbol property && property.BackingField() is { } backing)
        {
            Check(context, backing, property, attributeType);
        }
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
