using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>How a reference to a member or local changes the state it names.</summary>
internal enum StateWriteKind
{
    /// <summary>Not a write (a read, or handed to other code).</summary>
    None = 0,

    /// <summary>Assigned, incremented, compound-assigned, or passed by <c>ref</c>/<c>out</c> (<c>Interlocked.Increment(ref x)</c>).</summary>
    Assignment,

    /// <summary>A collection, cache, array or buffer it holds is changed in place (mutating call, indexer or element set).</summary>
    CollectionMutation,

    /// <summary>A property or field of the object it holds is set (<c>s_stats.Count++</c>).</summary>
    MemberWrite,
}

/// <summary>
/// The process-state rules' shared answer to "does this reference write state, and where?", built on
/// <see cref="StateAccess"/>: mutating calls count only on mutable collection, cache or buffer types, and LINQ
/// operators with mutating-sounding names (<c>Append</c>, <c>Take</c>, <c>Reverse</c>) never do.
/// </summary>
internal static class StateWrites
{
    /// <summary>Cache writes not in <see cref="StateAccess.MutatingMethodNames"/>.</summary>
    private static readonly NameSet ExtraMutatingNames = new(
        "GetOrCreate", "GetOrCreateAsync", "TryAddOrUpdate");

    /// <summary>
    /// Calls that empty a whole cache (<c>cache.Clear()</c>, <c>cache.Compact(0.5)</c>): nothing is stored, and no one
    /// client's entry is singled out. (<c>Remove(requestId)</c> takes an entry a request named: it stays a write.)
    /// </summary>
    private static readonly NameSet EvictionNames = new(
        "Clear", "Compact");

    /// <summary>
    /// Classifies <paramref name="reference"/> (a field, property, local or parameter reference) and returns the
    /// operation that performs the write (the assignment, increment, or call) in <paramref name="write"/>.
    /// </summary>
    public static StateWriteKind Classify(IOperation reference, StateTypeClassifier classifier, out IOperation write) =>
        Classify(reference, classifier, out write, throughElement: true);

    private static StateWriteKind Classify(IOperation reference, StateTypeClassifier classifier, out IOperation write, bool throughElement)
    {
        write = reference;
        var current = reference.WithEnclosingImplicitConversions();
        var parent = current.Parent;

        switch (parent)
        {
            case IAssignmentOperation assignment when assignment.Target == current:
                write = assignment;
                return StateWriteKind.Assignment;
            case IIncrementOrDecrementOperation increment:
                write = increment;
                return StateWriteKind.Assignment;
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                write = argument.Parent ?? argument;
                return StateWriteKind.Assignment;
            case IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } invocation }
                when IsMutatingCall(invocation.TargetMethod) && classifier.IsMutableStateType(reference.Type) && !IsEviction(invocation, reference, classifier):
                write = invocation;
                return StateWriteKind.CollectionMutation;
            case IInvocationOperation invocation when invocation.Instance == current
                && IsMutatingCall(invocation.TargetMethod) && classifier.IsMutableStateType(reference.Type) && !IsEviction(invocation, reference, classifier):
                write = invocation;
                return StateWriteKind.CollectionMutation;
            case IPropertyReferenceOperation property when property.Instance == current && property.WriteOf() is { } propertyWrite:
                write = propertyWrite;
                return property.Property.IsIndexer
                    ? classifier.IsMutableStateType(reference.Type) ? StateWriteKind.CollectionMutation : StateWriteKind.None
                    : StateWriteKind.MemberWrite;
            case IArrayElementReferenceOperation element when element.ArrayReference == current && element.WriteOf() is { } elementWrite:
                write = elementWrite;
                return StateWriteKind.CollectionMutation;
            case IFieldReferenceOperation field when field.Instance == current && field.WriteOf() is { } fieldWrite:
                write = fieldWrite;
                return StateWriteKind.MemberWrite;
            // OnlineUsers[name].Add(connectionId), s_scores[i].Points++: an element read from the collection is changed in place.
            case IPropertyReferenceOperation { Property.IsIndexer: true } element when throughElement && element.Instance == current
                && classifier.IsMutableStateType(reference.Type) && Classify(element, classifier, out var elementWrite, throughElement: false) != StateWriteKind.None:
                write = elementWrite;
                return StateWriteKind.CollectionMutation;
            case IArrayElementReferenceOperation element when throughElement && element.ArrayReference == current
                && Classify(element, classifier, out var arrayWrite, throughElement: false) != StateWriteKind.None:
                write = arrayWrite;
                return StateWriteKind.CollectionMutation;
            default:
                return StateWriteKind.None;
        }
    }

    /// <summary>
    /// The first parameter of the writing method used in <paramref name="write"/> (a lambda's own parameters do not
    /// count): a value of this call, not of the process, such as the caller's token put into shared default headers.
    /// </summary>
    public static string? ParameterIn(IOperation write)
    {
        foreach (var node in write.DescendantsAndSelf())
        {
            if (node is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: not MethodKind.AnonymousFunction } } parameter)
            {
                return parameter.Parameter.Name;
            }
        }

        return null;
    }

    /// <summary>True for a call that changes a collection or cache in place (LINQ and immutable-collection operators never do).</summary>
    public static bool IsMutatingCall(IMethodSymbol method)
    {
        if (!StateAccess.MutatingMethodNames.Contains(method.Name) && !ExtraMutatingNames.Contains(method.Name))
        {
            return false;
        }

        if (method.IsExtensionMethod
            && NamespaceNames.IsNonMutatingOperators(method.ContainingNamespace))
        {
            return false;
        }

        return true;
    }

    /// <summary>Emptying an in-process cache: a miss recomputes what it drops, so it creates no state.</summary>
    private static bool IsEviction(IInvocationOperation invocation, IOperation reference, StateTypeClassifier classifier) =>
        EvictionNames.Contains(invocation.TargetMethod.Name) && classifier.IsMemoryCache(reference.Type);
}
