using Microsoft.CodeAnalysis.Diagnostics;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// The opening every analyzer of the package shares: concurrent execution, no callbacks on generated code (what is
/// reported in generated code is judged by <see cref="GeneratedCode"/>), and per-compilation work only where
/// <see cref="AnalysisScope"/> puts the analyzer's rule family (not in test code unless opted in, not in client
/// applications for the process-state and scale-out rules). An analyzer names its family and says what it registers
/// for a compilation in scope.
/// </summary>
public abstract class FamilyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The family whose scope decides; <see langword="null"/>: wherever code is analysed at all (client applications included).</summary>
    private protected abstract RuleFamily? Family { get; }

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(StartIfInScope);
    }

    /// <summary>Registers the analyzer's actions for a compilation its family is analysed in.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context);

    private void StartIfInScope(CompilationStartAnalysisContext context)
    {
        var scope = AnalysisScope.Get(context.Compilation, context.Options);
        if (Family is { } family ? scope.Includes(family) : scope.IsAnalyzed)
        {
            OnCompilationStart(context);
        }
    }
}
