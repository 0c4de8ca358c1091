using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>What a lambda is handed to: the assignment (<c>OnTokenValidated = context =&gt; …</c>) or argument it is the value of.</summary>
internal static class LambdaConsumer
{
    public static IOperation? Of(IAnonymousFunctionOperation function)
    {
        var outer = function.Parent;
        while (outer is IDelegateCreationOperation or IConversionOperation)
        {
            outer = outer.Parent;
        }

        return outer;
    }
}
