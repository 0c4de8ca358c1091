using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>One claim seen flowing into a token: its type (null when not a constant), its value, where it was written.</summary>
internal sealed class ClaimEntry
{
    public ClaimEntry(string? type, IOperation? value, IOperation origin)
    {
        Type = type;
        Value = value;
        Origin = origin;
    }

    public string? Type { get; }

    public IOperation? Value { get; }

    public IOperation Origin { get; }
}

/// <summary>
/// The claims a token is built from, as far as the method shows them. <see cref="Open"/> means some claims come
/// from somewhere the method does not show (a parameter, a field, a helper's result, a claim of unknown type), so
/// "the token lacks claim X" cannot be concluded.
/// </summary>
internal sealed class ClaimSet
{
    private readonly HashSet<string> _types = new(StringComparer.Ordinal);

    public List<ClaimEntry> Entries { get; } = new();

    public bool Open { get; set; }

    public void Add(ClaimEntry entry)
    {
        Entries.Add(entry);
        if (entry.Type is null)
        {
            Open = true;
        }
        else
        {
            _types.Add(entry.Type);
        }
    }

    public bool Has(string type) => _types.Contains(type);

    /// <summary>The claims are fully known and none has this type.</summary>
    public bool Lacks(string type) => !Open && !_types.Contains(type);
}

/// <summary>
/// Follows claims through arrays, collection initializers and expressions, <c>List.Add/AddRange</c>,
/// <c>ClaimsIdentity</c> (constructor, <c>AddClaim/AddClaims</c>), LINQ (<c>Concat</c>, <c>Append</c>,
/// <c>Select(x =&gt; new Claim(...))</c>, <c>ToList</c>) and claim dictionaries (<c>Add</c>, indexer, initializers),
/// through the method's locals.
/// </summary>
internal sealed class ClaimFlow
{
    private const int MaxDepth = 12;

    private const int MaxCalleeDepth = 2;

    private readonly MethodIndex _index;
    private readonly IssuanceTypes _types;
    private readonly HashSet<ILocalSymbol> _visiting = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _callees;
    private readonly int _calleeDepth;

