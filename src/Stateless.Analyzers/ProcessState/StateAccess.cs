using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>How an expression that reads a field, property or local is used by the code around it.</summary>
public enum StateAccessKind
{
    /// <summary>Only read.</summary>
    Read = 0,

    /// <summary>Assigned, incremented, compound-assigned, or passed by <c>ref</c>/<c>out</c>.</summary>
    Write,

    /// <summary>Its contents are changed in place: a mutating call, or an indexer or element set.</summary>
    Mutation,

    /// <summary>Handed to other code as a mutable type (an argument or an assignment), which may change it.</summary>
    Escape,
}

/// <summary>
/// Classifies one use of a member or local by walking up its parent operations. Shared by every rule that asks
/// "is this state written here?", so they agree on what a write is.
/// </summary>
internal static class StateAccess
{
    /// <summary>Calls that change a collection, buffer or cache in place (the catalog's "mutating call").</summary>
    public static readonly NameSet MutatingMethodNames = new(
        "Add", "AddRange", "AddFirst", "AddLast", "AddBefore", "AddAfter", "Insert", "InsertRange",
        "TryAdd", "AddOrUpdate", "GetOrAdd", "TryUpdate", "Remove", "RemoveAt", "RemoveAll", "RemoveRange",
        "RemoveWhere", "RemoveFirst", "RemoveLast", "TryRemove", "Clear", "Enqueue", "EnqueueRange", "Dequeue",
        "TryDequeue", "DequeueEnqueue", "EnqueueDequeue", "Push", "PushRange", "Pop", "TryPop", "TryPopRange",
        "Take", "TryTake", "Append", "AppendLine", "AppendFormat", "AppendJoin", "Replace", "Sort", "Reverse",
        "UnionWith", "IntersectWith", "ExceptWith", "SymmetricExceptWith", "Set", "CreateEntry", "Compact",
        "TrimExcess", "EnsureCapacity", "Write", "WriteByte", "SetLength", "Fill");

    /// <summary>Calls that only read a collection; anything else on a mutable collection counts as a possible change.</summary>
    public static readonly NameSet ReadOnlyMethodNames = new(
        "TryGetValue", "ContainsKey", "ContainsValue", "Contains", "IndexOf", "LastIndexOf", "Find", "FindAll",
        "FindIndex", "FindLast", "FindLastIndex", "Exists", "TrueForAll", "GetEnumerator", "ToArray", "ToList",
        "ToString", "Equals", "GetHashCode", "GetType", "CopyTo", "BinarySearch", "GetValueOrDefault", "ConvertAll",
        "GetRange", "AsReadOnly", "IsSubsetOf", "IsSupersetOf", "IsProperSubsetOf", "IsProperSupersetOf", "Overlaps",
        "SetEquals", "Peek", "TryPeek", "AsSpan", "ForEach", "GetAlternateLookup", "TryGetAlternateLookup");

    /// <summary>The framework members that only read an array handed to them (<see cref="MetadataNames.ReadOnlyArraySinks"/>).</summary>
    private static readonly (MetadataNameSet Types, NameSet Members)[] ReadOnlyArraySinks = Sinks(MetadataNames.ReadOnlyArraySinks);

    /// <summary>The framework members that only read a stream handed to them (<see cref="MetadataNames.ReadOnlyStreamSinks"/>).</summary>
    private static readonly (MetadataNameSet Types, NameSet Members)[] ReadOnlyStreamSinks = Sinks(MetadataNames.ReadOnlyStreamSinks);

    private static readonly MetadataNameSet MemoryStream = new(new[] { MetadataNames.MemoryStream });

    private static readonly MetadataNameSet ViewBagOwners = new(MetadataNames.ViewBagOwners);

    private static readonly MetadataNameSet ViewDataDictionary = new(new[] { MetadataNames.ViewDataDictionary });

