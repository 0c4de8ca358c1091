using System.Threading.Tasks;
using Stateless.Analyzers.TokenIssuance;
using static Stateless.Analyzers.Tests.TokenIssuance.Templates;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenIssuance.SigningKeyAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenIssuance;

public class STL3006_SigningKeyTooShortTests
{
    private const string Id = "STL3006";

    [Theory]
    [InlineData("return {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(\"superSecretKey@345\"))|};", 18)]
    [InlineData("return {|#0:new SymmetricSecurityKey(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 })|};", 16)]
    [InlineData("return {|#0:new SymmetricSecurityKey(new byte[16])|};", 16)]
    [InlineData("return {|#0:new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(16))|};", 16)]
    [InlineData("return {|#0:new SymmetricSecurityKey(Convert.FromBase64String(\"AAECAwQFBgcICQoLDA0ODw==\"))|};", 16)]
    [InlineData("const int KeySize = 24; var key = new byte[KeySize]; RandomNumberGenerator.Fill(key); return {|#0:new SymmetricSecurityKey(key)|};", 24)]
    [InlineData("return {|#0:new SymmetricSecurityKey(Encoding.Unicode.GetBytes(\"0123456789\"))|};", 20)]
    [InlineData("return {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(\"ключключ\"))|};", 16)]
    [InlineData("return {|#0:new SymmetricSecurityKey(Convert.FromHexString(\"000102030405060708090a0b0c0d0e0f\"))|};", 16)]
    [InlineData("return {|#0:new SymmetricSecurityKey(SHA1.HashData(keyFromCaller))|};", 20)]
    [InlineData("var size = 24; return {|#0:new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(size))|};", 24)]
    [InlineData("return {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ShortKey))|};", 9)]
    public async Task Reports_hmac_keys_under_256_bits(string body, int bytes) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + Source(body), VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments((bytes * 8).ToString(System.Globalization.CultureInfo.InvariantCulture), bytes + " bytes"));

    [Theory]
    [InlineData("return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(\"0123456789abcdef0123456789abcdef\"));")]
    [InlineData("return new SymmetricSecurityKey(new byte[64]);")]
    [InlineData("return new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));")]
    [InlineData("return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_config[\"Jwt:Key\"]!));")]
    [InlineData("return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(\"ключключключключ\"));")]
    [InlineData("return new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(_config[\"Jwt:Key\"]!)));")]
    [InlineData("return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_config[\"Jwt:Key\"] ?? \"short\"));")]
    [InlineData("return new SymmetricSecurityKey(keyFromCaller);")]
    [InlineData("return new RsaSecurityKey(RSA.Create(1024));")]
    [InlineData("return new MyApp.Security.SymmetricSecurityKey(new byte[8]);")]
    [InlineData("return new SymmetricSecurityKey(Encoding.UTF32.GetBytes(\"01234567\"));")]
    [InlineData("var key = new byte[keyFromCaller.Length]; return new SymmetricSecurityKey(key);")]
    [InlineData("return new SymmetricSecurityKey(Encoding.ASCII.GetBytes(JwtKey.Substring(0, 8)));")]
    public async Task Silent_for_256_bits_and_more_or_unknown_lengths(string body) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + Source(body) + """

            namespace MyApp.Security { public class SymmetricSecurityKey { public SymmetricSecurityKey(byte[] key) { } } }
            """);

    private static string Source(string body) => STL3005_HardCodedSigningKeyTests.InStartup(body).Replace(
        "private const string JwtKey",
        "private const string ShortKey = \"123456789\";\n    private const string JwtKey",
        System.StringComparison.Ordinal);
}
