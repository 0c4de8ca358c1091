using System;
using System.Security.Claims;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Stateless.Runtime;

/// <summary>
/// A JwtBearer token handler that validates with <see cref="StatelessTokenVerifier"/> itself, so JwtBearer accepts
/// exactly what the verifier accepts (strict base64url, no duplicate members, the key policy, RFC 7519 time rules).
/// The <see cref="TokenValidationParameters"/> passed in are ignored: the verifier's options decide. The jti denylist
/// is checked afterwards, in <c>OnTokenValidated</c>.
/// </summary>
public sealed class StatelessTokenHandler : TokenHandler
{
    private readonly StatelessTokenVerifier _verifier;

    /// <summary>Creates the handler over a verifier (normally built without a denylist: JwtBearer's event checks it).</summary>
    public StatelessTokenHandler(StatelessTokenVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        _verifier = verifier;
        MaximumTokenSizeInBytes = verifier.Options.MaxTokenLength;
    }

    /// <inheritdoc />
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var result = await _verifier.VerifyAsync(token, CancellationToken.None).ConfigureAwait(false);
        if (!result.IsValid)
        {
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
            SecurityToken = new JsonWebToken(token),
        };
    }

    /// <inheritdoc />
    public override SecurityToken ReadToken(string token) => new JsonWebToken(token);
}

/// <summary>The verifier refused a token in JwtBearer; <see cref="Failure"/> says why.</summary>
public sealed class StatelessTokenValidationException : SecurityTokenValidationException
{
    /// <summary>Creates the exception for <paramref name="failure"/>.</summary>
    public StatelessTokenValidationException(TokenFailure failure)
        : base($"Token refused: {failure}.")
    {
        Failure = failure;
    }

    /// <summary>Creates the exception with a message.</summary>
    public StatelessTokenValidationException()
        : base("Token refused.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StatelessTokenValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public StatelessTokenValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the token was refused.</summary>
    public TokenFailure Failure { get; }
}
