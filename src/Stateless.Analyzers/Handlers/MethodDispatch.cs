using Microsoft.CodeAnalysis;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Handlers;

/// <summary>Which method a call can run (through overrides and interface implementations), and which methods a referenced library calls.</summary>
internal static class MethodDispatch
{
    /// <summary>True when a call to <paramref name="callee"/> can run <paramref name="method"/>.</summary>
    public static bool Calls(IMethodSymbol callee, IMethodSymbol method)
    {
        callee = (callee.ReducedFrom ?? callee).OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(callee, method))
        {
            return true;
        }

        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, callee))
            {
                return true;
            }
        }

        if (callee.ContainingType is { TypeKind: TypeKind.Interface } && method.ContainingType is { } implementer)
        {
            foreach (var implemented in implementer.AllInterfaces)
            {
                if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, callee.ContainingType))
                {
                    continue;
                }

                foreach (var member in implemented.GetMembers(callee.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, callee)
                        && implementer.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation
                        && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>An override of a referenced library's method (<c>BackgroundService.ExecuteAsync</c>): that library calls it.</summary>
    public static bool OverridesLibraryMethod(IMethodSymbol method)
    {
        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (!overridden.Locations.IsEmpty && !overridden.Locations[0].IsInSource)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The method implements a member of an interface from a referenced library (only ASP.NET Core's with
    /// <paramref name="aspNetCoreOnly"/>: <c>ITicketStore</c>, <c>IAuthorizationHandler</c>, called while requests are served).
    /// </summary>
    public static bool ImplementsLibraryInterface(IMethodSymbol method, bool aspNetCoreOnly)
    {
        if (method.IsStatic || method.ContainingType is not { } type)
        {
            return false;
        }

        bool IsLibraryInterface(INamedTypeSymbol implemented) =>
            !implemented.Locations.IsEmpty && !implemented.Locations[0].IsInSource
            && (!aspNetCoreOnly || NamespaceNames.IsOrIsInside(implemented.ContainingNamespace, "Microsoft.AspNetCore"));

        foreach (var explicitly in method.ExplicitInterfaceImplementations)
        {
            if (IsLibraryInterface(explicitly.ContainingType))
            {
                return true;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (!IsLibraryInterface(implemented))
            {
                continue;
            }

            foreach (var member in implemented.GetMembers(method.Name))
            {
                if (member is IMethodSymbol
                    && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation
                    && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