    public ClaimFlow(MethodIndex index, IssuanceTypes types)
        : this(index, types, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), 0)
    {
    }

    private ClaimFlow(MethodIndex index, IssuanceTypes types, HashSet<IMethodSymbol> callees, int calleeDepth)
    {
        _index = index;
        _types = types;
        _callees = callees;
        _calleeDepth = calleeDepth;
    }

    /// <summary>A sequence of claims (<c>IEnumerable&lt;Claim&gt;</c>, arrays, lists, identities).</summary>
    public void Collection(IOperation? operation, ClaimSet set, int depth = 0)
    {
        operation = operation.WithoutConversions();
        if (operation is null || IsNull(operation))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            set.Open = true;
            return;
        }

        if (operation.Syntax is CollectionExpressionSyntax collectionExpression && operation.SemanticModel is { } model)
        {
            foreach (var element in collectionExpression.Elements)
            {
                switch (element)
                {
                    case ExpressionElementSyntax expressionElement:
                        Claim(model.GetOperation(expressionElement.Expression), set, depth + 1);
                        break;
                    case SpreadElementSyntax spread:
                        Collection(model.GetOperation(spread.Expression), set, depth + 1);
                        break;
                    default:
                        set.Open = true;
                        break;
                }
            }

            return;
        }

        switch (operation)
        {
            case IArrayCreationOperation array:
                if (array.Initializer is { } arrayInitializer)
                {
                    foreach (var element in arrayInitializer.ElementValues)
                    {
                        Claim(element, set, depth + 1);
                    }
                }

                return;

            case IObjectCreationOperation creation when IsClaimsIdentity(creation.Type):
                Identity(creation, set, depth);
                return;

            case IObjectCreationOperation creation when !IsFrameworkCollection(creation.Type):
                // A type of the application that yields claims (a claims builder) may add any claim in its constructor.
                set.Open = true;
                return;

            case IObjectCreationOperation creation:
                foreach (var argument in creation.Arguments)
                {
                    if (IsClaimSequence(argument.Value.Type))
                    {
                        Collection(argument.Value, set, depth + 1);
                    }
                }

                if (creation.Initializer is { } initializer)
                {
                    foreach (var item in initializer.Initializers)
                    {
                        if (item is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add)
                        {
                            Claim(add.Arguments[0].Value, set, depth + 1);
                        }
                        else
                        {
                            set.Open = true;
                        }
                    }
                }

                return;

            case ILocalReferenceOperation local:
                Local(local.Local, set, depth);
                return;

            case IAwaitOperation awaited:
                Collection(awaited.Operation, set, depth + 1);
                return;

            case IConditionalOperation conditional:
                Collection(conditional.WhenTrue, set, depth + 1);
                Collection(conditional.WhenFalse, set, depth + 1);
                return;

            case ICoalesceOperation coalesce:
                Collection(coalesce.Value, set, depth + 1);
                Collection(coalesce.WhenNull, set, depth + 1);
                return;

            case IPropertyReferenceOperation { Property.Name: "Claims", Instance: { } instance } when IsClaimsIdentity(instance.Type):
                Collection(instance, set, depth + 1);
                return;

            case IInvocationOperation invocation:
                Invocation(invocation, set, depth);
                return;

            default:
                set.Open = true;
                return;
        }
    }

    /// <summary>A claims dictionary (<c>SecurityTokenDescriptor.Claims</c>, <c>JwtPayload</c>).</summary>
    public void Dictionary(IOperation? operation, ClaimSet set, int depth = 0)
    {
        operation = operation.WithoutConversions();
        if (operation is null || IsNull(operation))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            set.Open = true;
            return;
        }

        switch (operation)
        {
            case IObjectCreationOperation creation:
                foreach (var argument in creation.Arguments)
                {
                    if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter?.Type is INamedTypeSymbol { IsGenericType: true } parameterType
                        && parameterType.Name.IndexOf("Dictionary", StringComparison.Ordinal) >= 0)
                    {
                        Dictionary(argument.Value, set, depth + 1);
                    }
                    else if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter?.Type.SpecialType != SpecialType.System_Int32
                        && argument.Parameter?.Type is not INamedTypeSymbol { Name: "IEqualityComparer" })
                    {
                        set.Open = true;
                    }
                }

                if (creation.Initializer is { } initializer)
                {
                    foreach (var item in initializer.Initializers)
                    {
                        DictionaryWrite(item, set, depth);
                    }
                }

                return;

            case ILocalReferenceOperation local:
                DictionaryLocal(local.Local, set, depth);
                return;

            default:
                set.Open = true;
                return;
        }
    }

    /// <summary>One write into a claims dictionary: <c>Add(k, v)</c>, <c>TryAdd(k, v)</c> or <c>[k] = v</c>.</summary>
    public bool DictionaryWrite(IOperation item, ClaimSet set, int depth)
    {
        switch (item)
        {
            case IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd", Arguments.Length: 2 } add:
                set.Add(new ClaimEntry(FoldType(add.Arguments[0].Value), add.Arguments[1].Value, add));
                return true;
            case IInvocationOperation { TargetMethod.Name: "AddClaim", Arguments.Length: 1 } addClaim:
                Claim(addClaim.Arguments[0].Value, set, depth + 1);
                return true;
            case IInvocationOperation { TargetMethod.Name: "AddClaims", Arguments.Length: 1 } addClaims:
                Collection(addClaims.Arguments[0].Value, set, depth + 1);
                return true;
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment:
                set.Add(new ClaimEntry(FoldType(indexer.Arguments[0].Value), assignment.Value, assignment));
                return true;
            case IInvocationOperation { TargetMethod.Name: "Remove" or "Clear" or "ContainsKey" or "TryGetValue" }:
                return true;
            default:
                set.Open = true;
                return false;
        }
    }

    /// <summary>A single claim expression.</summary>
    public void Claim(IOperation? operation, ClaimSet set, int depth)
    {
        operation = operation.WithoutConversions();
        if (operation is null || IsNull(operation))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            set.Open = true;
            return;
        }

        switch (operation)
        {
            case IObjectCreationOperation creation when IsClaim(creation.Type) && creation.Arguments.Length >= 2
                && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String:
                set.Add(new ClaimEntry(FoldType(creation.Arguments[0].Value), creation.Arguments[1].Value, creation));
                return;
            case ILocalReferenceOperation local when _visiting.Add(local.Local):
                try
                {
                    foreach (var value in _index.ValuesOf(local.Local))
                    {
                        Claim(value, set, depth + 1);
                    }
                }
                finally
                {
                    _visiting.Remove(local.Local);
                }

                return;
            case IConditionalOperation conditional:
                Claim(conditional.WhenTrue, set, depth + 1);
                Claim(conditional.WhenFalse, set, depth + 1);
                return;
            default:
                set.Open = true;
                return;
        }
    }

    /// <summary>Claims of a <c>ClaimsIdentity</c> creation: its claim arguments and an identity argument.</summary>
    private void Identity(IObjectCreationOperation creation, ClaimSet set, int depth)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || IsNull(argument.Value.WithoutConversions()!))
            {
                continue;
            }

            var type = argument.Value.Type;
            if (IsClaimSequence(type))
            {
                Collection(argument.Value, set, depth + 1);
            }
            else if (type?.SpecialType == SpecialType.System_String)
            {
                // authentication type, name type, role type
            }
            else if (argument.Value.WithoutConversions() is IObjectCreationOperation identity && IssuanceTypes.Is(identity.Type, _types.GenericIdentity))
            {
                // GenericIdentity adds only a name claim.
            }
            else
            {
                set.Open = true;
            }
        }

        if (creation.Initializer is not null)
        {
            set.Open = true;
        }
    }

    private void Local(ILocalSymbol local, ClaimSet set, int depth)
    {
        if (!_visiting.Add(local))
        {
            return;
        }

        try
        {
            foreach (var value in _index.ValuesOf(local))
            {
                Collection(value, set, depth + 1);
            }

            foreach (var reference in _index.ReferencesTo(local))
            {
                Use(reference, set, depth);
            }
        }
        finally
        {
            _visiting.Remove(local);
        }
    }

    /// <summary>How a use of a claims local changes its claims: additions are followed, unknown mutations open the set.</summary>
    private void Use(ILocalReferenceOperation reference, ClaimSet set, int depth)
    {
        var parent = MethodIndex.Consumer(reference, out var direct);
        switch (parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == direct:
                return;
            case IInvocationOperation invocation when invocation.Instance == direct:
                switch (invocation.TargetMethod.Name)
                {
                    case "Add" or "AddClaim" or "Insert" or "TryAddClaim" when invocation.Arguments.Length >= 1:
                        Claim(invocation.Arguments[invocation.Arguments.Length - 1].Value, set, depth + 1);
                        return;
                    case "AddRange" or "AddClaims" or "InsertRange" when invocation.Arguments.Length >= 1:
                        Collection(invocation.Arguments[invocation.Arguments.Length - 1].Value, set, depth + 1);
                        return;
                    default:
                        return; // reads: Count, Contains, ToArray, FindFirst, RemoveClaim ...
                }

            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == direct:
                if (indexer.Parent is ISimpleAssignmentOperation elementAssignment && elementAssignment.Target == indexer)
                {
                    Claim(elementAssignment.Value, set, depth + 1);
                }

                return;
            case IArrayElementReferenceOperation element when element.ArrayReference == direct:
                if (element.Parent is ISimpleAssignmentOperation arrayAssignment && arrayAssignment.Target == element)
                {
                    Claim(arrayAssignment.Value, set, depth + 1);
                }

                return;
            case IArgumentOperation argument when argument.Parent is IInvocationOperation call && !CanMutate(call, argument):
                return;
            case IArgumentOperation { Parent: IObjectCreationOperation }:
                return;
            case IArgumentOperation:
                set.Open = true;
                return;
            default:
                return;
        }
    }

    /// <summary>A call that receives the collection may add to it unless it is LINQ or takes a read-only view.</summary>
    private bool CanMutate(IInvocationOperation call, IArgumentOperation argument)
    {
        if (IssuanceTypes.Is(call.TargetMethod.ContainingType, _types.Enumerable))
        {
            return false;
        }

        if (argument.Parameter?.Type is INamedTypeSymbol parameterType)
        {
            var name = parameterType.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
            if (name is "System.Collections.Generic.IEnumerable<T>" or "System.Collections.Generic.IReadOnlyCollection<T>" or "System.Collections.Generic.IReadOnlyList<T>")
            {
                return false;
            }
        }

        // The handler and token constructors only read claims.
        return !_types.IsTokenHandler(call.TargetMethod.ContainingType);
    }

    private void Invocation(IInvocationOperation invocation, ClaimSet set, int depth)
    {
        var method = invocation.TargetMethod;
        if (IssuanceTypes.Is(method.ContainingType, _types.Enumerable))
        {
            switch (method.Name)
            {
                case "ToList" or "ToArray" or "AsEnumerable" or "Distinct" or "ToHashSet" or "Where" or "OrderBy" or "Take" or "Skip":
                    Collection(invocation.Arguments[0].Value, set, depth + 1);
                    return;
                case "Concat" or "Union" when invocation.Arguments.Length == 2:
                    Collection(invocation.Arguments[0].Value, set, depth + 1);
                    Collection(invocation.Arguments[1].Value, set, depth + 1);
                    return;
                case "Append" or "Prepend" when invocation.Arguments.Length == 2:
                    Collection(invocation.Arguments[0].Value, set, depth + 1);
                    Claim(invocation.Arguments[1].Value, set, depth + 1);
                    return;
                case "Select" when invocation.Arguments.Length == 2:
                    Projection(invocation.Arguments[1].Value, set, depth);
                    return;
                case "Empty":
                    return;
            }
        }

        // Claims an ASP.NET Core Identity store keeps for a user or role are application claims: a per-token jti
        // (or exp/aud) can never come from a store.
        if (method.Name is "GetClaimsAsync"
            && (IssuanceTypes.Is(method.ContainingType, _types.UserManager) || IssuanceTypes.Is(method.ContainingType, _types.RoleManager)))
        {
            set.Add(new ClaimEntry(StoredClaimsType, null, invocation));
            return;
        }

        if (!Callee(invocation, set, depth))
        {
            set.Open = true;
        }
    }

    /// <summary>
    /// A claims helper of the same file (<c>GetClaims(user)</c>, <c>BuildIdentity(user)</c>): the claims it returns.
    /// Only non-virtual methods and local functions declared once in the same syntax tree, two calls deep.
    /// </summary>
    private bool Callee(IInvocationOperation invocation, ClaimSet set, int depth)
    {
        var method = invocation.TargetMethod;
        var model = invocation.SemanticModel;
        if (model is null || _calleeDepth >= MaxCalleeDepth || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
            || method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree
            || !_callees.Add(method.OriginalDefinition))
        {
            return false;
        }

        try
        {
            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
            if (syntax is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax) || model.GetOperation(syntax) is not { } body)
            {
                return false;
            }

            var calleeFlow = new ClaimFlow(new MethodIndex(System.Collections.Immutable.ImmutableArray.Create(body)), _types, _callees, _calleeDepth + 1);
            var returns = 0;
            foreach (var operation in body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned } && OwnedBy(operation, body))
                {
                    returns++;
                    calleeFlow.Collection(returned, set, depth + 1);
                }
            }

            return returns > 0;
        }
        finally
        {
            _callees.Remove(method.OriginalDefinition);
        }
    }

    /// <summary>Is this return statement the method's own, not a nested lambda's or local function's?</summary>
    private static bool OwnedBy(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Placeholder type of claims loaded from an identity store (never a registered claim name).</summary>
    public const string StoredClaimsType = "\u0000stored";

    private void Projection(IOperation selector, ClaimSet set, int depth)
    {
        if (selector.WithoutConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
        {
            var any = false;
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned })
                {
                    any = true;
                    Claim(returned, set, depth + 1);
                }
            }

            if (any)
            {
                return;
            }
        }

        set.Open = true;
    }

    private void DictionaryLocal(ILocalSymbol local, ClaimSet set, int depth)
    {
        if (!_visiting.Add(local))
        {
            return;
        }

        try
        {
            foreach (var value in _index.ValuesOf(local))
            {
                Dictionary(value, set, depth + 1);
            }

            foreach (var reference in _index.ReferencesTo(local))
            {
                var parent = MethodIndex.Consumer(reference, out var direct);
                switch (parent)
                {
                    case IInvocationOperation invocation when invocation.Instance == direct:
                        DictionaryWrite(invocation, set, depth);
                        break;
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == direct
                        && indexer.Parent is ISimpleAssignmentOperation assignment && assignment.Target == indexer:
                        DictionaryWrite(assignment, set, depth);
                        break;
                    case IArgumentOperation argument when argument.Parent is IInvocationOperation call && CanMutate(call, argument):
                        set.Open = true;
                        break;
                }
            }
        }
        finally
        {
            _visiting.Remove(local);
        }
    }

    /// <summary>A claim type or dictionary key as a constant string, or null.</summary>
    public static string? FoldType(IOperation operation)
    {
        if (ConstantFolding.TryFoldString(operation, out var text))
        {
            return text;
        }

        var unwrapped = operation.WithoutImplicitConversions();
        if (unwrapped is IFieldReferenceOperation or IPropertyReferenceOperation && DeclaredValues.InitializerOf(unwrapped) is { } initializer
            && ConstantFolding.TryFoldString(initializer, out text))
        {
            return text;
        }

        return null;
    }

    private static bool IsNull(IOperation operation) =>
        operation.ConstantValue is { HasValue: true, Value: null } || operation is IDefaultValueOperation;

    private static bool IsFrameworkCollection(ITypeSymbol? type)
    {
        return NamespaceNames.IsOrIsInside(type?.ContainingNamespace, "System.Collections");
    }

    private bool IsClaim(ITypeSymbol? type) => TypeHierarchy.IsOrInheritsFrom(type, _types.Claim);

    private bool IsClaimsIdentity(ITypeSymbol? type) => TypeHierarchy.IsOrInheritsFrom(type, _types.ClaimsIdentity);

    private bool IsClaimSequence(ITypeSymbol? type)
    {
        if (type is null || _types.Claim is null)
        {
            return false;
        }

        if (type is IArrayTypeSymbol array)
        {
            return SymbolEqualityComparer.Default.Equals(array.ElementType, _types.Claim);
        }

        if (type is INamedTypeSymbol named && IsEnumerableOfClaim(named))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (IsEnumerableOfClaim(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsEnumerableOfClaim(INamedTypeSymbol type) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
        && SymbolEqualityComparer.Default.Equals(type.TypeArguments[0], _types.Claim);
}
