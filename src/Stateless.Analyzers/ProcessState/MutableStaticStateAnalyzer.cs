using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Handlers;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// STL1001: a static field or auto-property declared in a handler type that is writable, or read-only but
/// holding a mutable collection, array or buffer.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class MutableStaticStateAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the immutable type the code fix converts to (set only when the fix is safe).</summary>
    public const string ImmutableTargetProperty = "ImmutableTarget";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.MutableStaticStateInHandler);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // no callbacks on generated code: see GeneratedCode
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (!AnalysisScope.Get(context.Compilation, context.Options).Includes(RuleFamily.ProcessState))
        {
            return;
        }

        var recognizer = HandlerRecognizer.GetOrCreate(context.Compilation, context.Options);
        var classifier = StateTypeClassifier.Create(context.Compilation);
        var exemptions = new ProcessStateExemptions(context.Compilation);
        var targets = ImmutableTargets.Create(context.Compilation);
        var identity = RequestIdentity.Create(context.Compilation);

        context.RegisterSymbolStartAction(
            symbolContext =>
            {
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                if (!recognizer.IsHandlerType(type) || exemptions.IsExempt(type))
                {
                    return;
                }

                var candidates = FindCandidates(type, classifier, exemptions, context.Options);
                if (candidates.Count == 0)
                {
                    return;
                }

                // Members seen changed after their initializer; a fix that freezes them would change behaviour.
                var changed = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);

                // Request identity (userId, Context.ConnectionId, User claims, ...) in a write's key or value: per-client state.
                var perClient = new ConcurrentDictionary<ISymbol, string>(SymbolEqualityComparer.Default);
                symbolContext.RegisterOperationAction(
                    operationContext => RecordChange(operationContext.Operation, candidates, changed, perClient, classifier, identity),
                    OperationKind.FieldReference,
                    OperationKind.PropertyReference);

                symbolContext.RegisterSymbolEndAction(endContext =>
                {
                    foreach (var candidate in candidates.Values)
                    {
                        var target = candidate.Member is IFieldSymbol field
                            && !changed.ContainsKey(field)
                            && IsFixable(field, type)
                                ? targets.For(field.Type)
                                : null;
                        var properties = target is null
                            ? ImmutableDictionary<string, string?>.Empty
                            : ImmutableDictionary<string, string?>.Empty.Add(ImmutableTargetProperty, target);

                        endContext.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.MutableStaticStateInHandler,
                            candidate.Member.Locations[0],
                            properties,
                            candidate.Member is IFieldSymbol ? "field" : "property",
                            type.Name + "." + candidate.Member.Name,
                            type.Name,
                            perClient.TryGetValue(candidate.Member, out var source)
                                ? candidate.Reason + " written with request identity '" + source + "', so it keeps per-client state"
                                : candidate.Reason));
                    }
                });
            },
            SymbolKind.NamedType);
    }

    private static Dictionary<ISymbol, Candidate> FindCandidates(INamedTypeSymbol type, StateTypeClassifier classifier, ProcessStateExemptions exemptions, AnalyzerOptions options)
    {
        var candidates = new Dictionary<ISymbol, Candidate>(SymbolEqualityComparer.Default);
        foreach (var member in type.GetMembers())
        {
            if (!member.IsStatic || member.IsImplicitlyDeclared || member.Locations.IsEmpty || !member.Locations[0].IsInSource)
            {
                continue;
            }

            string? reason = member switch
            {
                IFieldSymbol { IsConst: false, AssociatedSymbol: null } field => Judge(field.Type, writable: !field.IsReadOnly, classifier),
                IPropertySymbol property when IsAutoProperty(property) => Judge(property.Type, writable: property.SetMethod is not null, classifier),
                _ => null,
            };

            if (reason is not null && !exemptions.IsExempt(member) && !GeneratedCode.IsGeneratedDeclaration(member, options))
            {
                candidates.Add(member, new Candidate(member, reason));
            }
        }

        return candidates;
    }

    private static string? Judge(ITypeSymbol type, bool writable, StateTypeClassifier classifier)
    {
        if (classifier.IsMutableStateType(type))
        {
            // Displayed only for members that are reported: ToDisplayString is one of the costlier symbol calls.
            var display = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            return writable ? "is writable and holds a mutable " + display : "holds a mutable " + display;
        }

        return writable ? "is writable" : null;
    }

    private static bool IsAutoProperty(IPropertySymbol property)
    {
        if (property.IsIndexer || property.IsAbstract || property.IsExtern)
        {
            return false;
        }

        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors })
            {
                foreach (var accessor in accessors.Accessors)
                {
                    if (accessor.Body is not null || accessor.ExpressionBody is not null)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        return false;
    }

    private static void RecordChange(
        IOperation operation,
        Dictionary<ISymbol, Candidate> candidates,
        ConcurrentDictionary<ISymbol, bool> changed,
        ConcurrentDictionary<ISymbol, string> perClient,
        StateTypeClassifier classifier,
        RequestIdentity identity)
    {
        var member = operation switch
        {
            IFieldReferenceOperation field => (ISymbol)field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        if (member is null || !candidates.ContainsKey(member.OriginalDefinition))
        {
            return;
        }

        // The member's own initializer is where a frozen value would be built.
        if (operation.Parent is IFieldInitializerOperation or IPropertyInitializerOperation)
        {
            return;
        }

        if (StateAccess.Classify(operation, strictMutation: true) != StateAccessKind.Read)
        {
            changed.TryAdd(member.OriginalDefinition, true);
            if (!perClient.ContainsKey(member.OriginalDefinition)
                && StateWrites.Classify(operation, classifier, out var write) != StateWriteKind.None
                && identity.Find(write, operation) is { } source)
            {
                perClient.TryAdd(member.OriginalDefinition, source);
            }
        }
    }

    /// <summary>
    /// The fix may only freeze a member whose every use it can see: a private field, with an initializer, in a
    /// type without nested types (whose code is analysed apart from this type's).
    /// </summary>
    private static bool IsFixable(IFieldSymbol field, INamedTypeSymbol type)
    {
        if (field.DeclaredAccessibility != Accessibility.Private || !type.GetTypeMembers().IsEmpty)
        {
            return false;
        }

        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer: not null, Parent: VariableDeclarationSyntax { Variables.Count: 1 } })
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Candidate
    {
        public Candidate(ISymbol member, string reason)
        {
            Member = member;
            Reason = reason;
        }

        public ISymbol Member { get; }

        public string Reason { get; }
    }
}
