using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>STL2009: reads inside the bearer handler's callbacks, where the request's token is already validated or already refused.</summary>
internal static class BearerEventCallbacks
{
    /// <summary>
    /// Inside an <c>OnTokenValidated</c> handler (or a <c>JwtBearerEvents.TokenValidated</c> override) the bearer
    /// handler has already validated the request's token.
    /// </summary>
    public static bool InsideTokenValidatedEvent(IOperation read, ISymbol owningSymbol)
    {
        if (owningSymbol is IMethodSymbol { Name: "TokenValidated", IsOverride: true })
        {
            return true;
        }

        for (var current = read.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function
                && LambdaConsumer.Of(function) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "OnTokenValidated" } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Inside a failure callback of the bearer handler (<c>OnAuthenticationFailed</c>, <c>OnChallenge</c>, <c>OnForbidden</c>,
    /// or the matching <c>JwtBearerEvents</c> overrides) the request is already refused: reading the rejected token there
    /// explains the failure and can grant nothing, unless the callback turns the failure into a success
    /// (<c>context.Success()</c>, or a <c>Principal</c> assigned).
    /// </summary>
    public static bool InsideFailureEvent(IOperation read, ISymbol owningSymbol, UnvalidatedTokenSymbols symbols)
    {
        IOperation? body = null;
        if (owningSymbol is IMethodSymbol { IsOverride: true, Name: "AuthenticationFailed" or "Challenge" or "Forbidden" } method
            && symbols.IsBearerEvents(method.ContainingType))
        {
            body = read;
            while (body.Parent is not null)
            {
                body = body.Parent;
            }
        }

        for (var current = read.Parent; body is null && current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function
                && LambdaConsumer.Of(function) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "OnAuthenticationFailed" or "OnChallenge" or "OnForbidden" } callback } }
                && symbols.IsBearerEvents(callback.ContainingType))
            {
                body = function.Body;
            }
        }

        if (body is null)
        {
            return false;
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Success" }
                || operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Principal" } })
            {
                return false;
            }
        }

        return true;
    }
}
