using System.Threading.Tasks;
using Stateless.Analyzers.TokenIssuance;
using static Stateless.Analyzers.Tests.TokenIssuance.Templates;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenIssuance.SigningKeyAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenIssuance;

public class STL3005_HardCodedSigningKeyTests
{
    private const string Id = "STL3005";

    internal static string InStartup(string body) => """
        using System.Security.Cryptography;
        using Microsoft.Extensions.Configuration;

        public class KeyFactory
        {
            private const string JwtKey = "my-super-secret-signing-key-0123456789";
            private static readonly string StaticKey = "static-readonly-signing-key-0123456789";
            private static readonly byte[] KeyBytes = Encoding.UTF8.GetBytes("bytes-field-signing-key-0123456789");
            private readonly string _instanceKey = "instance-readonly-signing-key-0123456789";
            private readonly string _configuredKey = "";
            private readonly IConfiguration _config;

            public KeyFactory(IConfiguration config)
            {
                _config = config;
                _configuredKey = config["Jwt:Key"]!;
            }

            public object Create(byte[] keyFromCaller, string pem)
            {

        """ + body + """

            }
        }
        """;

    [Theory]
    [InlineData("return {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(\"ThisIsMySuperSecretKeyForJwt1234567890\"))|};", "a string literal")]
    [InlineData("return {|#0:new SymmetricSecurityKey(Encoding.ASCII.GetBytes(JwtKey))|};", "the constant 'JwtKey'")]
    [InlineData("return {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(StaticKey))|};", "the static readonly field 'StaticKey'")]
    [InlineData("return {|#0:new SymmetricSecurityKey(KeyBytes)|};", "the static readonly field 'KeyBytes' (a string literal)")]
    [InlineData("return {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_instanceKey))|};", "the readonly field '_instanceKey'")]
    [InlineData("return {|#0:new SymmetricSecurityKey(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 })|};", "a byte-array literal")]
    [InlineData("return {|#0:new SymmetricSecurityKey(Convert.FromBase64String(\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==\"))|};", "a Base64 string literal")]
    [InlineData("return {|#0:new SymmetricSecurityKey(\"utf8-literal-signing-key-0123456789abc\"u8.ToArray())|};", "a UTF-8 string literal")]
    [InlineData("var secret = \"local-literal-signing-key-0123456789abc\"; var bytes = Encoding.UTF8.GetBytes(secret); return {|#0:new SymmetricSecurityKey(bytes)|};", "a string literal")]
    [InlineData("return {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_config[\"Jwt:Key\"] ?? \"fallback-signing-key-0123456789abcdef\"))|};", "a string literal used when the configured value is missing")]
    [InlineData("return new TokenValidationParameters { IssuerSigningKey = {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtKey))|} };", "the constant 'JwtKey'")]
    [InlineData("var rsa = RSA.Create(); rsa.ImportFromPem(\"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\"); return {|#0:new RsaSecurityKey(rsa)|};", "a PEM private key in a string literal")]
    [InlineData("var ecdsa = ECDsa.Create(); ecdsa.ImportECPrivateKey(Convert.FromBase64String(\"MHcCAQEE\"), out _); return {|#0:new ECDsaSecurityKey(ecdsa)|};", "a private key from a Base64 string literal")]
    [InlineData("return {|#0:new JsonWebKey(\"{\\\"kty\\\":\\\"oct\\\",\\\"k\\\":\\\"c2VjcmV0\\\"}\")|};", "a JSON Web Key with private material in a string literal")]
    [InlineData("return {|#0:new JsonWebKey|} { Kty = \"oct\", K = \"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA\" };", "a 'k' value from a string literal")]
    [InlineData("return {|#0:new RsaSecurityKey(new RSAParameters { Modulus = keyFromCaller, Exponent = new byte[] { 1, 0, 1 }, D = Convert.FromBase64String(\"AAECAwQ=\") })|};", "private key parameters from a Base64 string literal")]
    public async Task Reports_keys_written_in_the_source(string body, string source) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + InStartup(body), VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments(Type(body), source, Descriptors.SigningKeyConsequence));

    [Theory]
    [InlineData("return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_config[\"Jwt:Key\"]!));")]
    [InlineData("return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable(\"JWT_KEY\")!));")]
    [InlineData("return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_configuredKey));")]
    [InlineData("return new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));")]
    [InlineData("var key = new byte[64]; RandomNumberGenerator.Fill(key); return new SymmetricSecurityKey(key);")]
    [InlineData("return new SymmetricSecurityKey(keyFromCaller);")]
    [InlineData("return new SymmetricSecurityKey(Convert.FromBase64String(_config[\"Jwt:Base64Key\"]!));")]
    [InlineData("var rsa = RSA.Create(); rsa.ImportFromPem(pem); return new RsaSecurityKey(rsa);")]
    [InlineData("var rsa = RSA.Create(); rsa.ImportFromPem(\"-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----\"); return new RsaSecurityKey(rsa);")]
    [InlineData("return new JsonWebKey(\"{\\\"kty\\\":\\\"RSA\\\",\\\"n\\\":\\\"0vx7\\\",\\\"e\\\":\\\"AQAB\\\"}\");")]
    [InlineData("return new MyApp.Security.SymmetricSecurityKey(Encoding.UTF8.GetBytes(\"not-a-token-key-0123456789abcdefgh\"));")]
    [InlineData("return new RsaSecurityKey(RSA.Create(2048));")]
    [InlineData("return new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));")]
    [InlineData("var bytes = Encoding.UTF8.GetBytes(\"a\"); bytes = Encoding.UTF8.GetBytes(_config[\"k\"]!); return new SymmetricSecurityKey(bytes);")]
    public async Task Silent_for_keys_from_configuration_stores_or_generators(string body) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + InStartup(body) + """

            namespace MyApp.Security { public class SymmetricSecurityKey { public SymmetricSecurityKey(byte[] key) { } } }
            """);

    [Fact]
    public async Task Reports_a_key_in_a_static_field_initializer() =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + """
            public static class JwtDefaults
            {
                public static readonly SymmetricSecurityKey Key = {|#0:new(Encoding.UTF8.GetBytes("field-initializer-signing-key-0123456789"))|};
            }
            """,
            VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments("SymmetricSecurityKey", "a string literal", Descriptors.SigningKeyConsequence));

    [Fact]
    public async Task Key_handed_straight_to_an_encryption_use_says_it_decrypts_tokens() =>
        // The OpenIddict samples hard-code the key that encrypts access tokens (AddEncryptionKey): whoever reads it can
        // decrypt them, not mint them. A key passed to SigningCredentials keeps the signing consequence.
        await VerifyCS.VerifyRuleAsync(Id, Usings + """
            namespace OpenIddict.Server
            {
                public sealed class OpenIddictServerBuilder { public OpenIddictServerBuilder AddEncryptionKey(SecurityKey key) => this; }
            }

            public static class Keys
            {
                public static void Configure(OpenIddict.Server.OpenIddictServerBuilder server, TokenValidationParameters parameters)
                {
                    server.AddEncryptionKey({|#0:new SymmetricSecurityKey(Convert.FromBase64String("DRjd/GnduI3Efzen9V9BvbNUfc/VKgXltV7Kbk9sMkY="))|});
                    var encrypting = new EncryptingCredentials({|#1:new SymmetricSecurityKey(Encoding.UTF8.GetBytes("encryption-key-in-the-source-0123456789ab"))|}, "dir", "A256CBC-HS512");
                    parameters.TokenDecryptionKey = {|#2:new SymmetricSecurityKey(Encoding.UTF8.GetBytes("decryption-key-in-the-source-0123456789ab"))|};
                    var signing = new SigningCredentials({|#3:new SymmetricSecurityKey(Encoding.UTF8.GetBytes("signing-key-in-the-source-0123456789abcdef"))|}, SecurityAlgorithms.HmacSha256);
                }
            }
            """,
            VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments("SymmetricSecurityKey", "a Base64 string literal", Descriptors.EncryptionKeyConsequence),
            VerifyCS.Diagnostic(Id).WithLocation(1).WithArguments("SymmetricSecurityKey", "a string literal", Descriptors.EncryptionKeyConsequence),
            VerifyCS.Diagnostic(Id).WithLocation(2).WithArguments("SymmetricSecurityKey", "a string literal", Descriptors.EncryptionKeyConsequence),
            VerifyCS.Diagnostic(Id).WithLocation(3).WithArguments("SymmetricSecurityKey", "a string literal", Descriptors.SigningKeyConsequence));

    [Fact]
    public async Task Follows_a_const_of_another_partial_part_but_not_a_static_readonly_field_of_another_file()
    {
        var test = new Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SigningKeyAnalyzer>.Test();
        test.TestState.Sources.Add(("/0/Keys.cs", Usings + """
            public partial class TokenFactory
            {
                private const string ConstKey = "partial-const-signing-key-0123456789abcdef";
                private static readonly string ReadonlyKey = "partial-readonly-signing-key-0123456789abcdef";
            }
            """));
        test.TestState.Sources.Add(("/0/Factory.cs", Usings + """
            public partial class TokenFactory
            {
                public SecurityKey A() => {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ConstKey))|};
                public SecurityKey B() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ReadonlyKey));
                public SecurityKey C<TSettings>(TSettings settings) where TSettings : class => {|#1:new SymmetricSecurityKey(Encoding.UTF8.GetBytes("generic-method-signing-key-0123456789abcdef"))|};
            }
            """));
        test.DisabledDiagnostics.Add("STL3006");
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments("SymmetricSecurityKey", "the constant 'ConstKey'", Descriptors.SigningKeyConsequence));
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(Id).WithLocation(1).WithArguments("SymmetricSecurityKey", "a string literal", Descriptors.SigningKeyConsequence));
        await test.RunAsync(System.Threading.CancellationToken.None);
    }

    private static string Type(string body)
    {
        foreach (var name in new[] { "SymmetricSecurityKey", "RsaSecurityKey", "ECDsaSecurityKey", "JsonWebKey" })
        {
            if (body.Contains("new " + name, System.StringComparison.Ordinal))
            {
                return name;
            }
        }

        return "?";
    }
}
