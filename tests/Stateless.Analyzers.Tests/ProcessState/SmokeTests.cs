using System.Threading.Tasks;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.ProcessState.MutableStaticStateAnalyzer>;

namespace Stateless.Analyzers.Tests.ProcessState;

public class SmokeTests
{
    [Fact]
    public async Task Smoke()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.IdentityModel.Tokens;

            public class CartController : ControllerBase
            {
                private static readonly Dictionary<string, int> {|#0:Carts|} = new();
                private static TokenValidationParameters P = new();
            }
            """,
            VerifyCS.Diagnostic("STL1001").WithLocation(0).WithArguments("field", "CartController.Carts", "CartController", "holds a mutable Dictionary<string, int>"),
            VerifyCS.Diagnostic("STL1001").WithSpan(8, 46, 8, 47).WithArguments("field", "CartController.P", "CartController", "is writable"));
    }
}
