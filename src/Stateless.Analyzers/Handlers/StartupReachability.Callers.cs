using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Handlers;

/// <summary>The callers of a method: its call sites bound once per method, and the method groups handed over to other code.</summary>
internal sealed partial class StartupReachability
{
    /// <summary>
    /// The operations that call <paramref name="method"/> (directly, through an interface it implements or a method it
    /// overrides), with their containing symbol; false when its name is too common to follow cheaply.
    /// </summary>
    private Callers CallersOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (_callers.TryGetValue(method, out var known))
        {
            return known;
        }

        var found = FindCallers(method, cancellationToken);
        return _callers.GetOrAdd(method, found);
    }

    private Callers FindCallers(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var callers = new List<CodeSite>();
        var unknownCallback = false;
        var handlerCallback = false;
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation))
        {
            return new Callers(callers, tooMany: false, unknownCallback, handlerCallback);
        }

        var name = method.MethodKind == MethodKind.ExplicitInterfaceImplementation && method.ExplicitInterfaceImplementations.Length > 0
            ? method.ExplicitInterfaceImplementations[0].Name
            : method.Name;
        var sites = _index.SitesNamed(name, cancellationToken);
        if (sites.Count > MaxSitesPerName)
        {
            return new Callers(callers, tooMany: true, unknownCallback, handlerCallback);
        }

        foreach (var site in sites)
        {
            cancellationToken.ThrowIfCancellationRequested();
#pragma warning disable RS1030 // The callers of a write live in other files; the model is asked only for sites of the method's name.
            var model = _compilation.GetSemanticModel(site.SyntaxTree);
#pragma warning restore RS1030
            var info = model.GetSymbolInfo(site, cancellationToken);
            var callee = info.Symbol as IMethodSymbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] as IMethodSymbol : null);
            if (callee is null || !MethodDispatch.Calls(callee, method) || model.GetOperation(site, cancellationToken) is not { } operation)
            {
                continue;
            }

            // A method group handed over (new Timer(Tick), bus.Subscribe(OnMessage)) is called later, by whoever received
            // it: a route or middleware registration calls it per request; a configuration API at startup; others at
            // times the compilation does not show.
            if (operation is not IInvocationOperation)
            {
                if (HandedTo(operation) is { } argument && _recognizer.IsHandlerArgument(argument, out _))
                {
                    handlerCallback = true;
                    continue;
                }

                if (!IsConfigurationCallback(operation))
                {
                    unknownCallback = true;
                    continue;
                }
            }

            callers.Add(Locate(operation, model.GetEnclosingSymbol(site.SpanStart, cancellationToken), cancellationToken));
        }

        return new Callers(callers, tooMany: false, unknownCallback, handlerCallback);
    }

    /// <summary>The argument a lambda or method group is handed over in, through delegate creation and conversions.</summary>
    private static IArgumentOperation? HandedTo(IOperation callback)
    {
        var current = callback.WithEnclosingDelegateCreation();

        return current.Parent as IArgumentOperation;
    }

    /// <summary>A lambda or method group handed to a configuration API: a service factory, an options or builder callback.</summary>
    private bool IsConfigurationCallback(IOperation callback)
    {
        if (HandedTo(callback) is not { Parent: IInvocationOperation invocation })
        {
            return false;
        }

        var target = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        return IsStartupMethod(target) || IsBuilderType(target.ContainingType)
            || invocation.Instance?.Type is { } receiver && IsBuilderType(receiver);
    }

    /// <summary>Where a method is called from in the compilation: the sites of its calls, and how it is handed over as a method group.</summary>
    private sealed class Callers
    {
        public Callers(List<CodeSite> sites, bool tooMany, bool unknownCallback, bool handlerCallback)
        {
            Sites = sites;
            TooMany = tooMany;
            UnknownCallback = unknownCallback;
            HandlerCallback = handlerCallback;
        }

        public List<CodeSite> Sites { get; }

        /// <summary>The name is too common to follow cheaply.</summary>
        public bool TooMany { get; }

        /// <summary>Handed over as a method group to code that calls it later (a timer, a subscription).</summary>
        public bool UnknownCallback { get; }

        /// <summary>Registered as a route handler or middleware.</summary>
        public bool HandlerCallback { get; }
    }
}