    /// <summary>
    /// Classifies the use of <paramref name="reference"/> (a field, property, local or parameter reference).
    /// With <paramref name="strictMutation"/> any call not known to be read-only counts as a mutation;
    /// otherwise only <see cref="MutatingMethodNames"/> do.
    /// </summary>
    public static StateAccessKind Classify(IOperation reference, bool strictMutation)
    {
        // Look through implicit conversions: s_map handed on as an IDictionary<K, V> is still s_map.
        var current = reference.WithEnclosingImplicitConversions();
        var parent = current.Parent;

        switch (parent)
        {
            case IAssignmentOperation assignment when assignment.Target == current:
                return StateAccessKind.Write;
            case IAssignmentOperation assignment when assignment.Value == current && assignment is ISimpleAssignmentOperation:
                return IsViewData(assignment.Target) || IsReadOnlyArraySetter(assignment.Target, current) ? StateAccessKind.Read : StateAccessKind.Escape;
            case IIncrementOrDecrementOperation:
                return StateAccessKind.Write;
            case IArgumentOperation argument:
                return ClassifyArgument(argument, strictMutation);
            case IInvocationOperation invocation when invocation.Instance == current:
                return IsMutatingCall(invocation.TargetMethod, strictMutation) ? StateAccessKind.Mutation : StateAccessKind.Read;
            case IPropertyReferenceOperation property when property.Instance == current:
                return property.IsWriteTarget() ? StateAccessKind.Mutation : StateAccessKind.Read;
            case IArrayElementReferenceOperation element when element.ArrayReference == current:
                return element.IsWriteTarget() ? StateAccessKind.Mutation : StateAccessKind.Read;
            case IFieldReferenceOperation field when field.Instance == current:
                // Writing a field of a struct held in this member changes this member.
                return field.IsWriteTarget() && current.Type?.IsValueType == true ? StateAccessKind.Mutation : StateAccessKind.Read;
            default:
                return StateAccessKind.Read;
        }
    }

    /// <summary>
    /// <c>ViewBag.X</c> or <c>ViewData["x"]</c>: a value handed to the view this request renders, which reads it (a
    /// constant list of select items stays constant).
    /// </summary>
    private static bool IsViewData(IOperation target) => target switch
    {
        IDynamicMemberReferenceOperation { Instance: IPropertyReferenceOperation { Property: { Name: "ViewBag" } viewBag } } =>
            viewBag.ContainingType is { } owner && ViewBagOwners.ContainsSelfOrBase(owner),
        IPropertyReferenceOperation { Property.IsIndexer: true, Property.ContainingType: { } dictionary } => ViewDataDictionary.ContainsSelfOrBase(dictionary),
        _ => false,
    };

    private static StateAccessKind ClassifyArgument(IArgumentOperation argument, bool strictMutation)
    {
        var parameter = argument.Parameter;
        if (parameter is null)
        {
            return StateAccessKind.Read;
        }

        if (parameter.RefKind is RefKind.Ref or RefKind.Out)
        {
            return StateAccessKind.Write;
        }

        // An extension method called on the member: s_map.TryAdd(k, v) through CollectionExtensions. One that takes it
        // as a read-only type (extensions.Join(", ") on IEnumerable<string>) cannot change it, whatever its name.
        if (argument.Parent is IInvocationOperation invocation
            && invocation.TargetMethod.IsExtensionMethod
            && parameter.Ordinal == 0)
        {
            return IsMutableParameterType(parameter.Type) && IsMutatingCall(invocation.TargetMethod, strictMutation) ? StateAccessKind.Mutation : StateAccessKind.Read;
        }

        return strictMutation && IsMutableParameterType(parameter.Type) && !OnlyReadsArray(argument) ? StateAccessKind.Escape : StateAccessKind.Read;
    }

