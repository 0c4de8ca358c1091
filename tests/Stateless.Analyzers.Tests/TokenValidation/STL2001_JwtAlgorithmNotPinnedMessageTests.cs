using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Analyzers.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenValidation;

/// <summary>
/// STL2001's message states what an unpinned algorithm really risks with the keys in sight: Microsoft.IdentityModel uses
/// a key only with algorithms of its own type, so an RSA-only key set is never told it is open to RS256 → HS256 confusion.
/// </summary>
public class STL2001_JwtAlgorithmNotPinnedMessageTests
{
    private static DiagnosticResult Expected(string holder, string risk) =>
        At0(Descriptors.STL2001_JwtAlgorithmNotPinned).WithArguments(holder, risk);

    private static Task Verify(string body, params DiagnosticResult[] expected) =>
        VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2001_JwtAlgorithmNotPinned, InMethod(body), expected);

    [Fact]
    public Task One_rsa_key_is_told_that_hs256_confusion_does_not_apply() =>
        Verify("""
            var parameters = {|#0:new TokenValidationParameters|} { ValidIssuer = issuer, IssuerSigningKey = new RsaSecurityKey(rsa) };
            """,
            Expected("TokenValidationParameters created here", PinningRisks.RsaOnly));

    [Fact]
    public Task One_symmetric_key_is_told_every_hmac_algorithm_is_accepted() =>
        Verify("""
            var parameters = {|#0:new TokenValidationParameters|} { ValidIssuer = issuer, IssuerSigningKey = new SymmetricSecurityKey(new byte[32]) };
            """,
            Expected("TokenValidationParameters created here", PinningRisks.SymmetricOnly));

    [Fact]
    public Task Keys_of_two_families_are_told_the_header_chooses_between_them() =>
        Verify("""
            var parameters = {|#0:new TokenValidationParameters|}
            {
                ValidIssuer = issuer,
                IssuerSigningKeys = new SecurityKey[] { new RsaSecurityKey(rsa), new SymmetricSecurityKey(new byte[32]) },
            };
            """,
            Expected("TokenValidationParameters created here", PinningRisks.HmacAndRsa));

    [Fact]
    public Task Keys_from_a_resolver_or_out_of_sight_are_told_the_set_can_widen() =>
        Verify("""
            var resolved = {|#0:new TokenValidationParameters|}
            {
                ValidIssuer = issuer,
                IssuerSigningKey = new RsaSecurityKey(rsa),
                IssuerSigningKeyResolver = (token, securityToken, kid, p) => new SecurityKey[] { new RsaSecurityKey(rsa) },
            };
            var metadata = {|#1:new TokenValidationParameters|} { ValidIssuer = issuer };
            """,
            Expected("TokenValidationParameters created here", PinningRisks.Open),
            At0(Descriptors.STL2001_JwtAlgorithmNotPinned, 1).WithArguments("TokenValidationParameters created here", PinningRisks.Open));
}
