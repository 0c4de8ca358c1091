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
/// turn the failure into a success, and claims whose every use can only refuse (<see cref="RefusalOnly"/>). Code of an
/// OAuth sign-in handler reads what the provider's token endpoint returned to it (<see cref="UnvalidatedTokenSymbols.IsInOAuthHandler"/>).
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class UnvalidatedTokenAnalyzer : FamilyAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.STL2009_ClaimsReadFromUnvalidatedToken);

    private protected override RuleFamily? Family => RuleFamily.TokenValidation;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var types = TokenValidationTypes.Create(context.Compilation);
        if (types is null || (types.JwtSecurityToken is null && types.JsonWebToken is null))
        {
            return;
        }

        var known = WellKnownTypes.GetOrCreate(context.Compilation);
        var symbols = new UnvalidatedTokenSymbols(types, known);

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
                if (Volatile.Read(ref seen[0]) == 1 && !symbols.IsInOAuthHandler(endContext.OwningSymbol))
                {
                    AnalyzeBlock(endContext, symbols);
                }
            });
        });
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, UnvalidatedTokenSymbols symbols)
    {
        var block = BlockOperations.Collect(context.OperationBlocks, symbols);
        foreach (var read in block.Reads)
        {
            var token = TokenArgument(read);
            if (token is null || symbols.IsSavedByAuthenticationHandler(token))
            {
                continue;
            }

            var holders = ParsedTokenUses.Holders(read, block.All);
            var uses = ParsedTokenUses.ClaimUses(read, holders, block.All);
            var firstUse = ParsedTokenUses.First(uses);
            if (firstUse is null || BearerEventCallbacks.InsideTokenValidatedEvent(read, context.OwningSymbol)
                || BearerEventCallbacks.InsideFailureEvent(read, context.OwningSymbol, symbols)
                || RefusalOnly.AllRefuse(uses, block.All))
            {
                continue;
            }

            if (!IsValidatedBefore(block, read, token, holders, firstUse))
            {
                var name = read is IInvocationOperation call ? call.TargetMethod.Name : "new " + read.Type?.Name;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.STL2009_ClaimsReadFromUnvalidatedToken, read.Syntax.GetLocation(), name));
            }
        }
    }

    /// <summary>Is the token (or a local holding its parse) validated by a checked validation or an own check before its claims are first used?</summary>
    private static bool IsValidatedBefore(BlockOperations block, IOperation read, IOperation token, List<ILocalSymbol> holders, IOperation firstUse)
    {
        var tokenKey = ValidationChecks.TokenKey(token);
        var resultKeys = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var holder in holders)
        {
            resultKeys.Add(HolderKeys.OfLocal(holder));
        }

        var validated = false;
        foreach (var (invocation, key) in block.Validations)
        {
            if (key is not null && (key == tokenKey || resultKeys.Contains(key))
                && invocation.Syntax.SyntaxTree == read.Syntax.SyntaxTree
                && invocation.Syntax.SpanStart < firstUse.Syntax.SpanStart
                && ValidationChecks.IsChecked(invocation, block.All))
            {
                validated = true;
                break;
            }
        }

        foreach (var (check, keys) in block.OwnChecks)
        {
            if (validated)
            {
                break;
            }

            validated = check.Syntax.SyntaxTree == read.Syntax.SyntaxTree
                && check.Syntax.SpanStart < firstUse.Syntax.SpanStart
                && (keys.Contains(tokenKey!) || keys.Exists(resultKeys.Contains));
        }

        return validated;
    }

    private static IOperation? TokenArgument(IOperation read) => read switch
    {
        IInvocationOperation invocation when invocation.Arguments.Length > 0 => ValidationChecks.ArgumentFor(invocation, 0),
        IObjectCreationOperation creation when creation.Arguments.Length > 0 => creation.Arguments[0].Value,
        _ => null,
    };

    /// <summary>One block's operations, with the token reads, validations and own checks among them.</summary>
    private sealed class BlockOperations
    {
        public List<IOperation> Reads { get; } = new();

        public List<(IInvocationOperation Invocation, string? TokenKey)> Validations { get; } = new();

        public List<(IInvocationOperation Invocation, List<string> Keys)> OwnChecks { get; } = new();

        public List<IOperation> All { get; } = new();

        public static BlockOperations Collect(ImmutableArray<IOperation> blocks, UnvalidatedTokenSymbols symbols)
        {
            var result = new BlockOperations();
            foreach (var block in blocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    result.All.Add(operation);
                    if (symbols.IsRead(operation))
                    {
                        result.Reads.Add(operation);
                    }
                    else if (operation is IInvocationOperation invocation && symbols.IsValidation(invocation) && invocation.Arguments.Length > 0)
                    {
                        result.Validations.Add((invocation, ValidationChecks.TokenKey(ValidationChecks.ArgumentFor(invocation, 0))));
                    }
                    else if (operation is IInvocationOperation check && ValidationChecks.IsOwnCheck(check))
                    {
                        result.OwnChecks.Add((check, ArgumentKeys(check)));
                    }
                }
            }

            return result;
        }

        private static List<string> ArgumentKeys(IInvocationOperation check)
        {
            var keys = new List<string>();
            foreach (var argument in check.Arguments)
            {
                if (ValidationChecks.TokenKey(argument.Value) is { } key)
                {
                    keys.Add(key);
                }
            }

            return keys;
        }
    }
}
