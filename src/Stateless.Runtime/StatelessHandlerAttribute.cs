using System;

namespace Stateless.Runtime;

/// <summary>
/// Marks a type or method as a request or message handler, so the Stateless.Analyzers process-state rules
/// (STL10xx) check it the same way they check controllers, hubs and route handlers: a handler must be a pure
/// function of the request and external state, with no per-client state kept in the process between requests.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class StatelessHandlerAttribute : Attribute
{
}
