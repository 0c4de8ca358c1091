using System.Threading.Tasks;
using static Stateless.Analyzers.Tests.ScaleOut.ScaleOutTest;

namespace Stateless.Analyzers.Tests.ScaleOut;

public class SharedStateInProcessMemoryTests
{
    [Fact]
    public async Task TopLevelProgram_Reports()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddDistributedMemoryCache()|};
            builder.Services.AddSession();
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """,
            Stl1101(0));
    }
}
