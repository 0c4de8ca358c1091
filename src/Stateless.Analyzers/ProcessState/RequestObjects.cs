using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// Objects that belong to one request: <c>HttpContext</c>, <c>HttpRequest</c>, <c>HttpResponse</c>,
/// <c>ConnectionInfo</c>, <c>ISession</c>, and a <c>ClaimsPrincipal</c> taken from the request (a <c>User</c>
/// property, a handler parameter, or a local holding one). <c>IHttpContextAccessor</c> is not one: it reads the
/// current request's context each time.
/// </summary>
internal sealed class RequestObjects
{
    private const int MaxDepth = 4;

    private readonly ImmutableArray<INamedTypeSymbol> _classes;
    private readonly INamedTypeSymbol? _session;
    private readonly INamedTypeSymbol? _claimsPrincipal;

    /// <summary>Type definition → implements <c>ISession</c>; the interface is not generic, so the definition answers for every construction.</summary>
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _sessionImplementers = ConcurrentCache.Create<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

    private RequestObjects(WellKnownTypes types)
    {
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in new[] { MetadataNames.HttpContext, MetadataNames.HttpRequest, MetadataNames.HttpResponse, MetadataNames.ConnectionInfo })
        {
            if (types.Get(name) is { } type)
            {
                builder.Add(type);
            }
        }

        _classes = builder.ToImmutable();
        _session = types.Get(MetadataNames.ISession);
        _claimsPrincipal = types.Get(MetadataNames.ClaimsPrincipal);
    }

    public static RequestObjects Create(Compilation compilation) => new(WellKnownTypes.GetOrCreate(compilation));

    /// <summary>True when ASP.NET Core's request types are referenced.</summary>
    public bool IsAvailable => !_classes.IsEmpty;

    /// <summary>True for a request-scoped type, including <c>ClaimsPrincipal</c>.</summary>
    public bool IsRequestObjectType(ITypeSymbol? type) => RequestTypeName(type) is not null || IsPrincipal(type);

    /// <summary>
    /// A description such as <c>The request's HttpContext</c> when <paramref name="value"/> is a request object, else null.
    /// </summary>
    public string? Describe(IOperation? value)
    {
        value = value.WithoutConversions();
        if (value?.Type is not { } type || value is IDefaultValueOperation || value.ConstantValue.HasValue)
        {
            return null;
        }

        if (RequestTypeName(type) is { } name)
        {
            return "The request's " + name;
        }

        return IsPrincipal(type) && FromRequest(value, 0) ? "The request's ClaimsPrincipal" : null;
    }

    private string? RequestTypeName(ITypeSymbol? type)
    {
        if (TypeHierarchy.FirstSelfOrBaseIn(type, _classes) is { } requestClass)
        {
            return requestClass.Name;
        }

        if (_session is null || type is null)
        {
            return null;
        }

        var definition = type.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition, _session))
        {
            return _session.Name;
        }

        if (!_sessionImplementers.TryGetValue(definition, out var implements))
        {
            implements = definition.AllInterfaces.Contains(_session, SymbolEqualityComparer.Default);
            _sessionImplementers.TryAdd(definition, implements);
        }

        return implements ? _session.Name : null;
    }

    private bool IsPrincipal(ITypeSymbol? type)
    {
        return TypeHierarchy.IsOrInheritsFrom(type, _claimsPrincipal);
    }

    /// <summary>A principal that comes from the request: <c>User</c>, <c>HttpContext.User</c>, a handler parameter, a local holding one.</summary>
    private static bool FromRequest(IOperation? value, int depth)
    {
        value = value.WithoutConversions();
        if (value is null || depth > MaxDepth)
        {
            return false;
        }

        return value switch
        {
            IPropertyReferenceOperation { Property.Name: "User" } => true,
            IParameterReferenceOperation => true,
            IConditionalAccessOperation conditional => FromRequest(conditional.WhenNotNull, depth + 1),
            ICoalesceOperation coalesce => FromRequest(coalesce.Value, depth + 1) || FromRequest(coalesce.WhenNull, depth + 1),
            ILocalReferenceOperation local => FromRequest(ConstantFolding.SingleAssignment(local), depth + 1),
            _ => false,
        };
    }
}
