using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Handlers;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// STL1004: a minimal-API route handler or middleware delegate (lambda or local function) that assigns a local or
/// parameter of the code around it, or changes a collection held in one. The delegate is created once at startup,
/// so the captured variable is shared by every request of the process. Locals declared inside the delegate and
/// read-only captures are not reported. One diagnostic per variable and handler; its other writes there are additional
/// locations.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CapturedStateAnalyzer : FamilyAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.STL1004_RouteHandlerCapturesMutableState);

    private protected override RuleFamily? Family => RuleFamily.ProcessState;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var recognizer = HandlerRecognizer.GetOrCreate(context.Compilation, context.Options);
        if (!recognizer.HasDelegateHosts)
        {
            return;
        }

        var classifier = StateTypeClassifier.Create(context.Compilation);
        var identity = RequestIdentity.Create(context.Compilation);
        var resources = ProcessResources.GetOrCreate(context.Compilation);

        // A variable can only be captured inside a lambda or local function, so only those are walked: one callback
        // per outermost nested function instead of one per local and parameter reference in the compilation.
        context.RegisterOperationAction(
            operationContext => AnalyzeNestedFunction(operationContext, recognizer, classifier, identity, resources),
            OperationKind.AnonymousFunction,
            OperationKind.LocalFunction);
    }

    private static void AnalyzeNestedFunction(OperationAnalysisContext context, HandlerRecognizer recognizer, StateTypeClassifier classifier, RequestIdentity identity, ProcessResources resources)
    {
        // Functions nested in another nested function are walked with the outermost one.
        if (IsInsideNestedFunction(context.Operation))
        {
            return;
        }

        // One finding per captured variable and handler: the first write that carries request identity, else the first
        // write; the variable's other writes in that handler are its additional locations, not findings of their own.
        var findings = new List<Finding>();
        foreach (var operation in context.Operation.Descendants())
        {
            if (operation.Kind is OperationKind.LocalReference or OperationKind.ParameterReference
                && Analyze(context, operation, recognizer, classifier, identity, resources) is { } finding)
            {
                var same = findings.FindIndex(f => f.IsSameCapture(finding));
                if (same < 0)
                {
                    findings.Add(finding);
                }
                else
                {
                    findings[same] = findings[same].Merge(finding);
                }
            }
        }

        foreach (var finding in findings)
        {
            context.ReportDiagnostic(finding.ToDiagnostic());
        }
    }

    private static Finding? Analyze(OperationAnalysisContext context, IOperation reference, HandlerRecognizer recognizer, StateTypeClassifier classifier, RequestIdentity identity, ProcessResources resources)
    {
        ISymbol? variable = reference switch
        {
            ILocalReferenceOperation { Local: { IsRef: false } local } => local,
            IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter } => parameter,
            _ => null,
        };

        if (variable is null)
        {
            return null;
        }

        // Most references are reads: classify first. Every reference here sits in a nested function; a variable of the
        // innermost one is not captured by it (and so not by any handler around it).
        var kind = StateWrites.Classify(reference, classifier, out var write);
        if (kind == StateWriteKind.None || InnermostFunction(reference) is not { } innermost || IsDeclaredInside(variable, innermost))
        {
            return null;
        }

        // A cancellation source, client or semaphore replaced after it was used up is a resource of the process, not state.
        if (resources.IsProcessResource(reference.Type))
        {
            return null;
        }

        var handler = recognizer.GetEnclosingHandlerDelegate(reference, context.CancellationToken);
        if (!handler.IsDelegate || handler.Delegate is not { } handlerDelegate || IsDeclaredInside(variable, handlerDelegate))
        {
            return null;
        }

        var verb = kind switch
        {
            StateWriteKind.Assignment => "assigns",
            StateWriteKind.CollectionMutation => "changes the collection in",
            _ => "changes the object in",
        };

        var found = identity.Find(write, reference);
        return new Finding(
            variable,
            handlerDelegate,
            write.Syntax.GetLocation(),
            found is not null,
            new object[]
            {
                handler.Kind == HandlerKind.MinimalApiRouteHandler ? "Route handler" : "Middleware delegate",
                verb,
                variable is IParameterSymbol ? "parameter" : "local",
                variable.Name,
                found is null ? string.Empty : " with request identity '" + found + "', so it keeps per-client state",
            },
            ImmutableArray<Location>.Empty);
    }

    /// <summary>One write of a captured variable in one handler, and the variable's other writes there.</summary>
    private sealed class Finding
    {
        public Finding(ISymbol variable, IMethodSymbol handler, Location location, bool perClient, object[] arguments, ImmutableArray<Location> otherWrites)
        {
            Variable = variable;
            Handler = handler;
            Location = location;
            PerClient = perClient;
            Arguments = arguments;
            OtherWrites = otherWrites;
        }

        public ISymbol Variable { get; }

        public IMethodSymbol Handler { get; }

        public Location Location { get; }

        /// <summary>The write carries request identity.</summary>
        public bool PerClient { get; }

        public object[] Arguments { get; }

        public ImmutableArray<Location> OtherWrites { get; }

        public bool IsSameCapture(Finding other) =>
            SymbolEqualityComparer.Default.Equals(Variable, other.Variable) && SymbolEqualityComparer.Default.Equals(Handler, other.Handler);

        /// <summary>Keeps the write that carries request identity (the first one when both or neither do).</summary>
        public Finding Merge(Finding later) => later.PerClient && !PerClient
            ? new Finding(Variable, Handler, later.Location, true, later.Arguments, OtherWrites.Insert(0, Location).AddRange(later.OtherWrites))
            : new Finding(Variable, Handler, Location, PerClient, Arguments, OtherWrites.Add(later.Location));

        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(Descriptors.STL1004_RouteHandlerCapturesMutableState, Location, OtherWrites, Arguments);
    }

    private static IMethodSymbol? InnermostFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol;
                case ILocalFunctionOperation localFunction:
                    return localFunction.Symbol;
            }
        }

        return null;
    }

    private static bool IsInsideNestedFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the variable is declared in the handler delegate itself or in a function nested in it.</summary>
    private static bool IsDeclaredInside(ISymbol variable, IMethodSymbol handlerDelegate)
    {
        for (var current = variable.ContainingSymbol; current is not null and not INamedTypeSymbol; current = current.ContainingSymbol)
        {
            if (SymbolEqualityComparer.Default.Equals(current, handlerDelegate))
            {
                return true;
            }
        }

        return false;
    }
}
