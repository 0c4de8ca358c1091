using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// STL2001–STL2007: judges every <c>TokenValidationParameters</c> configuration of a method or lambda (see
/// <see cref="ValidationParametersModel"/>) at the end of its operation block.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class TokenValidationAnalyzer : FamilyAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.STL2001_JwtAlgorithmNotPinned,
        Descriptors.STL2002_DangerousJwtAlgorithmSet,
        Descriptors.STL2003_JwtSignatureNotVerified,
        Descriptors.STL2004_JwtExpiryNotEnforced,
        Descriptors.STL2005_JwtAudienceNotValidated,
        Descriptors.STL2006_JwtIssuerNotValidated,
        Descriptors.STL2007_ExcessiveClockSkew);

    private protected override RuleFamily? Family => RuleFamily.TokenValidation;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var types = TokenValidationTypes.Create(context.Compilation);
        if (types is null)
        {
            return;
        }

        context.RegisterOperationBlockStartAction(blockContext =>
        {
            // Cheap filter: only blocks that create parameters or set one of their properties are modelled.
            var seen = new int[1];
            blockContext.RegisterOperationAction(
                operationContext =>
                {
                    var relevant = operationContext.Operation switch
                    {
                        IObjectCreationOperation creation => types.IsParameters(creation.Type),
                        ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } => types.IsParametersProperty(property.Property),
                        _ => false,
                    };
                    if (relevant)
                    {
                        Interlocked.Exchange(ref seen[0], 1);
                    }
                },
                OperationKind.ObjectCreation,
                OperationKind.SimpleAssignment);

            blockContext.RegisterOperationBlockEndAction(endContext =>
            {
                if (Volatile.Read(ref seen[0]) == 1)
                {
                    AnalyzeBlock(endContext, types);
                }
            });
        });
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, TokenValidationTypes types)
    {
        bool? algorithmCheckedAfter = null;
        var proof = ChecksDPoPProofs(context.OwningSymbol);
        foreach (var configuration in ValidationParametersModel.Build(context.OperationBlocks, types))
        {
            var keyFamily = ConfiguredKeyFamily.Of(configuration, types);
            if (!proof
                && !PinsAlgorithms(configuration)
                && !(algorithmCheckedAfter ??= AlgorithmCheckedAfter.Holds(context.OperationBlocks, types)))
            {
                ReportNotPinned(context, configuration, keyFamily, types);
            }

            foreach (var setting in configuration.Settings)
            {
                if (!configuration.IsOverridden(setting) && !(proof && IsAbsentFromProofs(setting)))
                {
                    JudgeSetting(context, setting, keyFamily);
                }
            }
        }
    }

    private static bool PinsAlgorithms(ParametersConfiguration configuration)
    {
        if (configuration.HasForeignSource)
        {
            return true;
        }

        foreach (var setting in configuration.SettingsOf("ValidAlgorithms"))
        {
            var value = setting.Value.WithoutImplicitConversions();
            if (value?.ConstantValue is { HasValue: true, Value: null })
            {
                continue;
            }

            // An empty collection restricts nothing.
            if (AlgorithmList.TryRead(value, out var elements) && elements.Count == 0)
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private static void ReportNotPinned(OperationBlockAnalysisContext context, ParametersConfiguration configuration, AlgorithmFamily keyFamily, TokenValidationTypes types)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (keyFamily != AlgorithmFamily.Unknown)
        {
            properties = properties.Add(ValidationFixProperties.KeyFamilyProperty, keyFamily.ToString());
        }

        foreach (var creation in configuration.Creations)
        {
            // A derived parameters type may pin the algorithms in its own constructor; an OpenID Connect code-flow
            // sign-in gets its id_token from the provider's token endpoint, never from a caller.
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, types.TokenValidationParameters)
                || creation.Syntax is not BaseObjectCreationExpressionSyntax syntax
                || RemoteSignIn.IsCodeFlowParameters(creation))
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.STL2001_JwtAlgorithmNotPinned,
                CreationLocations.Head(syntax),
                properties,
                "TokenValidationParameters created here",
                PinningRisk(configuration, types)));
        }

        if (configuration.InPlaceAnchor is { Assignment.Target: IPropertyReferenceOperation { Instance: { } holder } } anchor)
        {
            var holderText = holder.Syntax.ToString();
            var statement = anchor.Assignment.Syntax.Parent as ExpressionStatementSyntax;
            var additional = statement is null ? Array.Empty<Location>() : new[] { statement.GetLocation() };
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.STL2001_JwtAlgorithmNotPinned,
                ParametersLocations.ConfiguringLocation(anchor.Assignment, context.OwningSymbol),
                additional,
                properties.Add(ValidationFixProperties.HolderProperty, holderText),
                "'" + holderText + "' configured here",
                PinningRisk(configuration, types)));
        }
    }

    private static void JudgeSetting(OperationBlockAnalysisContext context, ParametersSetting setting, AlgorithmFamily keyFamily)
    {
        string? reason;
        switch (setting.Name)
        {
            case "RequireSignedTokens":
                Report(context, Descriptors.STL2003_JwtSignatureNotVerified, setting, IsFalse(setting) ? "RequireSignedTokens = false" : null);
                break;
            case "SignatureValidator":
                Report(context, Descriptors.STL2003_JwtSignatureNotVerified, setting, DelegateBody.Resolve(setting.Value) is { } signature && ValidatorJudge.SkipsSignature(signature)
                    ? "SignatureValidator returns the token without verifying its signature"
                    : null);
                break;
            case "ValidateLifetime":
            case "RequireExpirationTime":
                Report(context, Descriptors.STL2004_JwtExpiryNotEnforced, setting, IsFalse(setting) && !ReadsExpiredTokensByName(context.OwningSymbol, setting)
                    ? setting.Name + " = false"
                    : null);
                break;
            case "LifetimeValidator":
                reason = DelegateBody.Resolve(setting.Value) is { } lifetime ? ValidatorJudge.LifetimeDefect(lifetime) : null;
                Report(context, Descriptors.STL2004_JwtExpiryNotEnforced, setting, reason);
                break;
            case "ValidateAudience":
                // A project whose policies require a scope claim refuses another API's tokens at authorization.
                Report(context, Descriptors.STL2005_JwtAudienceNotValidated, setting, IsFalse(setting) && !ScopeAuthorization.RequiresScope(context.Compilation, context.CancellationToken)
                    ? "ValidateAudience = false"
                    : null);
                break;
            case "AudienceValidator":
                Report(context, Descriptors.STL2005_JwtAudienceNotValidated, setting, DelegateBody.Resolve(setting.Value) is { } audience && ValidatorJudge.AcceptsAnyAudience(audience)
                    ? "AudienceValidator returns true for every audience"
                    : null);
                break;
            case "ValidateIssuer":
                Report(context, Descriptors.STL2006_JwtIssuerNotValidated, setting, IsFalse(setting) ? "ValidateIssuer = false" : null);
                break;
            case "IssuerValidator":
                Report(context, Descriptors.STL2006_JwtIssuerNotValidated, setting, DelegateBody.Resolve(setting.Value) is { } issuer && ValidatorJudge.AcceptsAnyIssuer(issuer)
                    ? "IssuerValidator returns the issuer without checking it"
                    : null);
                break;
            case "ClockSkew":
                JudgeClockSkew(context, setting);
                break;
            case "ValidAlgorithms":
                JudgeAlgorithms(context, setting, keyFamily);
                break;
        }
    }

    private static void JudgeClockSkew(OperationBlockAnalysisContext context, ParametersSetting setting)
    {
        // Follows a same-file static readonly field or get-only property to its initializer (ClockSkew = Skew).
        if (!ConstantFolding.TryFoldTimeSpan(setting.Value, out var skew, DeclaredValues.Lookup))
        {
            return;
        }

        var maximum = StatelessOptions.MaxClockSkew(context.Options, setting.Assignment.Syntax.SyntaxTree);
        if (skew <= maximum)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(ValidationFixProperties.MaxClockSkewTicksProperty, maximum.Ticks.ToString(CultureInfo.InvariantCulture));
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.STL2007_ExcessiveClockSkew,
            setting.Assignment.Syntax.GetLocation(),
            properties,
            Durations.Format(skew),
            Durations.Format(maximum)));
    }

    private static void JudgeAlgorithms(OperationBlockAnalysisContext context, ParametersSetting setting, AlgorithmFamily keyFamily)
    {
        if (!AlgorithmList.TryRead(setting.Value, out var elements))
        {
            return;
        }

        string? none = null;
        string? symmetric = null;
        string? asymmetric = null;
        foreach (var element in elements)
        {
            switch (element.Family)
            {
                case AlgorithmFamily.None:
                    none ??= element.Value;
                    break;
                case AlgorithmFamily.Hmac:
                    symmetric ??= element.Value;
                    break;
                case AlgorithmFamily.Rsa:
                case AlgorithmFamily.Ecdsa:
                    asymmetric ??= element.Value;
                    break;
            }
        }

        string? reason = null;
        if (none is not null)
        {
            reason = "contains '" + none + "', which accepts unsigned tokens";
        }
        else if (symmetric is not null && asymmetric is not null)
        {
            reason = "mixes the symmetric '" + symmetric + "' with the asymmetric '" + asymmetric + "', which lets a token be signed with the public key as HMAC secret";
        }

        if (reason is null)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty;
        if (keyFamily != AlgorithmFamily.Unknown)
        {
            properties = properties.Add(ValidationFixProperties.KeyFamilyProperty, keyFamily.ToString());
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.STL2002_DangerousJwtAlgorithmSet, setting.Assignment.Syntax.GetLocation(), properties, reason));
    }

    private static void Report(OperationBlockAnalysisContext context, DiagnosticDescriptor descriptor, ParametersSetting setting, string? reason)
    {
        if (reason is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(descriptor, setting.Assignment.Syntax.GetLocation(), reason));
        }
    }

    /// <summary>
    /// <c>ValidateLifetime = false</c> in a method named for expired tokens (<c>GetPrincipalFromExpiredToken</c>,
    /// <c>ParseExpiredToken</c>): the refresh helper that reads the user of an expired access token back, by its own
    /// name. The refresh token checked against its store is the credential there; the expired token authenticates
    /// nothing. (Unnamed helpers and anything that authenticates requests stay reported.)
    /// </summary>
    private static bool ReadsExpiredTokensByName(ISymbol owner, ParametersSetting setting) =>
        setting.Name == "ValidateLifetime"
        && owner is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
        && method.Name.IndexOf("Expired", System.StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>
    /// Code of a DPoP proof validator (RFC 9449), by its method's or type's name: a proof is signed with the key it carries
    /// in its own header, which the validator has already checked to be an asymmetric key with an allowed <c>alg</c>, and
    /// has no <c>iss</c>, <c>aud</c> or <c>exp</c> (its <c>iat</c> and a <c>jti</c> replay check bound it). Switching those checks
    /// off, and not pinning the algorithm in the parameters, is what the specification asks for.
    /// </summary>
    private static bool ChecksDPoPProofs(ISymbol owner) =>
        owner.Name.IndexOf("DPoP", System.StringComparison.OrdinalIgnoreCase) >= 0
        || owner.ContainingType?.Name.IndexOf("DPoP", System.StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>Checks a DPoP proof has no claim for: its lifetime, audience and issuer (STL2004, STL2005, STL2006).</summary>
    private static bool IsAbsentFromProofs(ParametersSetting setting) =>
        setting.Name is "ValidateLifetime" or "RequireExpirationTime" or "ValidateAudience" or "ValidateIssuer";

    private static bool IsFalse(ParametersSetting setting) => ConstantFolding.TryFoldBoolean(setting.Value, out var value) && !value;

    /// <summary>
    /// What an unpinned algorithm really risks with these keys. Microsoft.IdentityModel uses a key only with algorithms
    /// of its own type, so an RSA-only or ECDSA-only key set cannot be attacked with HS256; the token's 'alg' picks among
    /// the families of every key the parameters can resolve.
    /// </summary>
    private static string PinningRisk(ParametersConfiguration configuration, TokenValidationTypes types)
    {
        var families = new SortedSet<AlgorithmFamily>();
        var open = configuration.Sets("IssuerSigningKeyResolver") || configuration.Sets("IssuerSigningKeyResolverUsingConfiguration");
        var anyKey = false;
        foreach (var setting in configuration.Settings)
        {
            var keys = setting.Name switch
            {
                "IssuerSigningKey" => new[] { setting.Value },
                "IssuerSigningKeys" => ConfiguredKeyFamily.KeyElements(setting.Value),
                _ => null,
            };

            foreach (var key in keys ?? Enumerable.Empty<IOperation?>())
            {
                anyKey = true;
                var family = ConfiguredKeyFamily.Of(key, types, 0);
                if (family is AlgorithmFamily.Unknown or AlgorithmFamily.None)
                {
                    open = true;
                }
                else
                {
                    families.Add(family);
                }
            }
        }

        if (families.Count > 1)
        {
            return "the token's own 'alg' header chooses between the " + string.Join(" and ", families.Select(AlgorithmFamilies.DisplayName))
                + " keys configured here, so a token is checked with whichever key its header selects, not with the one you issue with; pin the algorithm you issue (RFC 8725 section 3.1)";
        }

        if (!anyKey || open || families.Count == 0)
        {
            return "the token's own 'alg' header picks among the algorithms of every key these parameters resolve (from configuration, a metadata endpoint or a resolver), so a key of another family added later silently widens what is accepted; pin the algorithm you issue (RFC 8725 section 3.1)";
        }

        return families.Min switch
        {
            AlgorithmFamily.Hmac => "every HMAC algorithm (HS256, HS384, HS512) is accepted with the symmetric key, whichever one the token names; pin the one you issue (RFC 8725 section 3.1)",
            var asymmetric => "Microsoft.IdentityModel uses the " + AlgorithmFamilies.DisplayName(asymmetric) + " key only with " + AlgorithmFamilies.DisplayName(asymmetric)
                + " algorithms, so HS256 confusion does not apply, but every algorithm of that family is accepted and a key of another family added later widens the set; pin the algorithm you issue (RFC 8725 section 3.1)",
        };
    }

}
