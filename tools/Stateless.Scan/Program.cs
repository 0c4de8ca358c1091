using System.Diagnostics;
using Stateless.Scan;

// Usage: scan <folder> [--only STL1001,STL2001] [--editorconfig <file>] [--skip-tests] [--no-implicit-usings]
//        [--compiler-errors] [--repeat N] [--sequential] [--analyzers path/to/Stateless.Analyzers.dll] [--analyzer-names A,B]
// Compiles the code under <folder> the way a build would, without building it: every .csproj (bin/, obj/, .git/,
// node_modules/ skipped) is its own compilation of the .cs files in its folder (the deepest project wins), with its
// ProjectReferences, output kind, implicit usings and the references its SDK and frameworks give (ProjectGraph,
// ProjectCompilations); files under no project form one "loose" compilation against everything. Every Stateless
// analyzer runs over each compilation, with build_property.IsTestProject/UseWPF/UseWindowsForms/UseMaui as a build
// would hand them. Prints one line per project, each finding with file:line, then counts per rule and per project kind.
// --skip-tests leaves test projects out; --repeat/--sequential/--analyzers/--analyzer-names are for timing
// (AnalyzerRunner); --compiler-errors counts each compilation's compiler errors on stderr (what did not bind). Exit code: 0 when the scan ran (findings or not), 2 on bad usage, 3 when an analyzer threw.
if (ScanOptions.Parse(args) is not { } options)
{
    return 2;
}

var clock = Stopwatch.StartNew();
var (sources, projectFiles) = FolderWalker.Walk(options.Folder);
var projects = ProjectGraph.Build(options.Folder, sources, projectFiles, options.SkipTests, options.ImplicitUsings, Progress.Note);
Progress.Line($"scan: {sources.Count} C# files and {projectFiles.Count} projects under {options.Folder}; "
    + $"{projects.Count} compilations ({string.Join(", ", projects.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Output.Name(g.Key)}"))})");

var runner = new AnalyzerRunner(options);
var compilations = new ProjectCompilations();
var findings = new List<Finding>();
for (var i = 0; i < projects.Count; i++)
{
    var project = projects[i];
    var prefix = $"scan: project {i + 1}/{projects.Count} {project.DisplayPath}";
    var started = clock.Elapsed;
    var compilation = compilations.Create(project, (done, total) => Progress.Update($"{prefix}: parsed {done}/{total}"));
    Progress.Update($"{prefix}: parsed {project.SourceFiles.Count} files, analyzing ({runner.Analyzers.Length} analyzers)...");
    var found = await runner.RunAsync(project, compilation, message => Progress.Update($"{prefix}: {message}..."));
    findings.AddRange(found);
    Progress.Line($"{prefix}: {project.SourceFiles.Count} files, {found.Count} findings, {(clock.Elapsed - started).TotalSeconds:0.0} s");
    if (options.CompilerErrors)
    {
        CompilerErrors.Report(project, compilation, options.Folder);
    }
}

Output.Print(projects, findings, runner, options.Repeat, clock.Elapsed);
return runner.Exceptions.Count > 0 ? 3 : 0;
