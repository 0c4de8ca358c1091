using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>
/// STL3001 (no expiry), STL3002 (lifetime over budget), STL3003 (no audience), STL3004 (no jti) and STL3007 (secret
/// in the payload) at the points where a JWT is minted: <c>new JwtSecurityToken(...)</c>, <c>SecurityTokenDescriptor</c>
/// (initializer and later assignments in the same method), <c>JwtPayload</c>, and the positional
/// <c>JwtSecurityTokenHandler.CreateJwtSecurityToken/CreateEncodedJwt</c> overloads.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
/// <remarks>
/// Each relevant block is read into an <see cref="IssuanceBlock"/>; the token forms (<see cref="JwtSecurityTokenIssuance"/>,
/// <see cref="DescriptorIssuance"/>, <see cref="PayloadIssuance"/>, <see cref="HandlerOverloadIssuance"/>) gather what each
/// token carries and hand it to the rule concerns (<see cref="TokenLifetimeRule"/>, <see cref="SecretClaims"/>,
/// <see cref="JtiFixTargets"/>); what the fixes read is in <see cref="IssuanceFixProperties"/>.
/// </remarks>
public sealed class TokenIssuanceAnalyzer : FamilyAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.STL3001_TokenIssuedWithoutExpiry,
        Descriptors.STL3002_AccessTokenLifetimeTooLong,
        Descriptors.STL3003_TokenIssuedWithoutAudience,
        Descriptors.STL3004_TokenIssuedWithoutJti,
        Descriptors.STL3007_SecretInTokenPayload);

    private protected override RuleFamily? Family => RuleFamily.TokenIssuance;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var types = IssuanceTypes.Create(context.Compilation);
        if (types is null)
        {
            return;
        }

        context.RegisterSymbolStartAction(
            symbolContext =>
            {
                var state = new IssuingTypeState();
                symbolContext.RegisterOperationBlockStartAction(startContext =>
                {
                    // Cheap filter: only blocks that create a token, descriptor, payload or claim, or call a handler, are walked.
                    var relevant = new RelevanceFlag();
                    startContext.RegisterOperationAction(
                        operationContext =>
                        {
                            if (!relevant.IsSet && IsRelevant(operationContext.Operation, types))
                            {
                                relevant.Set();
                            }
                        },
                        OperationKind.ObjectCreation,
                        OperationKind.Invocation);
                    startContext.RegisterOperationBlockEndAction(blockContext =>
                    {
                        if (relevant.IsSet)
                        {
                            new IssuanceBlock(blockContext, types, state).Run();
                        }
                    });
                });
                symbolContext.RegisterSymbolEndAction(endContext =>
                {
                    if (Volatile.Read(ref state.IssuesTokens) == 0)
                    {
                        return;
                    }

                    foreach (var pending in state.Pending)
                    {
                        if (!state.Reported.ContainsKey(pending.Location))
                        {
                            endContext.ReportDiagnostic(pending);
                        }
                    }
                });
            },
            SymbolKind.NamedType);
    }

    private static bool IsRelevant(IOperation operation, IssuanceTypes types) => operation switch
    {
        IObjectCreationOperation creation => IssuanceTypes.Is(creation.Type, types.JwtSecurityToken)
            || TypeHierarchy.IsOrInheritsFrom(creation.Type, types.SecurityTokenDescriptor)
            || TypeHierarchy.IsOrInheritsFrom(creation.Type, types.JwtPayload)
            || TypeHierarchy.IsOrInheritsFrom(creation.Type, types.Claim),
        IInvocationOperation invocation => invocation.TargetMethod.Name is "CreateJwtSecurityToken" or "CreateEncodedJwt"
            && TypeHierarchy.IsOrInheritsFrom(invocation.TargetMethod.ContainingType, types.JwtSecurityTokenHandler),
        _ => false,
    };

    private sealed class RelevanceFlag
    {
        private int _value;

        public bool IsSet => Volatile.Read(ref _value) != 0;

        public void Set() => Interlocked.Exchange(ref _value, 1);
    }
}
