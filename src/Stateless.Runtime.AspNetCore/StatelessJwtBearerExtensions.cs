using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Stateless.Runtime;

/// <summary>
/// <c>services.AddAuthentication().AddStatelessJwtBearer(sp =&gt; new StatelessTokenVerifierOptions { ... })</c>:
/// JwtBearer configured from the same options as <see cref="StatelessTokenVerifier"/>.
/// </summary>
public static class StatelessJwtBearerExtensions
{
    /// <summary>The <see cref="Microsoft.AspNetCore.Http.HttpContext.Items"/> key under which a refusal's <see cref="TokenFailure"/> is left.</summary>
    public const string FailureItemKey = "Stateless.Runtime.TokenFailure";

    /// <summary>Adds JwtBearer under <see cref="JwtBearerDefaults.AuthenticationScheme"/> configured from <paramref name="options"/>.</summary>
    public static AuthenticationBuilder AddStatelessJwtBearer(this AuthenticationBuilder builder, StatelessTokenVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return builder.AddStatelessJwtBearer(JwtBearerDefaults.AuthenticationScheme, _ => options);
    }

    /// <summary>Adds JwtBearer under <see cref="JwtBearerDefaults.AuthenticationScheme"/> configured from the options <paramref name="options"/> builds (it may resolve the ring from DI).</summary>
    public static AuthenticationBuilder AddStatelessJwtBearer(this AuthenticationBuilder builder, Func<IServiceProvider, StatelessTokenVerifierOptions> options) =>
        builder.AddStatelessJwtBearer(JwtBearerDefaults.AuthenticationScheme, options);

    /// <summary>
    /// Adds JwtBearer under <paramref name="authenticationScheme"/>, validating tokens with <see cref="StatelessTokenVerifier"/>
    /// (through <see cref="StatelessTokenHandler"/>) and stating the same policy in its parameters: <c>ValidAlgorithms</c> pinned; issuer,
    /// audience, lifetime and signature required; the options' (capped) clock skew; <c>TryAllIssuerSigningKeys</c> off
    /// and the key resolved only by <c>kid</c> from the ring (revoked, retired-past-window or misfitting keys resolve to
    /// nothing); the token-size limit; no inbound claim mapping. On every validated token it also refuses a <c>crit</c>
    /// header, a missing <c>jti</c> or <c>sub</c>, and a <c>jti</c> on the registered <see cref="IJtiDenylist"/> (an
    /// unreachable denylist fails the request: fail closed). <paramref name="configureJwtBearer"/> runs first; these
    /// settings are applied after it and win.
    /// </summary>
    public static AuthenticationBuilder AddStatelessJwtBearer(
        this AuthenticationBuilder builder,
        string authenticationScheme,
        Func<IServiceProvider, StatelessTokenVerifierOptions> options,
        Action<JwtBearerOptions>? configureJwtBearer = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        ArgumentNullException.ThrowIfNull(options);

        builder.AddJwtBearer(authenticationScheme, configureJwtBearer ?? (_ => { }));
        builder.Services.AddOptions<JwtBearerOptions>(authenticationScheme)
            .PostConfigure<IServiceProvider>((jwt, services) => Apply(jwt, options(services), services));
        return builder;
    }

    /// <summary>Applies <paramref name="options"/> to <paramref name="jwt"/> (what <c>AddStatelessJwtBearer</c> does).</summary>
    public static void Apply(JwtBearerOptions jwt, StatelessTokenVerifierOptions options, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(options);
        var time = services?.GetService<TimeProvider>() ?? TimeProvider.System;
        var verifier = new StatelessTokenVerifier(options, denylist: null, time); // validates: throws for no algorithm, "none", mixed families, ...
        var ring = options.Keys;
        var pinned = options.Algorithms.ToArray();

        // The token is validated by StatelessTokenVerifier itself; the parameters below state the same policy for
        // anything else that reads them (and would apply if the handler were swapped back to JsonWebTokenHandler).
        jwt.MapInboundClaims = false;
        jwt.UseSecurityTokenValidators = false;
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(new StatelessTokenHandler(verifier));
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidateIssuer = true,
            ValidAudiences = options.Audiences.ToArray(),
            ValidateAudience = true,
            RequireAudience = true,
            ValidAlgorithms = pinned,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = options.EffectiveClockSkew,
            TryAllIssuerSigningKeys = false,
            IssuerSigningKeyResolver = (_, securityToken, kid, _) =>
            {
                string? algorithm = (securityToken as JsonWebToken)?.Alg;
                return pinned.Contains(algorithm, StringComparer.Ordinal) && ring.FindVerificationKey(kid, algorithm) is { } key
                    ? [key]
                    : [];
            },
            NameClaimType = "sub",
            RoleClaimType = "role",
            LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                // Same rule as StatelessTokenVerifier, on the registered clock: exp required, now < exp + skew, nbf <= now + skew.
                var now = time.GetUtcNow().UtcDateTime;
                return expires is { } exp
                    && now < exp.ToUniversalTime() + parameters.ClockSkew
                    && (notBefore is not { } nbf || nbf.ToUniversalTime() <= now + parameters.ClockSkew);
            },
        };

        jwt.Events ??= new JwtBearerEvents();
        var nextFailed = jwt.Events.OnAuthenticationFailed;
        jwt.Events.OnAuthenticationFailed = context =>
        {
            if (context.Exception is StatelessTokenValidationException refused)
            {
                context.HttpContext.Items[FailureItemKey] = refused.Failure;
            }

            return nextFailed(context);
        };

        var next = jwt.Events.OnTokenValidated;
        jwt.Events.OnTokenValidated = async context =>
        {
            var failure = await CheckAsync(context).ConfigureAwait(false);
            if (failure != TokenFailure.None)
            {
                context.HttpContext.Items[FailureItemKey] = failure;
                context.Fail($"Token refused: {failure}.");
                return;
            }

            await next(context).ConfigureAwait(false);
        };
    }

    private static async Task<TokenFailure> CheckAsync(TokenValidatedContext context)
    {
        if (context.SecurityToken is not JsonWebToken token)
        {
            return TokenFailure.Malformed;
        }

        if (token.TryGetHeaderValue<object>("crit", out _))
        {
            return TokenFailure.Malformed;
        }

        if (string.IsNullOrEmpty(token.Kid))
        {
            return TokenFailure.UnknownKey;
        }

        string? tokenId = token.TryGetPayloadValue<string>("jti", out var jti) ? jti : null;
        string? subject = token.TryGetPayloadValue<string>("sub", out var sub) ? sub : null;
        if (string.IsNullOrEmpty(tokenId) || string.IsNullOrEmpty(subject))
        {
            return TokenFailure.MissingClaim;
        }

        var denylist = context.HttpContext.RequestServices.GetService<IJtiDenylist>();
        if (denylist is null)
        {
            return TokenFailure.None;
        }

        try
        {
            return await denylist.IsRevokedAsync(tokenId, context.HttpContext.RequestAborted).ConfigureAwait(false)
                ? TokenFailure.Revoked
                : TokenFailure.None;
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The denylist could not answer: refuse the token (fail closed).
        catch (Exception)
#pragma warning restore CA1031
        {
            return TokenFailure.StoreUnavailable;
        }
    }
}
