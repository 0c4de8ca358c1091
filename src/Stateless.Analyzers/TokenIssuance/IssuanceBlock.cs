using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;
using static Stateless.Analyzers.TokenIssuance.IssuanceOperations;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>
/// The per-block model of <see cref="TokenIssuanceAnalyzer"/>: one method body's operations and claim flow, the options that
/// apply to its tree, the type it belongs to, and the rule concerns that judge every token the block issues.
/// </summary>
internal sealed class IssuanceBlock
{
    private static readonly string[] HandlerCreateMethods = { "CreateToken", "CreateJwtSecurityToken", "CreateEncodedJwt" };

    private readonly OperationBlockAnalysisContext _context;
    private readonly TimeSpan _revocationWindow;

    public IssuanceBlock(OperationBlockAnalysisContext context, IssuanceTypes types, IssuingTypeState state)
    {
        _context = context;
        Types = types;
        State = state;
        Index = new MethodIndex(context.OperationBlocks);
        Flow = new ClaimFlow(Index, types);
        var tree = context.OperationBlocks.IsEmpty ? null : context.OperationBlocks[0].Syntax.SyntaxTree;
        MaxLifetime = tree is null ? StatelessOptions.DefaultMaxAccessTokenLifetime : StatelessOptions.MaxAccessTokenLifetime(context.Options, tree);
        _revocationWindow = tree is null ? StatelessOptions.DefaultRevocationWindow : StatelessOptions.RevocationWindow(context.Options, tree);
        DefaultTimes = new HandlerDefaultTimes(this);
        Lifetime = new TokenLifetimeRule(this);
        Secrets = new SecretClaims(this);
    }

    public IssuanceTypes Types { get; }

    /// <summary>What the type this block belongs to has learnt so far (shared by all its blocks).</summary>
    public IssuingTypeState State { get; }

    public MethodIndex Index { get; }

    public ClaimFlow Flow { get; }

    /// <summary><c>stateless_max_access_token_lifetime</c> for this block's tree.</summary>
    public TimeSpan MaxLifetime { get; }

    /// <summary>The method, property or constructor whose body this is.</summary>
    public ISymbol Owner => _context.OwningSymbol;

    public HandlerDefaultTimes DefaultTimes { get; }

    public TokenLifetimeRule Lifetime { get; }

    public SecretClaims Secrets { get; }

    /// <summary>Judges every token the block issues; claims built outside a token are judged when the type turns out to mint tokens.</summary>
    public void Run()
    {
        var issues = false;
        var claimCreations = new List<IObjectCreationOperation>();
        foreach (var operation in Index.All)
        {
            switch (operation)
            {
                case IObjectCreationOperation creation when IssuanceTypes.Is(creation.Type, Types.JwtSecurityToken):
                    issues = true;
                    new JwtSecurityTokenIssuance(this).Judge(creation);
                    break;
                case IObjectCreationOperation creation when TypeHierarchy.IsOrInheritsFrom(creation.Type, Types.SecurityTokenDescriptor):
                    issues = true;
                    new DescriptorIssuance(this).Judge(creation);
                    break;
                case IObjectCreationOperation creation when TypeHierarchy.IsOrInheritsFrom(creation.Type, Types.JwtPayload):
                    issues = true;
                    new PayloadIssuance(this).Judge(creation);
                    break;
                case IObjectCreationOperation creation when TypeHierarchy.IsOrInheritsFrom(creation.Type, Types.Claim):
                    claimCreations.Add(creation);
                    break;
                case IInvocationOperation invocation when IsPositionalHandlerOverload(invocation):
                    issues = true;
                    new HandlerOverloadIssuance(this).Judge(invocation);
                    break;
            }
        }

        if (issues)
        {
            Interlocked.Exchange(ref State.IssuesTokens, 1);
        }

        Secrets.JudgeAtTypeEnd(claimCreations);
    }

    /// <summary>A token that dies within <c>stateless_revocation_window</c> needs no jti to be revoked (STL3004).</summary>
    public bool IsShortLived(IOperation? expiry) => LifetimeFolding.LivesAtMost(expiry, _revocationWindow);

    /// <summary>The handler call a descriptor is passed to (<c>CreateToken</c>, <c>CreateJwtSecurityToken</c>, <c>CreateEncodedJwt</c>), if it is one.</summary>
    public IInvocationOperation? HandlerSink(IArgumentOperation argument) =>
        argument.Parent is IInvocationOperation invocation
        && Array.IndexOf(HandlerCreateMethods, invocation.TargetMethod.Name) >= 0
        && Types.IsTokenHandler(invocation.TargetMethod.ContainingType)
            ? invocation
            : null;

    public ImmutableDictionary<string, string?> ExpiryProperties(string? form) => IssuanceFixProperties.ExpiryProperties(MaxLifetime, form);

    public void Report(DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?>? properties, params object[] arguments) =>
        _context.ReportDiagnostic(Diagnostic.Create(descriptor, location, properties ?? ImmutableDictionary<string, string?>.Empty, arguments));

    public void Report(Diagnostic diagnostic) => _context.ReportDiagnostic(diagnostic);

    private bool IsPositionalHandlerOverload(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name is "CreateJwtSecurityToken" or "CreateEncodedJwt"
        && TypeHierarchy.IsOrInheritsFrom(invocation.TargetMethod.ContainingType, Types.JwtSecurityTokenHandler)
        && Argument(invocation.Arguments, "subject") is not null
        && Argument(invocation.Arguments, "expires") is not null;
}
