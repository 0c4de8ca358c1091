using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// Finds request identity in the key or value of a write: the user (<c>User</c>, claims, <c>Identity.Name</c>),
/// the connection or session (<c>Context.ConnectionId</c>, <c>Session.Id</c>), anything read from the
/// <c>HttpContext</c>/<c>HttpRequest</c>, route/query/header-bound parameters, and parameters or members named like
/// <c>userId</c>/<c>sessionId</c>/<c>clientId</c>/<c>tenantId</c>. State written with such a key or value is per-client.
/// Locals are followed to the value they are assigned once.
/// </summary>
internal sealed class RequestIdentity
{
    private const int MaxNodes = 256;
    private const int MaxDepth = 3;

    /// <summary>Name endings (lower case, without <c>_</c>) that identify a client, user, session or tenant.</summary>
    private static readonly string[] IdentitySuffixes =
    {
        "userid", "username", "userkey", "sessionid", "sessionkey", "clientid", "tenantid", "customerid", "accountid",
        "connectionid", "memberid", "ownerid", "principalid", "useridentifier", "email", "emailaddress", "login",
        "buyerid", "playerid", "visitorid", "deviceid", "subscriberid", "participantid", "cartid", "basketid",
    };

    /// <summary>Request members that describe the request or the server, not the client (<c>Host</c>: the address the server was reached at).</summary>
    private static readonly NameSet NonIdentityMembers = new(
        "TraceIdentifier", "RequestAborted", "RequestServices", "Features", "Response", "Method", "Scheme", "Protocol", "IsHttps",
        "ContentType", "ContentLength", "HasFormContentType", "Path", "PathBase", "Body", "BodyReader", "StatusCode", "HasStarted", "LocalPort", "LocalIpAddress",
        "Host");

    private static readonly char[] Whitespace = { '\r', '\n', '\t', ' ' };

    private static readonly string[] IdentityNames = { "user", "sub", "subject", "session", "principal" };

    private readonly ImmutableArray<INamedTypeSymbol> _identityTypes;
    private readonly ImmutableArray<INamedTypeSymbol> _bindingAttributes;
    private readonly ProcessResources _resources;

    private RequestIdentity(WellKnownTypes types, ProcessResources resources)
    {
        _resources = resources;
        _identityTypes = types.GetAll(MetadataNames.HttpContext, MetadataNames.HttpRequest, MetadataNames.ISession, MetadataNames.ConnectionInfo,
            MetadataNames.HubCallerContext, MetadataNames.ClaimsPrincipal, "System.Security.Claims.ClaimsIdentity", "System.Security.Claims.Claim",
            "System.Security.Principal.IIdentity", "System.Security.Claims.PrincipalExtensions");
        _bindingAttributes = types.GetAll(MetadataNames.FromRouteAttribute, MetadataNames.FromQueryAttribute, MetadataNames.FromHeaderAttribute);
    }

    public static RequestIdentity Create(Compilation compilation) => new(WellKnownTypes.GetOrCreate(compilation), ProcessResources.GetOrCreate(compilation));