    /// <summary>
    /// Framework members that only read an array handed to them by value: constant bytes served as a file or written to
    /// a stream (a 1x1 pixel, a default avatar, a delimiter) stay constant (<see cref="MetadataNames.ReadOnlyArraySinks"/>).
    /// </summary>
    private static bool OnlyReadsArray(IArgumentOperation argument)
    {
        if (argument.Parameter?.Type is not IArrayTypeSymbol)
        {
            return false;
        }

        if (IsSink(argument, ReadOnlyArraySinks))
        {
            return true;
        }

        // new MemoryStream(bytes) handed straight to a file result: the response reads the stream, nothing writes it.
        return argument.Parent is IObjectCreationOperation { Constructor.ContainingType: { } created } stream
            && MemoryStream.Contains(created)
            && stream.WithEnclosingImplicitConversions().Parent is IArgumentOperation streamArgument
            && IsSink(streamArgument, ReadOnlyStreamSinks);
    }

    /// <summary>An array assigned to a framework property that only reads it (<c>DateTimeFormatInfo.AbbreviatedMonthNames</c>).</summary>
    private static bool IsReadOnlyArraySetter(IOperation target, IOperation value) =>
        value.Type is IArrayTypeSymbol
        && target is IPropertyReferenceOperation { Property: { ContainingType: { } type } property }
        && IsSinkMember(type, property.Name, ReadOnlyArraySinks);

    /// <summary>True when <paramref name="argument"/> is passed to one of <paramref name="sinks"/>' members.</summary>
    private static bool IsSink(IArgumentOperation argument, (MetadataNameSet Types, NameSet Members)[] sinks)
    {
        var method = argument.Parent switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };
        if (method?.ContainingType is not { } type)
        {
            return false;
        }

        return IsSinkMember(type, method.MethodKind == MethodKind.Constructor ? ".ctor" : method.Name, sinks);
    }

    /// <summary>True when <paramref name="member"/> of <paramref name="type"/> (<c>.ctor</c> for a constructor) is one of <paramref name="sinks"/>.</summary>
    private static bool IsSinkMember(INamedTypeSymbol type, string member, (MetadataNameSet Types, NameSet Members)[] sinks)
    {
        foreach (var sink in sinks)
        {
            if (sink.Members.Contains(member) && sink.Types.ContainsSelfOrBase(type))
            {
                return true;
            }
        }

        return false;
    }

    private static (MetadataNameSet Types, NameSet Members)[] Sinks((string Type, string[] Members)[] sinks) =>
        sinks.Select(sink => (new MetadataNameSet(new[] { sink.Type }), new NameSet(sink.Members))).ToArray();

    private static bool IsMutatingCall(IMethodSymbol method, bool strictMutation)
    {
        if (strictMutation)
        {
            return !ReadOnlyMethodNames.Contains(method.Name) && !IsReadOnlyLinq(method);
        }

        return MutatingMethodNames.Contains(method.Name);
    }

    private static bool IsReadOnlyLinq(IMethodSymbol method) =>
        method.IsExtensionMethod
        && NamespaceNames.IsNonMutatingOperators(method.ContainingType?.ContainingNamespace);

    private static bool IsMutableParameterType(ITypeSymbol type)
    {
        if (type.SpecialType is SpecialType.System_Object or SpecialType.System_String or SpecialType.System_Collections_IEnumerable
            || type.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
        {
            return false;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named)
        {
            var definition = named.OriginalDefinition.SpecialType;
            if (definition is SpecialType.System_Collections_Generic_IEnumerable_T
                or SpecialType.System_Collections_Generic_IReadOnlyList_T
                or SpecialType.System_Collections_Generic_IReadOnlyCollection_T)
            {
                return false;
            }

            var original = named.OriginalDefinition;
            if (original.Name is "IReadOnlyDictionary" or "IReadOnlySet"
                && NamespaceNames.IsDeclaredIn(original, "System.Collections.Generic"))
            {
                return false;
            }
        }

        return !type.IsValueType;
    }
}
