namespace Stateless.Analyzers.Infrastructure;

internal static partial class MetadataNames
{
    public const string ControllerBase = "Microsoft.AspNetCore.Mvc.ControllerBase";
    public const string ApiControllerAttribute = "Microsoft.AspNetCore.Mvc.ApiControllerAttribute";
    public const string ControllerAttribute = "Microsoft.AspNetCore.Mvc.ControllerAttribute";
    public const string NonControllerAttribute = "Microsoft.AspNetCore.Mvc.NonControllerAttribute";
    public const string PageModel = "Microsoft.AspNetCore.Mvc.RazorPages.PageModel";
    public const string Hub = "Microsoft.AspNetCore.SignalR.Hub";
    public const string HubOfT = "Microsoft.AspNetCore.SignalR.Hub`1";
    public const string HttpContext = "Microsoft.AspNetCore.Http.HttpContext";
    public const string IMiddleware = "Microsoft.AspNetCore.Http.IMiddleware";
}
