using System;
using System.Security.Claims;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Stateless.Runtime;

/// <summary>
/// A JwtBearer token handler that validates with <see cref="StatelessTokenVerifier"/> itself, so JwtBearer accepts
/// exactly what the verifier accepts (strict base64url, no duplicate members, the key policy, RFC 7519 time rules,
/// <c>crit</c>, required <c>jti</c> and <c>sub</c>) — and, when built over an <see cref="IServiceProvider"/>, refuses a
/// <c>jti</c> on the <see cref="IJtiDenylist"/> registered there (an unreachable denylist refuses the token: fail
/// closed). All of it happens here, before JwtBearer raises any event, so no events wiring of the app
/// (<c>Events</c>, <c>EventsType</c>, a subclass overriding <c>TokenValidated</c>) can skip a check. The
/// <see cref="TokenValidationParameters"/> passed in are ignored: the verifier's options decide.
/// </summary>
public sealed class StatelessTokenHandler : TokenHandler
{
    private readonly StatelessTokenVerifierOptions _options;
    private readonly TimeProvider _time;
    private readonly IServiceProvider? _services;
    private volatile VerifierForDenylist _current;

    /// <summary>Creates the handler over <paramref name="verifier"/> as it is (its own denylist, if any; nothing from DI).</summary>
    public StatelessTokenHandler(StatelessTokenVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        _options = verifier.Options;
        _time = TimeProvider.System;
        _current = new VerifierForDenylist(null, verifier);
        MaximumTokenSizeInBytes = verifier.Options.MaxTokenLength;
    }

    /// <summary>
    /// Creates the handler for <paramref name="options"/> (validated at once: throws <see cref="ArgumentException"/> like the
    /// verifier) that consults the <see cref="IJtiDenylist"/> registered in <paramref name="services"/> — the request's
    /// services when an <see cref="IHttpContextAccessor"/> is registered, else <paramref name="services"/> — on every token.
    /// The clock is <paramref name="time"/>, else the registered <see cref="TimeProvider"/>, else the system clock.
    /// </summary>
    public StatelessTokenHandler(StatelessTokenVerifierOptions options, IServiceProvider services, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        _options = options;
        _services = services;
        _time = time ?? services.GetService<TimeProvider>() ?? TimeProvider.System;
        _current = new VerifierForDenylist(null, new StatelessTokenVerifier(options, null, _time));
        MaximumTokenSizeInBytes = options.MaxTokenLength;
    }

    /// <summary>The options tokens are verified with.</summary>
    public StatelessTokenVerifierOptions Options => _options;

    /// <inheritdoc />
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var http = _services?.GetService<IHttpContextAccessor>()?.HttpContext;
        TokenVerificationResult result;
        if (!TryGetVerifier(http, out var verifier))
        {
            result = TokenVerificationResult.Fail(TokenFailure.StoreUnavailable);
        }
        else
        {
            result = await verifier.VerifyAsync(token, http?.RequestAborted ?? CancellationToken.None).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            if (http is not null)
            {
                http.Items[StatelessJwtBearerExtensions.FailureItemKey] = result.Failure;
            }

            return new TokenValidationResult
            {
                IsValid = false,
                Exception = new StatelessTokenValidationException(result.Failure),
            };
        }

        return new TokenValidationResult
        {
            IsValid = true,
            ClaimsIdentity = (ClaimsIdentity)result.Principal!.Identity!,
            SecurityToken = VerifiedToken.For(token, result),
        };
    }

    /// <inheritdoc />
    public override SecurityToken ReadToken(string token) => new JsonWebToken(token);

    /// <summary>
    /// The verifier over the denylist registered now (resolved per request, so a scoped or late registration is found);
    /// false when resolving it throws (a broken registration refuses the token: fail closed).
    /// </summary>
    private bool TryGetVerifier(HttpContext? http, out StatelessTokenVerifier verifier)
    {
        var current = _current;
        if (_services is null)
        {
            verifier = current.Verifier;
            return true;
        }

        IJtiDenylist? denylist;
        try
        {
            denylist = (http?.RequestServices ?? _services).GetService<IJtiDenylist>();
        }
#pragma warning disable CA1031 // The denylist cannot be obtained: refuse the token (fail closed).
        catch (Exception)
#pragma warning restore CA1031
        {
            verifier = current.Verifier;
            return false;
        }

        if (!ReferenceEquals(current.Denylist, denylist))
        {
            current = new VerifierForDenylist(denylist, new StatelessTokenVerifier(_options, denylist, _time));
            _current = current;
        }

        verifier = current.Verifier;
        return true;
    }

    private sealed record VerifierForDenylist(IJtiDenylist? Denylist, StatelessTokenVerifier Verifier);
}
