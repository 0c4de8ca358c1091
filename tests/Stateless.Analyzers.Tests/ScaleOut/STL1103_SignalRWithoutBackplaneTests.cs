using System.Threading.Tasks;
using static Stateless.Analyzers.Tests.ScaleOut.ScaleOutTest;

namespace Stateless.Analyzers.Tests.ScaleOut;

public class STL1103_SignalRWithoutBackplaneTests
{
    private const string Hub = """

        public sealed class ChatHub : Microsoft.AspNetCore.SignalR.Hub
        {
        }
        """;

    // ---- Reporting ----

    [Fact]
    public async Task TopLevelProgram_BareCall_Reports()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddSignalR()|};
            var app = builder.Build();
            app.MapHub<ChatHub>("/chat");
            app.Run();
            """ + Hub,
            Stl1103(0));
    }

    [Fact]
    public async Task FluentChainWithoutBackplane_Reports()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddSignalR(o => o.EnableDetailedErrors = true)|}
                .AddJsonProtocol()
                .AddMessagePackProtocol()
                .AddHubOptions<ChatHub>(o => o.MaximumReceiveMessageSize = 64 * 1024);
            builder.Build().Run();
            """ + Hub,
            Stl1103(0));
    }

    [Fact]
    public async Task LocalWithoutBackplane_Reports()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var signalR = builder.Services.{|#0:AddSignalR()|};
            signalR.AddJsonProtocol();
            builder.Build().Run();
            """,
            Stl1103(0));
    }

    [Fact]
    public async Task ServiceCollectionExtensionMethod_Reports()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;

            public static class RealtimeRegistration
            {
                public static IServiceCollection AddRealtime(this IServiceCollection services)
                {
                    services.{|#0:AddSignalR()|};
                    return services;
                }
            }
            """,
            Stl1103(0));
    }

    [Fact]
    public async Task StartupConfigureServices_Reports()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllers();
                    services.{|#0:AddSignalR()|}.AddJsonProtocol(o => o.PayloadSerializerOptions.WriteIndented = false);
                }
            }
            """,
            Stl1103(0));
    }

    [Fact]
    public async Task FieldWithoutBackplane_Reports()
    {
        await Library("""
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                private ISignalRServerBuilder? _signalR;

                public void ConfigureServices(IServiceCollection services)
                {
                    _signalR = services.{|#0:AddSignalR()|};
                    _signalR.AddJsonProtocol();
                }
            }
            """,
            Stl1103(0));
    }

    [Fact]
    public async Task HelperWithoutBackplane_Reports()
    {
        await Library("""
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.DependencyInjection;

            public static class RealtimeRegistration
            {
                public static void Register(IServiceCollection services) => UseProtocols(services.{|#0:AddSignalR()|});

                private static void UseProtocols(ISignalRServerBuilder builder) => builder.AddMessagePackProtocol();
            }
            """,
            Stl1103(0));
    }

    [Fact]
    public async Task BackplaneLookAlike_Reports()
    {
        // AddStackExchangeRedis on another receiver is not the SignalR backplane.
        await Library("""
            using Company.Keys;
            using Microsoft.Extensions.DependencyInjection;

            public static class RealtimeRegistration
            {
                public static void Register(IServiceCollection services)
                {
                    services.{|#0:AddSignalR()|}.AddStackExchangeRedis(0);
                }
            }
            """,
            Stl1103(0));
    }

    [Fact]
    public async Task UnlistedCustomBackplane_Reports()
    {
        await Library("""
            using Company.Realtime;
            using Microsoft.Extensions.DependencyInjection;

            public static class RealtimeRegistration
            {
                public static void Register(IServiceCollection services) =>
                    services.{|#0:AddSignalR()|}.AddRabbitBackplane();
            }
            """ + CustomBackplane,
            "stateless_signalr_backplanes = Company.Realtime.BackplaneExtensions.AddKafkaBackplane\n",
            Stl1103(0, "AddStackExchangeRedis, AddAzureSignalR, Company.Realtime.BackplaneExtensions.AddKafkaBackplane"));
    }

    [Fact]
    public async Task ProductionBranch_Reports()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            var signalR = builder.Environment.IsDevelopment()
                ? builder.Services.AddSignalR().AddStackExchangeRedis("localhost")
                : builder.Services.{|#0:AddSignalR()|};
            builder.Build().Run();
            """,
            Stl1103(0));
    }

    // ---- Silent ----

    [Fact]
    public async Task RedisBackplaneInChain_TopLevel_IsSilent()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSignalR()
                .AddMessagePackProtocol()
                .AddStackExchangeRedis(builder.Configuration.GetConnectionString("redis")!);
            var app = builder.Build();
            app.MapHub<ChatHub>("/chat");
            app.Run();
            """ + Hub);
    }

    [Fact]
    public async Task AzureSignalRInChain_IsSilent()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;

            public static class RealtimeRegistration
            {
                public static IServiceCollection AddRealtime(this IServiceCollection services)
                {
                    services.AddSignalR(o => o.EnableDetailedErrors = false).AddAzureSignalR();
                    return services;
                }
            }
            """);
    }

    [Fact]
    public async Task LocalWithBackplaneLater_IsSilent()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var signalR = builder.Services.AddSignalR();
            signalR.AddJsonProtocol();
            signalR.AddAzureSignalR(builder.Configuration["Azure:SignalR:ConnectionString"]!);
            builder.Build().Run();
            """);
    }

    [Fact]
    public async Task FieldWithBackplaneInAnotherMethod_IsSilent()
    {
        await Library("""
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                private ISignalRServerBuilder? _signalR;

                public void ConfigureServices(IServiceCollection services)
                {
                    _signalR = services.AddSignalR();
                    ScaleOut();
                }

                private void ScaleOut() => _signalR!.AddStackExchangeRedis("redis:6379");
            }
            """);
    }

    [Fact]
    public async Task HelperWithBackplane_IsSilent()
    {
        await Library("""
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.DependencyInjection;

            public static class RealtimeRegistration
            {
                public static void Register(IServiceCollection services, string redis)
                {
                    var signalR = services.AddSignalR();
                    ScaleOut(signalR, redis);
                }

                private static void ScaleOut(ISignalRServerBuilder builder, string redis)
                {
                    if (!string.IsNullOrEmpty(redis))
                    {
                        builder.AddStackExchangeRedis(redis);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ConfiguredBackplaneByMetadataName_IsSilent()
    {
        await Library("""
            using Company.Realtime;
            using Microsoft.Extensions.DependencyInjection;

            public static class RealtimeRegistration
            {
                public static void Register(IServiceCollection services) =>
                    services.AddSignalR().AddRabbitBackplane();
            }
            """ + CustomBackplane,
            "stateless_signalr_backplanes = Company.Realtime.BackplaneExtensions.AddKafkaBackplane, Company.Realtime.BackplaneExtensions.AddRabbitBackplane\n");
    }

    [Fact]
    public async Task ConfiguredBackplaneByMethodName_IsSilent()
    {
        await Program("""
            using Company.Realtime;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSignalR().AddRabbitBackplane();
            builder.Build().Run();
            """ + CustomBackplane,
            "stateless_signalr_backplanes = AddRabbitBackplane\n");
    }

    [Fact]
    public async Task ConfiguredBackplaneWithGlobalPrefixAndStaticCallForm_IsSilent()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;

            namespace Company.Realtime
            {
                public static class Registration
                {
                    public static void Register(IServiceCollection services)
                    {
                        BackplaneExtensions.AddRabbitBackplane(services.AddSignalR(o => o.KeepAliveInterval = System.TimeSpan.FromSeconds(10)));
                    }
                }
            }
            """ + CustomBackplane,
            "stateless_signalr_backplanes = global::Company.Realtime.BackplaneExtensions.AddRabbitBackplane\n");
    }

    [Fact]
    public async Task GuardedByDevelopment_IsSilent()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            var signalR = builder.Services.AddSignalR();
            if (!builder.Environment.IsDevelopment())
            {
                signalR.AddAzureSignalR();
            }

            if (builder.Environment.IsEnvironment("Local"))
            {
                builder.Services.AddSignalR();
            }

            builder.Build().Run();
            """);
    }

    [Fact]
    public async Task BuilderReturnedToCaller_IsSilent()
    {
        await Library("""
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.DependencyInjection;

            public static class RealtimeRegistration
            {
                public static ISignalRServerBuilder AddRealtime(this IServiceCollection services) =>
                    services.AddSignalR().AddJsonProtocol();
            }
            """);
    }

    [Fact]
    public async Task LookAlikeAddSignalR_IsSilent()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;

            namespace Company.Realtime
            {
                public static class Extensions
                {
                    public static IServiceCollection AddSignalR(this IServiceCollection services, string hubName) => services;
                }

                public static class Registration
                {
                    public static void Register(IServiceCollection services) => services.AddSignalR("chat");
                }
            }
            """);
    }

    private const string CustomBackplane = """

        namespace Company.Realtime
        {
            public static class BackplaneExtensions
            {
                public static Microsoft.AspNetCore.SignalR.ISignalRServerBuilder AddRabbitBackplane(this Microsoft.AspNetCore.SignalR.ISignalRServerBuilder builder) => builder;
            }
        }
        """;
}
