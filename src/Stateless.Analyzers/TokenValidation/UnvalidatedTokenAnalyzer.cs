using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// STL2009: <c>ReadJwtToken</c>, <c>ReadJsonWebToken</c>, <c>ReadToken</c>, <c>new JwtSecurityToken(string)</c> or
/// <c>new JsonWebToken(string)</c> whose claims are used with no checked validation of the same token earlier in
/// the method (<c>ValidateToken</c>, which throws, or <c>ValidateTokenAsync</c>/<c>VerifyAsync</c> whose
/// <c>IsValid</c> is read). Tokens returned by <c>HttpContext.GetTokenAsync</c> were saved by the authentication
/// handler after it validated them and are trusted; so are reads in the bearer handler's failure callbacks that do not
/// turn the failure into a success, and claims whose every use can only refuse (<see cref="RefusalOnly"/>).
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class UnvalidatedTokenAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> ClaimMembers = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        "Claims", "Payload", "Subject", "Id", "Actor", "Audiences", "GetClaim", "TryGetClaim", "GetPayloadValue", "TryGetPayloadValue");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.STL2009_ClaimsReadFromUnvalidatedToken);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // no callbacks on generated code: see GeneratedCode
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (!AnalysisScope.Get(context.Compilation, context.Options).Includes(RuleFamily.TokenValidation))
        {
            return;
        }

        var types = TokenValidationTypes.Create(context.Compilation);
        if (types is null || (types.JwtSecurityToken is null && types.JsonWebToken is null))
        {
            return;
        }

        var known = WellKnownTypes.GetOrCreate(context.Compilation);
        var symbols = new Symbols(types, known);

        context.RegisterOperationBlockStartAction(blockContext =>
        {
            var seen = new int[1];
            blockContext.RegisterOperationAction(
                operationContext =>
                {
                    if (symbols.IsRead(operationContext.Operation))
                    {
                        Interlocked.Exchange(ref seen[0], 1);
                    }
                },
                OperationKind.Invocation,
                OperationKind.ObjectCreation);

            blockContext.RegisterOperationBlockEndAction(endContext =>
            {
                if (Volatile.Read(ref seen[0]) == 1)
                {
                    AnalyzeBlock(endContext, symbols);
                }
            });
        });
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, Symbols symbols)
    {
        var reads = new List<IOperation>();
        var validations = new List<(IInvocationOperation Invocation, string? TokenKey)>();
        var ownChecks = new List<(IInvocationOperation Invocation, List<string> Keys)>();
        var all = new List<IOperation>();
        foreach (var block in context.OperationBlocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                all.Add(operation);
                if (symbols.IsRead(operation))
                {
                    reads.Add(operation);
                }
                else if (operation is IInvocationOperation invocation && symbols.IsValidation(invocation) && invocation.Arguments.Length > 0)
                {
                    validations.Add((invocation, TokenKey(ArgumentFor(invocation, 0))));
                }
                else if (operation is IInvocationOperation check && IsOwnCheck(check))
                {
                    var keys = new List<string>();
                    foreach (var argument in check.Arguments)
                    {
                        if (TokenKey(argument.Value) is { } key)
                        {
                            keys.Add(key);
                        }
                    }

                    ownChecks.Add((check, keys));
                }
            }
        }

        foreach (var read in reads)
        {
            var token = TokenArgument(read);
            if (token is null || symbols.IsSavedByAuthenticationHandler(token))
            {
                continue;
            }

            var holders = Holders(read, all);
            var uses = ClaimUses(read, holders, all);
            var firstUse = First(uses);
            if (firstUse is null || InsideTokenValidatedEvent(read, context.OwningSymbol) || InsideFailureEvent(read, context.OwningSymbol, symbols)
                || RefusalOnly.AllRefuse(uses, all))
            {
                continue;
            }

            var tokenKey = TokenKey(token);
            var resultKeys = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var holder in holders)
            {
                resultKeys.Add("L:" + holder.Name + "@" + holder.Locations[0].SourceSpan.Start.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var validated = false;
            foreach (var (invocation, key) in validations)
            {
                if (key is not null && (key == tokenKey || resultKeys.Contains(key))
                    && invocation.Syntax.SyntaxTree == read.Syntax.SyntaxTree
                    && invocation.Syntax.SpanStart < firstUse.Syntax.SpanStart
                    && IsChecked(invocation, all))
                {
                    validated = true;
                    break;
                }
            }

            foreach (var (check, keys) in ownChecks)
            {
                if (validated)
                {
                    break;
                }

                validated = check.Syntax.SyntaxTree == read.Syntax.SyntaxTree
                    && check.Syntax.SpanStart < firstUse.Syntax.SpanStart
                    && (keys.Contains(tokenKey!) || keys.Exists(resultKeys.Contains));
            }

            if (!validated)
            {
                var name = read is IInvocationOperation call ? call.TargetMethod.Name : "new " + read.Type?.Name;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.STL2009_ClaimsReadFromUnvalidatedToken, read.Syntax.GetLocation(), name));
            }
        }
    }

    /// <summary>
    /// The project's own check (<c>_jwt.ValidateToken(token)</c>, <c>IsTokenValid(token)</c>, <c>VerifyAsync(token)</c>):
    /// a method whose name says it validates or verifies, whose result is used (a condition, a local) or that returns
    /// nothing and so can only fail by throwing.
    /// </summary>
    private static bool IsOwnCheck(IInvocationOperation invocation)
    {
        var name = invocation.TargetMethod.Name;
        if (name.IndexOf("Valid", System.StringComparison.OrdinalIgnoreCase) < 0 && name.IndexOf("Verif", System.StringComparison.OrdinalIgnoreCase) < 0)
        {
            return false;
        }

        var current = invocation.WithEnclosingAwait();

        var discarded = current.Parent is IExpressionStatementOperation;
        var returnsNothing = invocation.TargetMethod.ReturnsVoid
            || invocation.TargetMethod.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: false };
        return !discarded || returnsNothing;
    }

    private static IOperation? TokenArgument(IOperation read) => read switch
    {
        IInvocationOperation invocation when invocation.Arguments.Length > 0 => ArgumentFor(invocation, 0),
        IObjectCreationOperation creation when creation.Arguments.Length > 0 => creation.Arguments[0].Value,
        _ => null,
    };

    private static IOperation? ArgumentFor(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>The same token: the same local, parameter, field or property, else the same text.</summary>
    private static string? TokenKey(IOperation? token)
    {
        token = token.WithoutImplicitConversions();
        if (token is null)
        {
            return null;
        }

        if (ValidationParametersModel.HolderKey(token) is { } key)
        {
            return key;
        }

        var text = token.Syntax.ToString();
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return "T:" + builder;
    }

    /// <summary>
    /// The locals that hold the parsed token: the one it is stored in (through casts and <c>as</c>), a pattern
    /// variable (<c>is JwtSecurityToken jwt</c>), and locals assigned from those.
    /// </summary>
    private static List<ILocalSymbol> Holders(IOperation read, List<IOperation> all)
    {
        var holders = new List<ILocalSymbol>();
        if (StoredIn(read) is { } first)
        {
            holders.Add(first);
        }

        for (var changed = true; changed && holders.Count < 8;)
        {
            changed = false;
            foreach (var operation in all)
            {
                if (operation is ILocalReferenceOperation reference && Contains(holders, reference.Local)
                    && StoredIn(reference) is { } alias && !Contains(holders, alias))
                {
                    holders.Add(alias);
                    changed = true;
                }
            }
        }

        return holders;
    }

    private static bool Contains(List<ILocalSymbol> locals, ILocalSymbol local)
    {
        foreach (var candidate in locals)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The local a value is stored in (looking through casts and <c>as</c>), if any.</summary>
    private static ILocalSymbol? StoredIn(IOperation value)
    {
        var current = value.WithEnclosingConversions();

        return current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == current => local.Local,
            IIsPatternOperation { Pattern: IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared } } => declared,
            _ => null,
        };
    }

    /// <summary>
    /// Inside an <c>OnTokenValidated</c> handler (or a <c>JwtBearerEvents.TokenValidated</c> override) the bearer
    /// handler has already validated the request's token.
    /// </summary>
    private static bool InsideTokenValidatedEvent(IOperation read, ISymbol owningSymbol)
    {
        if (owningSymbol is IMethodSymbol { Name: "TokenValidated", IsOverride: true })
        {
            return true;
        }

        for (var current = read.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function
                && LambdaConsumer.Of(function) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "OnTokenValidated" } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Inside a failure callback of the bearer handler (<c>OnAuthenticationFailed</c>, <c>OnChallenge</c>, <c>OnForbidden</c>,
    /// or the matching <c>JwtBearerEvents</c> overrides) the request is already refused: reading the rejected token there
    /// explains the failure and can grant nothing, unless the callback turns the failure into a success
    /// (<c>context.Success()</c>, or a <c>Principal</c> assigned).
    /// </summary>
    private static bool InsideFailureEvent(IOperation read, ISymbol owningSymbol, Symbols symbols)
    {
        IOperation? body = null;
        if (owningSymbol is IMethodSymbol { IsOverride: true, Name: "AuthenticationFailed" or "Challenge" or "Forbidden" } method
            && symbols.IsBearerEvents(method.ContainingType))
        {
            body = read;
            while (body.Parent is not null)
            {
                body = body.Parent;
            }
        }

        for (var current = read.Parent; body is null && current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function
                && LambdaConsumer.Of(function) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "OnAuthenticationFailed" or "OnChallenge" or "OnForbidden" } callback } }
                && symbols.IsBearerEvents(callback.ContainingType))
            {
                body = function.Body;
            }
        }

        if (body is null)
        {
            return false;
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Success" }
                || operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Principal" } })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every use of the parsed token's claims, directly on the result or through the locals that hold it.</summary>
    private static List<IOperation> ClaimUses(IOperation read, List<ILocalSymbol> holders, List<IOperation> all)
    {
        var uses = new List<IOperation>();
        void Consider(IOperation reference)
        {
            var current = reference.WithEnclosingConversions();

            // jwt?.Claims: the member is applied to the conditional-access placeholder inside WhenNotNull.
            if (current.Parent is IConditionalAccessOperation conditional && conditional.Operation == current)
            {
                foreach (var inner in conditional.WhenNotNull.DescendantsAndSelf())
                {
                    if (inner is IConditionalAccessInstanceOperation placeholder)
                    {
                        current = placeholder;
                        break;
                    }
                }
            }

            var use = current.Parent switch
            {
                IPropertyReferenceOperation property when property.Instance == current && ClaimMembers.Contains(property.Property.Name) => current.Parent,
                IInvocationOperation invocation when invocation.Instance == current && ClaimMembers.Contains(invocation.TargetMethod.Name) => current.Parent,
                _ => null,
            };

            if (use is not null)
            {
                uses.Add(use);
            }
        }

        Consider(read);
        if (holders.Count > 0)
        {
            foreach (var operation in all)
            {
                if (operation is ILocalReferenceOperation reference && Contains(holders, reference.Local))
                {
                    Consider(reference);
                }
            }
        }

        return uses;
    }

    private static IOperation? First(List<IOperation> uses)
    {
        IOperation? first = null;
        foreach (var use in uses)
        {
            if (first is null || use.Syntax.SpanStart < first.Syntax.SpanStart)
            {
                first = use;
            }
        }

        return first;
    }

    /// <summary>
    /// A validation counts when a failure cannot go unnoticed: a throwing <c>ValidateToken</c> outside a catch that
    /// swallows the exception, or a result whose <c>IsValid</c> is read.
    /// </summary>
    private static bool IsChecked(IInvocationOperation invocation, List<IOperation> all)
    {
        var returnsResult = invocation.TargetMethod.ReturnType is INamedTypeSymbol returnType
            && (returnType.Name is "TokenValidationResult" or "TokenVerificationResult"
                || (returnType.TypeArguments.Length == 1 && returnType.TypeArguments[0].Name is "TokenValidationResult" or "TokenVerificationResult"));
        if (!returnsResult)
        {
            return !IsSwallowed(invocation);
        }

        var current = invocation.WithEnclosingAwait();

        if (ReadsIsValid(current))
        {
            return true;
        }

        ILocalSymbol? local = current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current => target.Local,
            _ => null,
        };

        if (local is null)
        {
            return false;
        }

        foreach (var operation in all)
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && ReadsIsValid(reference))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReadsIsValid(IOperation result) => result.Parent switch
    {
        IPropertyReferenceOperation { Property.Name: "IsValid" } property => property.Instance == result,
        IIsPatternOperation => true,
        ISwitchOperation or ISwitchExpressionOperation => true,
        _ => false,
    };

    private static bool IsSwallowed(IOperation operation)
    {
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            if (parent is ITryOperation @try && @try.Body == current)
            {
                foreach (var clause in @try.Catches)
                {
                    if (!EndsByLeaving(clause.Handler))
                    {
                        return true;
                    }
                }
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                break;
            }
        }

        return false;
    }

    private static bool EndsByLeaving(IBlockOperation handler)
    {
        if (handler.Operations.IsEmpty)
        {
            return false;
        }

        return handler.Operations[handler.Operations.Length - 1] is IThrowOperation or IReturnOperation
            || handler.Operations[handler.Operations.Length - 1] is IExpressionStatementOperation { Operation: IThrowOperation };
    }

    private sealed class Symbols
    {
        private readonly TokenValidationTypes _types;
        private readonly INamedTypeSymbol? _authenticationTokenExtensions;
        private readonly INamedTypeSymbol? _authenticationHttpContextExtensions;
        private readonly INamedTypeSymbol? _verifier;
        private readonly INamedTypeSymbol? _readOnlyMemory;
        private readonly INamedTypeSymbol? _bearerEvents;

        public Symbols(TokenValidationTypes types, WellKnownTypes known)
        {
            _types = types;
            _authenticationTokenExtensions = known.Get(MetadataNames.AuthenticationTokenExtensions);
            _authenticationHttpContextExtensions = known.Get(MetadataNames.AuthenticationHttpContextExtensions);
            _verifier = known.Get(MetadataNames.StatelessTokenVerifier);
            _readOnlyMemory = known.Get("System.ReadOnlyMemory`1");
            _bearerEvents = known.Get(MetadataNames.JwtBearerEvents);
        }

        public bool IsBearerEvents(INamedTypeSymbol? type) => _bearerEvents is not null && TypeHierarchy.IsOrInheritsFrom(type, _bearerEvents);

        public bool IsRead(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod: { Name: "ReadJwtToken" or "ReadJsonWebToken" or "ReadToken" } method }:
                    return method.Parameters.Length == 1 && IsTokenText(method.Parameters[0].Type) && IsHandler(method.ContainingType);
                case IObjectCreationOperation { Constructor: { } constructor } creation:
                    if (TypeHierarchy.IsOrInheritsFrom(creation.Type, _types.JwtSecurityToken))
                    {
                        return constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String;
                    }

                    if (TypeHierarchy.IsOrInheritsFrom(creation.Type, _types.JsonWebToken))
                    {
                        return constructor.Parameters.Length >= 1 && IsTokenText(constructor.Parameters[0].Type)
                            && (constructor.Parameters.Length == 1 || constructor.Parameters[1].Type.SpecialType != SpecialType.System_String);
                    }

                    return false;
                default:
                    return false;
            }
        }

        public bool IsValidation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name is "ValidateToken" or "ValidateTokenAsync")
            {
                return IsHandler(method.ContainingType)
                    || (method.ContainingType is { Name: "ISecurityTokenValidator" } validator && NamespaceNames.IsDeclaredIn(validator, "Microsoft.IdentityModel.Tokens"));
            }

            return method.Name == "VerifyAsync" && _verifier is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, _verifier);
        }

        /// <summary>A token from <c>HttpContext.GetTokenAsync("access_token")</c>, directly or through a local assigned once.</summary>
        public bool IsSavedByAuthenticationHandler(IOperation token)
        {
            var current = token.WithoutImplicitConversions();
            for (var depth = 0; depth < 4 && current is not null; depth++)
            {
                switch (current)
                {
                    case ILocalReferenceOperation local:
                        current = ConstantFolding.SingleAssignment(local).WithoutImplicitConversions();
                        break;
                    case IAwaitOperation awaited:
                        current = awaited.Operation.WithoutImplicitConversions();
                        break;
                    case IInvocationOperation { TargetMethod.Name: "GetTokenAsync" or "GetTokenValue" } invocation:
                        var owner = invocation.TargetMethod.ContainingType;
                        return (_authenticationTokenExtensions is not null && SymbolEqualityComparer.Default.Equals(owner, _authenticationTokenExtensions))
                            || (_authenticationHttpContextExtensions is not null && SymbolEqualityComparer.Default.Equals(owner, _authenticationHttpContextExtensions));
                    default:
                        return false;
                }
            }

            return false;
        }

        private bool IsHandler(INamedTypeSymbol? type) =>
            TypeHierarchy.IsOrInheritsFrom(type, _types.TokenHandler)
            || TypeHierarchy.IsOrInheritsFrom(type, _types.JwtSecurityTokenHandler)
            || TypeHierarchy.IsOrInheritsFrom(type, _types.JsonWebTokenHandler);

        private bool IsTokenText(ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_String
            || (_readOnlyMemory is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _readOnlyMemory));
    }
}
