using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>Whether a token handler created in the block is set to <c>SetDefaultTimesOnTokenCreation = false</c> (no default exp).</summary>
internal sealed class HandlerDefaultTimes
{
    private readonly IssuanceBlock _block;

    public HandlerDefaultTimes(IssuanceBlock block)
    {
        _block = block;
    }

    /// <summary>Is this handler (a creation, or a local created in this method) set to <c>SetDefaultTimesOnTokenCreation = false</c>?</summary>
    public bool Disabled(IOperation? handler)
    {
        handler = handler.WithoutImplicitConversions();
        switch (handler)
        {
            case IObjectCreationOperation creation:
                return InitializerDisables(creation) || (MethodIndex.StoredIn(creation) is { } stored && AssignmentsDisable(stored));
            case ILocalReferenceOperation local:
                foreach (var value in _block.Index.ValuesOf(local.Local))
                {
                    if (value.WithoutImplicitConversions() is IObjectCreationOperation created && InitializerDisables(created))
                    {
                        return true;
                    }
                }

                return AssignmentsDisable(local.Local);
            default:
                return false;
        }
    }

    private static bool InitializerDisables(IObjectCreationOperation creation)
    {
        if (creation.Initializer is null)
        {
            return false;
        }

        foreach (var item in creation.Initializer.Initializers)
        {
            if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SetDefaultTimesOnTokenCreation" } } assignment
                && ConstantFolding.TryFoldBoolean(assignment.Value, out var value) && !value)
            {
                return true;
            }
        }

        return false;
    }

    private bool AssignmentsDisable(ILocalSymbol local)
    {
        foreach (var reference in _block.Index.ReferencesTo(local))
        {
            if (reference.Parent is IPropertyReferenceOperation { Property.Name: "SetDefaultTimesOnTokenCreation" } property
                && property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property
                && ConstantFolding.TryFoldBoolean(assignment.Value, out var value) && !value)
            {
                return true;
            }
        }

        return false;
    }
}
