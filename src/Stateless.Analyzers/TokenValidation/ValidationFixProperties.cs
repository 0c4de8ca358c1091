namespace Stateless.Analyzers.TokenValidation;

/// <summary>What <see cref="TokenValidationAnalyzer"/> hands its fixes through <c>Diagnostic.Properties</c>.</summary>
public static class ValidationFixProperties
{
    /// <summary>Diagnostic property: the algorithm family of the configured signing key(s), when there is exactly one.</summary>
    public const string KeyFamilyProperty = "KeyFamily";

    /// <summary>
    /// Diagnostic property (STL2001, in place): the expression that holds the parameters, e.g.
    /// <c>options.TokenValidationParameters</c>; the diagnostic's additional location is the statement after which
    /// the fix adds <c>ValidAlgorithms</c>.
    /// </summary>
    public const string HolderProperty = "Holder";

    /// <summary>Diagnostic property (STL2007): the configured maximum clock skew in ticks.</summary>
    public const string MaxClockSkewTicksProperty = "MaxClockSkewTicks";
}
