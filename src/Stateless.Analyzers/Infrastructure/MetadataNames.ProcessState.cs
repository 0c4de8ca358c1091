namespace Stateless.Analyzers.Infrastructure;

/// <summary>Types the process-state rules (STL10xx) need beyond the handler base types.</summary>
internal static partial class MetadataNames
{
    // Minimal APIs and middleware delegates.
    public const string EndpointRouteBuilderExtensions = "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions";
    public const string FallbackEndpointRouteBuilderExtensions = "Microsoft.AspNetCore.Builder.FallbackEndpointRouteBuilderExtensions";
    public const string UseExtensions = "Microsoft.AspNetCore.Builder.UseExtensions";
    public const string RunExtensions = "Microsoft.AspNetCore.Builder.RunExtensions";
    public const string UseWhenExtensions = "Microsoft.AspNetCore.Builder.UseWhenExtensions";
    public const string MapWhenExtensions = "Microsoft.AspNetCore.Builder.MapWhenExtensions";
    public const string UseMiddlewareExtensions = "Microsoft.AspNetCore.Builder.UseMiddlewareExtensions";
    public const string IApplicationBuilder = "Microsoft.AspNetCore.Builder.IApplicationBuilder";
    public const string RequestDelegate = "Microsoft.AspNetCore.Http.RequestDelegate";

    // Request-scoped objects (STL1005) and request identity.
    public const string HttpRequest = "Microsoft.AspNetCore.Http.HttpRequest";
    public const string HttpResponse = "Microsoft.AspNetCore.Http.HttpResponse";
    public const string ISession = "Microsoft.AspNetCore.Http.ISession";
    public const string ConnectionInfo = "Microsoft.AspNetCore.Http.ConnectionInfo";
    public const string HubCallerContext = "Microsoft.AspNetCore.SignalR.HubCallerContext";
    public const string ClaimsPrincipal = "System.Security.Claims.ClaimsPrincipal";
    public const string FromRouteAttribute = "Microsoft.AspNetCore.Mvc.FromRouteAttribute";
    public const string FromQueryAttribute = "Microsoft.AspNetCore.Mvc.FromQueryAttribute";
    public const string FromHeaderAttribute = "Microsoft.AspNetCore.Mvc.FromHeaderAttribute";

    // Dependency injection (STL1003, STL1005).
    public const string ServiceCollectionServiceExtensions = "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions";
    public const string ServiceCollectionDescriptorExtensions = "Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions";
    public const string ServiceDescriptor = "Microsoft.Extensions.DependencyInjection.ServiceDescriptor";

    // Per-flow and per-thread storage: not shared between requests.
    public const string AsyncLocalOfT = "System.Threading.AsyncLocal`1";
    public const string ThreadLocalOfT = "System.Threading.ThreadLocal`1";
    public const string ThreadStaticAttribute = "System.ThreadStaticAttribute";
    public const string SystemType = "System.Type";
    public const string MemberInfo = "System.Reflection.MemberInfo";
    public const string Assembly = "System.Reflection.Assembly";

    /// <summary>
    /// Framework types and the members of theirs (<c>.ctor</c> for constructors, property names for setters) that only
    /// read an array passed by value: serving it as a file, writing it to a stream, encoding it as text, formatting dates.
    /// </summary>
    public static readonly (string Type, string[] Members)[] ReadOnlyArraySinks =
    {
        ("Microsoft.AspNetCore.Mvc.FileContentResult", new[] { ".ctor" }),
        ("Microsoft.AspNetCore.Mvc.ControllerBase", new[] { "File" }),
        ("Microsoft.AspNetCore.Http.Results", new[] { "File", "Bytes" }),
        ("Microsoft.AspNetCore.Http.TypedResults", new[] { "File", "Bytes" }),
        ("System.IO.Stream", new[] { "Write", "WriteAsync", "BeginWrite" }),
        ("System.Convert", new[] { "ToBase64String", "ToHexString", "ToHexStringLower" }),
        ("System.Text.Encoding", new[] { "GetString" }),

        // Setters that keep the names for formatting only; their getters hand out copies.
        ("System.Globalization.DateTimeFormatInfo", new[] { "AbbreviatedMonthNames", "AbbreviatedMonthGenitiveNames", "MonthNames", "MonthGenitiveNames", "DayNames", "AbbreviatedDayNames", "ShortestDayNames" }),
    };

    /// <summary>A stream over an array (<c>new MemoryStream(bytes)</c>) only read when handed straight to one of these: served as a file.</summary>
    public static readonly (string Type, string[] Members)[] ReadOnlyStreamSinks =
    {
        ("Microsoft.AspNetCore.Mvc.FileStreamResult", new[] { ".ctor" }),
        ("Microsoft.AspNetCore.Mvc.ControllerBase", new[] { "File" }),
        ("Microsoft.AspNetCore.Http.Results", new[] { "File", "Stream" }),
        ("Microsoft.AspNetCore.Http.TypedResults", new[] { "File", "Stream" }),
    };

    public const string MemoryStream = "System.IO.MemoryStream";

    /// <summary>Types whose <c>ViewBag</c> hands a value to the view that renders it (read, never kept).</summary>
    public static readonly string[] ViewBagOwners =
    {
        "Microsoft.AspNetCore.Mvc.Controller",
        "Microsoft.AspNetCore.Mvc.ViewComponent",
        "Microsoft.AspNetCore.Mvc.Razor.RazorPageBase",
    };

    /// <summary>The dictionary behind <c>ViewData[…]</c> (and <c>ViewBag</c>): per-request data for the view.</summary>
    public const string ViewDataDictionary = "Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary";
}
