using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// The values time members (<see cref="DateTime"/>, <see cref="DateTimeOffset"/>, <see cref="TimeSpan"/> properties and
/// fields) of the compilation stand for, in any file: an expression-bodied getter (<c>Expiration =&gt; IssuedAt.Add(ValidFor)</c>)
/// or an initializer (<c>ValidFor { get; set; } = TimeSpan.FromMinutes(5)</c>). An initializer counts only while nothing in the
/// compilation assigns the member and its type is never bound from configuration (<c>Configure&lt;T&gt;(section)</c>,
/// <c>Bind</c>, <c>BindConfiguration</c>, <c>Get&lt;T&gt;</c>), since either may replace the default. Collected by the actions
/// <see cref="Register"/> adds; <see cref="ValueOf"/> is meant for compilation-end actions, when every file has been seen.
/// </summary>
internal sealed class TimeMemberValues
{
    private readonly ConcurrentDictionary<ISymbol, IOperation> _initializers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, IOperation> _bodies = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, byte> _written = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, byte> _bound = new(SymbolEqualityComparer.Default);

    private TimeMemberValues()
    {
    }

    /// <summary>Starts collecting for one compilation; the returned instance answers once the compilation has been analysed.</summary>
    public static TimeMemberValues Register(CompilationStartAnalysisContext context)
    {
        var values = new TimeMemberValues();
        context.RegisterOperationAction(values.OnInitializer, OperationKind.PropertyInitializer, OperationKind.FieldInitializer);
        context.RegisterOperationAction(values.OnWrite, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
        context.RegisterOperationAction(values.OnInvocation, OperationKind.Invocation);
        context.RegisterOperationBlockAction(values.OnBlock);
        return values;
    }

    /// <summary>The value a property or field read stands for, or null when it is unknown.</summary>
    public IOperation? ValueOf(IOperation reference)
    {
        ISymbol? member = reference switch
        {
            IPropertyReferenceOperation { Property: { IsIndexer: false } property } => property.OriginalDefinition,
            IFieldReferenceOperation { Field: { IsConst: false } field } => field.OriginalDefinition,
            _ => null,
        };

        if (member is null)
        {
            return null;
        }

        if (_bodies.TryGetValue(member, out var body))
        {
            return body;
        }

        return _initializers.TryGetValue(member, out var initializer)
            && !_written.ContainsKey(member)
            && !_bound.ContainsKey(member.ContainingType)
            ? initializer
            : null;
    }

    private void OnInitializer(OperationAnalysisContext context)
    {
        switch (context.Operation)
        {
            case IPropertyInitializerOperation initializer:
                foreach (var property in initializer.InitializedProperties)
                {
                    if (IsTimeType(property.Type))
                    {
                        _initializers.TryAdd(property.OriginalDefinition, initializer.Value);
                    }
                }

                break;
            case IFieldInitializerOperation initializer:
                foreach (var field in initializer.InitializedFields)
                {
                    if (IsTimeType(field.Type))
                    {
                        _initializers.TryAdd(field.OriginalDefinition, initializer.Value);
                    }
                }

                break;
        }
    }

    private void OnWrite(OperationAnalysisContext context)
    {
        var target = context.Operation switch
        {
            ISimpleAssignmentOperation assignment => assignment.Target,
            ICompoundAssignmentOperation compound => compound.Target,
            _ => null,
        };

        ISymbol? member = target switch
        {
            IPropertyReferenceOperation property => property.Property,
            IFieldReferenceOperation field => field.Field,
            _ => null,
        };

        if (member is not null && IsTimeType(member is IPropertySymbol p ? p.Type : ((IFieldSymbol)member).Type))
        {
            _written.TryAdd(member.OriginalDefinition, 0);
        }
    }

    /// <summary>Configuration binding: <c>Configure&lt;T&gt;(section)</c>, <c>Get&lt;T&gt;()</c>, <c>Bind(section)</c>, <c>BindConfiguration(path)</c>.</summary>
    private void OnInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Bind" or "BindConfiguration" or "Get" or "Configure"))
        {
            return;
        }

        var fromConfiguration = method.Name == "BindConfiguration";
        foreach (var argument in invocation.Arguments)
        {
            fromConfiguration |= IsConfiguration(argument.Value.Type);
        }

        if (!fromConfiguration)
        {
            return;
        }

        foreach (var type in method.TypeArguments)
        {
            _bound.TryAdd(type.OriginalDefinition, 0);
        }

        foreach (var type in method.ContainingType.TypeArguments)
        {
            _bound.TryAdd(type.OriginalDefinition, 0);
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WithoutImplicitConversions()?.Type is { } type && !IsConfiguration(type))
            {
                _bound.TryAdd(type.OriginalDefinition, 0);
            }
        }
    }

    /// <summary>An expression-bodied getter (<c>DateTime Expiration =&gt; …</c>): its one returned value; not for overridable getters.</summary>
    private void OnBlock(OperationBlockAnalysisContext context)
    {
        if (context.OwningSymbol is not IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: IPropertySymbol property }
            || property.IsVirtual || property.IsOverride || property.IsAbstract
            || !IsTimeType(property.Type)
            || context.OperationBlocks.Length != 1
            || context.OperationBlocks[0] is not IBlockOperation { Operations.Length: 1 } block
            || block.Operations[0] is not IReturnOperation { ReturnedValue: { } returned })
        {
            return;
        }

        _bodies.TryAdd(property.OriginalDefinition, returned);
    }

    private static bool IsConfiguration(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (IsConfigurationInterface(type))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (IsConfigurationInterface(implemented))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsConfigurationInterface(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "IConfiguration" } && NamespaceNames.IsDeclaredIn(type, "Microsoft.Extensions.Configuration");

    private static bool IsTimeType(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type is INamedTypeSymbol { Name: nameof(DateTime) or nameof(DateTimeOffset) or nameof(TimeSpan), ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
    }
}
