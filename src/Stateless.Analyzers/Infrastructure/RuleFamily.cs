namespace Stateless.Analyzers.Infrastructure;

/// <summary>The four rule families of the catalog (the diagnostic categories), as <see cref="AnalysisScope"/> asks about them.</summary>
internal enum RuleFamily
{
    /// <summary>STL10xx.</summary>
    ProcessState,

    /// <summary>STL11xx.</summary>
    ScaleOut,

    /// <summary>STL20xx.</summary>
    TokenValidation,

    /// <summary>STL30xx.</summary>
    TokenIssuance,
}
