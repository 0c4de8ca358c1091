using System;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Stateless.Runtime;

/// <summary>
/// The <see cref="SecurityToken"/> JwtBearer hands to the app's events for a token the verifier accepted: a
/// <see cref="JsonWebToken"/> when IdentityModel can read the token, else this minimal one built from the verification
/// result. IdentityModel refuses some headers the verifier accepts (a non-string <c>typ</c>, say); the token is valid
/// all the same, so JwtBearer must not refuse it — the ASP.NET Core path accepts exactly what the verifier does.
/// </summary>
internal sealed class VerifiedToken : SecurityToken
{
    private readonly string _raw;
    private readonly TokenVerificationResult _result;

    private VerifiedToken(string raw, TokenVerificationResult result)
    {
        _raw = raw;
        _result = result;
    }

    public static SecurityToken For(string token, TokenVerificationResult result)
    {
        try
        {
            return new JsonWebToken(token);
        }
#pragma warning disable CA1031 // Whatever IdentityModel objects to, the verifier has accepted the token.
        catch (Exception)
#pragma warning restore CA1031
        {
            return new VerifiedToken(token, result);
        }
    }

    public override string Id => _result.TokenId ?? string.Empty;

    public override string Issuer => _result.Principal?.FindFirst("iss")?.Value ?? string.Empty;

    public override SecurityKey? SecurityKey => null;

    public override SecurityKey? SigningKey { get; set; }

    public override DateTime ValidFrom => DateTime.MinValue;

    public override DateTime ValidTo => _result.ExpiresAt?.UtcDateTime ?? DateTime.MinValue;

    public override string UnsafeToString() => _raw;
}