    /// <summary>True for a name such as <c>userId</c>, <c>SessionId</c>, <c>tenant_id</c>, <c>user</c>.</summary>
    public static bool IsIdentityName(string name)
    {
        // Asked for every parameter, field and local that takes part in a write: compared in place, ignoring case
        // and underscores, instead of normalising the name into a new string each time.
        foreach (var identityName in IdentityNames)
        {
            if (EndsWithIgnoringCaseAndUnderscores(name, identityName, whole: true))
            {
                return true;
            }
        }

        foreach (var suffix in IdentitySuffixes)
        {
            if (EndsWithIgnoringCaseAndUnderscores(name, suffix, whole: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="name"/> without its underscores ends with the lower-case <paramref name="suffix"/>
    /// (or, with <paramref name="whole"/>, is exactly it), comparing ASCII letters case-insensitively.
    /// </summary>
    private static bool EndsWithIgnoringCaseAndUnderscores(string name, string suffix, bool whole)
    {
        var i = name.Length - 1;
        for (var j = suffix.Length - 1; j >= 0; j--, i--)
        {
            while (i >= 0 && name[i] == '_')
            {
                i--;
            }

            if (i < 0 || char.ToLowerInvariant(name[i]) != suffix[j])
            {
                return false;
            }
        }

        if (whole)
        {
            while (i >= 0 && name[i] == '_')
            {
                i--;
            }

            return i < 0;
        }

        return true;
    }

    /// <summary>
    /// The source text of the first request-identity value used in <paramref name="write"/> (its key, index or
    /// value), or null. <paramref name="state"/> (the written member itself) is skipped.
    /// </summary>
    public string? Find(IOperation? write, IOperation? state = null) => Find(write, state, 0);

    private string? Find(IOperation? write, IOperation? state, int depth)
    {
        if (write is null || depth > MaxDepth)
        {
            return null;
        }

        var pending = PendingStack(depth);
        try
        {
            return Search(write, state, depth, pending);
        }
        finally
        {
            // Do not keep operation trees alive from a thread-static stack.
            pending.Clear();
        }
    }

    private string? Search(IOperation write, IOperation? state, int depth, Stack<IOperation> pending)
    {
        var visited = 0;
        pending.Push(write);
        while (pending.Count > 0 && ++visited <= MaxNodes)
        {
            var node = pending.Pop();
            if (node == state)
            {
                continue;
            }

            // context.Request.Path, context.TraceIdentifier: describe the request, not the client; skip the whole access.
            if (node is IPropertyReferenceOperation { Property: { IsIndexer: false } described } && NonIdentityMembers.Contains(described.Name))
            {
                continue;
            }

            // new ConnectionFactory { UserName = … }: the member an initializer sets is not a value that is used; its value
            // is looked at through the assignment's other operand.
            if (node is IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false }
                && node.Parent is IAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation } initialized && initialized.Target == node)
            {
                continue;
            }

            var found = node switch
            {
                IParameterReferenceOperation parameter when IsIdentityParameter(parameter.Parameter) => Text(node),
                IPropertyReferenceOperation property when IsIdentityProperty(property) => Text(node),
                IFieldReferenceOperation field when field.Instance is not null and not IInstanceReferenceOperation && IsIdentityName(field.Field.Name)
                    && !IsConfigurationType(field.Field.ContainingType) => Text(node),
                IInvocationOperation invocation when IsIdentityType(invocation.TargetMethod.ContainingType) => Text(node),
                ILocalReferenceOperation local when ConstantFolding.SingleAssignment(local) is { } assigned && Find(assigned, null, depth + 1) is not null => local.Local.Name,
                _ => null,
            };

            if (found is not null)
            {
                return found;
            }

            // Push in reverse so the first operand (a key) is looked at first.
            foreach (var child in node.ChildOperations.Reverse())
            {
                pending.Push(child);
            }
        }

        return null;
    }

    /// <summary>One work stack per thread and nesting depth (locals are followed by a nested search), reused across calls.</summary>
    [ThreadStatic]
    private static Stack<IOperation>[]? s_pending;

    private static Stack<IOperation> PendingStack(int depth)
    {
        var stacks = s_pending ??= new Stack<IOperation>[MaxDepth + 1];
        return stacks[depth] ??= new Stack<IOperation>(32);
    }

    private bool IsIdentityParameter(IParameterSymbol parameter)
    {
        if (IsIdentityName(parameter.Name) || IsIdentityType(parameter.Type))
        {
            return true;
        }

        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass is { } cls && Contains(_bindingAttributes, cls))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsIdentityProperty(IPropertyReferenceOperation reference)
    {
        var property = reference.Property;
        if (property.IsIndexer)
        {
            // Request.Query["user"], Request.Headers["X-Client"]: the collection's owner decides.
            return reference.Instance is IPropertyReferenceOperation owner && IsIdentityProperty(owner);
        }

        if (property.Name is "User" or "ConnectionId" or "UserIdentifier" || IsIdentityName(property.Name))
        {
            // A connection factory's or an options object's UserName is the process's own account, not the caller.
            return IsIdentityType(property.ContainingType) || !IsConfigurationType(property.ContainingType);
        }

        if (NonIdentityMembers.Contains(property.Name))
        {
            return false;
        }

        // Anything read from the HttpContext, request, session, connection or principal (HttpContext.Session.Id,
        // context.Request.Cookies, User.Identity.Name, ...).
        return IsIdentityType(property.Type) || IsIdentityType(property.ContainingType);
    }

    /// <summary>
    /// A type that configures the process rather than describing a request: a process resource or its factory
    /// (RabbitMQ's <c>ConnectionFactory</c>), options and settings classes, credentials, builders, and configuration
    /// classes named for it first (<c>ConfigurationDataUserPasskey</c>, whose <c>Username</c> is this process's account
    /// on another system) or derived from one.
    /// </summary>
    private bool IsConfigurationType(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (_resources.IsProcessResource(type))
        {
            return true;
        }

        return ConfigurationTypes.IsConfigurationTypeOrDerived(type);
    }

    private bool IsIdentityType(ITypeSymbol? type)
    {
        if (TypeHierarchy.IsOrInheritsFromAny(type, _identityTypes))
        {
            return true;
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Interface } named)
        {
            foreach (var implemented in named.AllInterfaces)
            {
                if (Contains(_identityTypes, implemented))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Contains(ImmutableArray<INamedTypeSymbol> types, INamedTypeSymbol type)
    {
        foreach (var candidate in types)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, type.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static string Text(IOperation operation)
    {
        var text = operation.Syntax.ToString();
        text = string.Join(" ", text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
    }
}
