using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Handlers;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// The types a project registers as singletons, collected from every file of the compilation:
/// <c>AddSingleton&lt;T&gt;()</c>, <c>AddSingleton&lt;TService, TImpl&gt;()</c>, <c>AddSingleton(typeof(T))</c>,
/// <c>AddSingleton(typeof(TService), typeof(TImpl))</c>, instances (<c>AddSingleton(new T())</c>), factories
/// (<c>AddSingleton(sp =&gt; new T(...))</c>), the keyed and <c>TryAdd</c> forms, <c>ServiceDescriptor.Singleton</c>, and
/// convention middleware added with <c>UseMiddleware&lt;T&gt;()</c> (one instance for the app's lifetime).
/// One instance per compilation start; the set is complete only in a compilation-end action.
/// </summary>
internal sealed class SingletonRegistrations
{
    private static readonly NameSet RegistrationNames = new(
        "AddSingleton", "TryAddSingleton", "AddKeyedSingleton", "TryAddKeyedSingleton", "Singleton", "KeyedSingleton", "UseMiddleware");

    /// <summary>Scoped and transient registrations: their instances are per request, but their statics are per process.</summary>
    private static readonly NameSet OtherLifetimeNames = new(
        "AddScoped", "TryAddScoped", "AddKeyedScoped", "TryAddKeyedScoped", "Scoped", "KeyedScoped",
        "AddTransient", "TryAddTransient", "AddKeyedTransient", "TryAddKeyedTransient", "Transient", "KeyedTransient");

    private readonly INamedTypeSymbol? _serviceExtensions;
    private readonly INamedTypeSymbol? _descriptorExtensions;
    private readonly INamedTypeSymbol? _serviceDescriptor;
    private readonly INamedTypeSymbol? _useMiddleware;
    private readonly INamedTypeSymbol? _middlewareInterface;
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _types = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _otherServices = new(SymbolEqualityComparer.Default);

    private SingletonRegistrations(WellKnownTypes types)
    {
        _serviceExtensions = types.Get(MetadataNames.ServiceCollectionServiceExtensions);
        _descriptorExtensions = types.Get(MetadataNames.ServiceCollectionDescriptorExtensions);
        _serviceDescriptor = types.Get(MetadataNames.ServiceDescriptor);
        _useMiddleware = types.Get(MetadataNames.UseMiddlewareExtensions);
        _middlewareInterface = types.Get(MetadataNames.IMiddleware);
    }

    /// <summary>Null when the compilation references neither dependency injection nor middleware registration.</summary>
    public static SingletonRegistrations? Create(Compilation compilation)
    {
        var registrations = new SingletonRegistrations(WellKnownTypes.GetOrCreate(compilation));
        return registrations._serviceExtensions is null && registrations._descriptorExtensions is null && registrations._useMiddleware is null
            ? null
            : registrations;
    }

    /// <summary>Registers the invocation action that collects registrations.</summary>
    public void Register(CompilationStartAnalysisContext context) =>
        context.RegisterOperationAction(operationContext => Collect((IInvocationOperation)operationContext.Operation), OperationKind.Invocation);

    /// <summary>The registered singleton types (original definitions). Complete only at compilation end.</summary>
    public ICollection<INamedTypeSymbol> Types => _types.Keys;

    /// <summary>Types registered as scoped or transient services (original definitions). Complete only at compilation end.</summary>
    public ICollection<INamedTypeSymbol> OtherServices => _otherServices.Keys;

    /// <summary>True when the type, or a type derived from it, was registered as a singleton (complete only at compilation end).</summary>
    public bool IsSingletonOrBaseOfSingleton(INamedTypeSymbol type)
    {
        type = type.OriginalDefinition;
        foreach (var registered in _types.Keys)
        {
            if (TypeHierarchy.IsOrInheritsFrom(registered, type))
            {
                return true;
            }
        }

        return false;
    }

    private void Collect(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var isSingleton = RegistrationNames.Contains(method.Name);
        if (!isSingleton && !OtherLifetimeNames.Contains(method.Name) || method.ContainingType?.OriginalDefinition is not { } containing)
        {
            return;
        }

        var isMiddleware = method.Name == "UseMiddleware";
        if (isMiddleware ? !SymbolEqualityComparer.Default.Equals(containing, _useMiddleware)
            : !SymbolEqualityComparer.Default.Equals(containing, _serviceExtensions)
              && !SymbolEqualityComparer.Default.Equals(containing, _descriptorExtensions)
              && !SymbolEqualityComparer.Default.Equals(containing, _serviceDescriptor))
        {
            return;
        }

        var registered = RegisteredType(invocation);
        if (registered is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } named)
        {
            return;
        }

        // IMiddleware implementations are resolved from DI per request; only convention middleware is a singleton.
        if (isMiddleware && TypeHierarchy.Implements(named, _middlewareInterface))
        {
            return;
        }

        (isSingleton ? _types : _otherServices).TryAdd(named.OriginalDefinition, true);
    }

    /// <summary>The implementation a registration names (a type argument, <c>typeof</c>, an instance or a factory's product), else its service type.</summary>
    private static ITypeSymbol? RegisteredType(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        ITypeSymbol? serviceType = null;
        ITypeSymbol? implementation = null;
        if (method.TypeArguments.Length == 2)
        {
            implementation = method.TypeArguments[1];
        }
        else if (method.TypeArguments.Length == 1)
        {
            serviceType = method.TypeArguments[0];
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value.WithoutConversions();
            switch (argument.Parameter?.Name)
            {
                case "serviceType" or "service" or "middleware" when value is ITypeOfOperation typeOf:
                    serviceType = typeOf.TypeOperand;
                    break;
                case "implementationType" when value is ITypeOfOperation typeOf:
                    implementation = typeOf.TypeOperand;
                    break;
                case "implementationInstance" when value?.Type is { TypeKind: TypeKind.Class } instanceType:
                    implementation = instanceType;
                    break;
                case "implementationFactory":
                    implementation = FactoryProduct(value) ?? implementation;
                    break;
            }
        }

        return implementation ?? serviceType;
    }

    /// <summary>The type a factory lambda creates with <c>new</c>, when it returns one.</summary>
    private static ITypeSymbol? FactoryProduct(IOperation? factory)
    {
        HandlerRecognizer.GetDelegateTarget(factory, out var lambda, out _);
        if (lambda is null)
        {
            return null;
        }

        foreach (var operation in lambda.Body.Descendants())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned } && returned.WithoutConversions() is IObjectCreationOperation { Type: { } created })
            {
                return created;
            }
        }

        return null;
    }
}
