using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ScaleOut;

/// <summary>
/// Is the compilation a test project? Yes when MSBuild says so (<c>build_property.IsTestProject = true</c>, visible to
/// analyzers once <c>IsTestProject</c> is a <c>CompilerVisibleProperty</c>), or when it references the assembly of a
/// test framework (xUnit v2/v3, NUnit, MSTest, TUnit), the test host that Microsoft.NET.Test.Sdk adds, or
/// Microsoft.AspNetCore.Mvc.Testing. References are the robust signal: they are present in every build, with or
/// without the MSBuild property, and a production project never references a test framework.
/// </summary>
internal static class TestProjectDetector
{
    public const string IsTestProjectKey = "build_property.IsTestProject";

    public static bool IsTestProject(Compilation compilation, AnalyzerOptions options)
    {
        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(IsTestProjectKey, out var value)
            && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            foreach (var marker in MetadataNames.TestFrameworkAssemblies)
            {
                if (string.Equals(assembly.Name, marker, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
