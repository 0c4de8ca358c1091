using System.Diagnostics;
using System.Reflection;
using Stateless.Scan.Tool;

// stateless-scan [path] [--sarif file] [--report file] [--write-baseline [file]] [--fail-on error|warning|info|none]
// Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or load error (ToolOptions.Usage).
if (ToolOptions.Parse(args) is not { } options)
{
    return 2;
}

var console = new ConsoleOutput(options.Progress);
if (ScanTarget.Resolve(options.Target, out var targetError) is not { } target)
{
    console.Error(targetError!);
    return 2;
}

if (WorkspaceLoader.RegisterMSBuild() is { } msbuildError)
{
    console.Error(msbuildError);
    return 2;
}

var version = typeof(ToolOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
var clock = Stopwatch.StartNew();
return await Scan.RunAsync(options, target, console, clock, version);
