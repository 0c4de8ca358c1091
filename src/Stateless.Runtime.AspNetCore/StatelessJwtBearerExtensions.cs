using System;
using System.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
    /// through its only token handler, a <see cref="StatelessTokenHandler"/>: every check of the verifier (pinned algorithms,
    /// <c>kid</c>-only key choice and key policy, strict parsing, no <c>crit</c>, required <c>exp</c>/<c>aud</c>/<c>iss</c>/<c>jti</c>/<c>sub</c>,
    /// the small skew, the required <c>typ</c>) and the <c>jti</c> check against the <see cref="IJtiDenylist"/> registered in
    /// DI (an unreachable denylist fails the request: fail closed) run inside that handler, before JwtBearer raises any event, so
    /// no events wiring of the app — <c>Events</c>, <c>EventsType</c>, a subclass overriding <c>TokenValidated</c> — can skip
    /// one; the app's events still run. The parameters state the same policy for anything else that reads them:
    /// <c>ValidAlgorithms</c> pinned; issuer, audience, lifetime and signature required; the options' (capped) clock skew;
    /// <c>TryAllIssuerSigningKeys</c> off and the key resolved only by <c>kid</c> from the ring; no inbound claim mapping.
    /// <paramref name="configureJwtBearer"/> runs first; these settings are applied after it and win. A later step that
    /// replaces the token handler makes the options invalid (the first request throws <c>OptionsValidationException</c>).
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

        builder.Services.AddHttpContextAccessor();
        builder.AddJwtBearer(authenticationScheme, configureJwtBearer ?? (_ => { }));
        builder.Services.AddOptions<JwtBearerOptions>(authenticationScheme)
            .PostConfigure<IServiceProvider>((jwt, services) => Apply(jwt, options(services), services));
        builder.Services.AddSingleton<IValidateOptions<JwtBearerOptions>>(new StatelessJwtBearerOptionsValidator(authenticationScheme));
        return builder;
    }

    /// <summary>
    /// Applies <paramref name="options"/> to <paramref name="jwt"/> (what <c>AddStatelessJwtBearer</c> does). With
    /// <paramref name="services"/>, the handler checks the <see cref="IJtiDenylist"/> registered there on every token and
    /// takes the clock from its <see cref="TimeProvider"/>; without, no denylist is consulted.
    /// </summary>
    public static void Apply(JwtBearerOptions jwt, StatelessTokenVerifierOptions options, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(options);
        var time = services?.GetService<TimeProvider>() ?? TimeProvider.System;
        var handler = services is null
            ? new StatelessTokenHandler(new StatelessTokenVerifier(options, denylist: null, time))
            : new StatelessTokenHandler(options, services, time); // validates: throws for no algorithm, "none", mixed families, ...
        var ring = options.Keys;
        var pinned = options.Algorithms.ToArray();

        // The token is validated by StatelessTokenVerifier itself; the parameters below state the same policy for
        // anything else that reads them.
        jwt.MapInboundClaims = false;
        jwt.UseSecurityTokenValidators = false;
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(handler);
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidateIssuer = true,
            ValidAudiences = options.Audiences.ToArray(),
            ValidateAudience = true,
            RequireAudience = true,
            ValidAlgorithms = pinned,
            ValidTypes = options.RequiredType is { } type ? [type] : null,
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
    }
}
