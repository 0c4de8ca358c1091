using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>What a lambda is handed to: the assignment (<c>OnTokenValidated = context =&gt; …</c>) or argument it is the value of.</summary>
internal static class LambdaConsumer
{
    public static IOperation? Of(IAnonymousFunctionOperation function)
    {
        return function.WithEnclosingDelegateCreation().Parent;
    }
}
