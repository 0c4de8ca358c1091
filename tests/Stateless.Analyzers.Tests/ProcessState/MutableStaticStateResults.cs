using Microsoft.CodeAnalysis.Testing;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Stateless.Analyzers.ProcessState.MutableStaticStateAnalyzer,
    Stateless.CodeFixes.ProcessState.MutableStaticStateCodeFix>;

namespace Stateless.Analyzers.Tests.ProcessState;

/// <summary>Expected STL1001 and STL1006 diagnostics, shared by their test classes.</summary>
internal static class MutableStaticStateResults
{
    /// <summary>STL1001 for a field; <paramref name="unchanged"/>: nothing in the type changes it after its initializer.</summary>
    public static DiagnosticResult Field(int location, string member, string handler, string reason, bool unchanged = false) =>
        VerifyCS.Diagnostic(DiagnosticIds.STL1001_MutableStaticStateInHandler).WithLocation(location).WithArguments("field", member, handler, reason, Consequence(unchanged));

    /// <summary>STL1001 for an auto-property; <paramref name="unchanged"/>: nothing in the type changes it after its initializer.</summary>
    public static DiagnosticResult Property(int location, string member, string handler, string reason, bool unchanged = false) =>
        VerifyCS.Diagnostic(DiagnosticIds.STL1001_MutableStaticStateInHandler).WithLocation(location).WithArguments("property", member, handler, reason, Consequence(unchanged));

    public static string Consequence(bool unchanged) =>
        unchanged ? Descriptors.UnchangedStaticConsequence : Descriptors.ChangedStaticConsequence;

    public static DiagnosticResult Constant(int location, string member, string type, string target) =>
        VerifyCS.Diagnostic(DiagnosticIds.STL1006_ConstantStaticCollectionIsMutable).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithLocation(location).WithArguments("field", member, type, target);
}
