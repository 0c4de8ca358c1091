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
public sealed class TokenValidationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the algorithm family of the configured signing key(s), when there is exactly one.</summary>
    public const string KeyFamilyProperty = "KeyFamily";

    /// <summary>
    /// Diagnostic property (STL2001, in place): the expression that holds the parameters, e.g.
    /// <c>options.TokenValidationParameters</c>; the diagnostic's additional location is the statement after which
    /// the fix adds <c>ValidAlgorithms</c>.
    /// </summary>
    public const string HolderProperty = "Holder";

    /// <summary>Diagnostic property (STL2007): the configured maximum clock skew in ticks.</summary>
    public const string MaxClockSkewTicksProperty = "MaxClockSkewTicks";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.STL2001_JwtAlgorithmNotPinned,
        Descriptors.STL2002_DangerousJwtAlgorithmSet,
        Descriptors.STL2003_JwtSignatureNotVerified,
        Descriptors.STL2004_JwtExpiryNotEnforced,
        Descriptors.STL2005_JwtAudienceNotValidated,
        Descriptors.STL2006_JwtIssuerNotValidated,
        Descriptors.STL2007_ExcessiveClockSkew);

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
        foreach (var configuration in ValidationParametersModel.Build(context.OperationBlocks, types))
        {
            var keyFamily = KeyFamily(configuration, types);
            if (!PinsAlgorithms(configuration))
            {
                ReportNotPinned(context, configuration, keyFamily, types);
            }

            foreach (var setting in configuration.Settings)
            {
                if (!configuration.IsOverridden(setting))
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
            properties = properties.Add(KeyFamilyProperty, keyFamily.ToString());
        }

        foreach (var creation in configuration.Creations)
        {
            // A derived parameters type may pin the algorithms in its own constructor.
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, types.TokenValidationParameters)
                || creation.Syntax is not BaseObjectCreationExpressionSyntax syntax)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.STL2001_JwtAlgorithmNotPinned,
                CreationHeadLocation(syntax),
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
                ConfiguringLocation(anchor.Assignment, context.OwningSymbol),
                additional,
                properties.Add(HolderProperty, holderText),
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
                Report(context, Descriptors.STL2004_JwtExpiryNotEnforced, setting, IsFalse(setting) ? setting.Name + " = false" : null);
                break;
            case "LifetimeValidator":
                reason = DelegateBody.Resolve(setting.Value) is { } lifetime ? ValidatorJudge.LifetimeDefect(lifetime) : null;
                Report(context, Descriptors.STL2004_JwtExpiryNotEnforced, setting, reason);
                break;
            case "ValidateAudience":
                Report(context, Descriptors.STL2005_JwtAudienceNotValidated, setting, IsFalse(setting) ? "ValidateAudience = false" : null);
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

        var properties = ImmutableDictionary<string, string?>.Empty.Add(MaxClockSkewTicksProperty, maximum.Ticks.ToString(CultureInfo.InvariantCulture));
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
            properties = properties.Add(KeyFamilyProperty, keyFamily.ToString());
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
                "IssuerSigningKeys" => KeyElements(setting.Value),
                _ => null,
            };

            foreach (var key in keys ?? Enumerable.Empty<IOperation?>())
            {
                anyKey = true;
                var family = KeyFamily(key, types, 0);
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

    /// <summary>The family of the configured signing key(s) when all of them share one, else Unknown.</summary>
    private static AlgorithmFamily KeyFamily(ParametersConfiguration configuration, TokenValidationTypes types)
    {
        var families = new HashSet<AlgorithmFamily>();
        foreach (var setting in configuration.Settings)
        {
            if (setting.Name == "IssuerSigningKey")
            {
                families.Add(KeyFamily(setting.Value, types, 0));
            }
            else if (setting.Name == "IssuerSigningKeys")
            {
                foreach (var key in KeyElements(setting.Value))
                {
                    families.Add(KeyFamily(key, types, 0));
                }
            }
        }

        if (families.Count != 1)
        {
            return AlgorithmFamily.Unknown;
        }

        foreach (var family in families)
        {
            return family;
        }

        return AlgorithmFamily.Unknown;
    }

    private static AlgorithmFamily KeyFamily(IOperation? value, TokenValidationTypes types, int depth)
    {
        value = value.WithoutImplicitConversions();
        if (value is null)
        {
            return AlgorithmFamily.Unknown;
        }

        var family = types.KeyFamily(value.Type);
        if (family == AlgorithmFamily.Unknown && depth < 4 && value is ILocalReferenceOperation local && ConstantFolding.SingleAssignment(local) is { } assigned)
        {
            return KeyFamily(assigned, types, depth + 1);
        }

        return family;
    }

    private static IEnumerable<IOperation?> KeyElements(IOperation? value)
    {
        value = value.WithoutImplicitConversions();
        switch (value)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.ElementValues)
                {
                    yield return element;
                }

                break;
            case IObjectCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.Initializers)
                {
                    yield return element is IInvocationOperation { Arguments.Length: 1 } add ? add.Arguments[0].Value : null;
                }

                break;
            default:
                if (value?.Syntax is CollectionExpressionSyntax collection && value.SemanticModel is { } model)
                {
                    foreach (var element in collection.Elements)
                    {
                        yield return element is ExpressionElementSyntax expression ? model.GetOperation(expression.Expression) : null;
                    }
                }
                else
                {
                    yield return null;
                }

                break;
        }
    }

    /// <summary><c>new TokenValidationParameters</c> (or <c>new()</c>) without its initializer.</summary>
    private static Location CreationHeadLocation(BaseObjectCreationExpressionSyntax syntax)
    {
        var end = syntax switch
        {
            ObjectCreationExpressionSyntax explicitType => explicitType.ArgumentList?.Span.End ?? explicitType.Type.Span.End,
            ImplicitObjectCreationExpressionSyntax implicitType => implicitType.ArgumentList.Span.End,
            _ => syntax.Span.End,
        };

        return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end));
    }

    /// <summary>The lambda (its parameters and arrow) or method that configures the options in place.</summary>
    private static Location ConfiguringLocation(IOperation anchor, ISymbol owningSymbol)
    {
        for (var current = anchor.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function)
            {
                switch (function.Syntax)
                {
                    case LambdaExpressionSyntax lambda:
                        return Location.Create(lambda.SyntaxTree, TextSpan.FromBounds(lambda.SpanStart, lambda.ArrowToken.Span.End));
                    case AnonymousMethodExpressionSyntax method:
                        return Location.Create(method.SyntaxTree, TextSpan.FromBounds(method.SpanStart, method.ParameterList?.Span.End ?? method.DelegateKeyword.Span.End));
                }
            }

            if (current is ILocalFunctionOperation { Syntax: LocalFunctionStatementSyntax localFunction })
            {
                return localFunction.Identifier.GetLocation();
            }
        }

        foreach (var location in owningSymbol.Locations)
        {
            if (location.IsInSource && location.SourceTree == anchor.Syntax.SyntaxTree)
            {
                return location;
            }
        }

        return anchor.Syntax.GetLocation();
    }
}
