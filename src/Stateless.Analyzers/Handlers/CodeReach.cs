namespace Stateless.Analyzers.Handlers;

/// <summary>Who runs a piece of code, as far as the compilation shows.</summary>
internal enum CodeReach
{
    /// <summary>
    /// Neither handler code nor only startup code runs it, as far as the compilation shows: a callback registered at
    /// startup, a background loop, an override the framework calls, or the private machinery behind public surface.
    /// </summary>
    Unknown = 0,

    /// <summary>A public method with no caller in the compilation: the surface other assemblies' code calls.</summary>
    Uncalled,

    /// <summary>Every caller is startup code: the application being configured, once per process.</summary>
    Startup,

    /// <summary>Handler code runs it, directly or through calls within the compilation.</summary>
    Handler,
}
