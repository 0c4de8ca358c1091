"""Analyzer cost, measured side by side with the SDK's own analyzers.

For each N (default 100 200 400 800) it generates a web project of N files (generate.py), builds it with
ReportAnalyzer=true (one discarded warm-up build, then --repeat measured builds), and reads the compiler's per-analyzer-assembly times: ours (Stateless.*), the ASP.NET Core
analyzers, the .NET analyzers (NetAnalyzers), and all analyzers together. Prints progress while it runs and a table
at the end; --json writes the raw numbers.

    python3 bench/analyzers/run.py [--sizes 100 200 400 800] [--repeat 3] [--json out.json] [--keep] [--keystroke]

--keystroke also measures what runs on each keystroke (bench/analyzers/Keystroke): on each generated project, the
semantic diagnostics of one document on a warm compilation, every document in turn, ours and the ASP.NET Core
analyzers, p50/p95 per document.

Timings are noisy on a shared machine: each size is built --repeat times and the table shows medians (the
ours/ASP.NET ratio is the median of the per-build ratios, both numbers of one build coming from the same compiler run).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import generate  # noqa: E402

# Lines of the compiler's ReportAnalyzer block: "   0.123    12   Some.Assembly, Version=..."
ROW = re.compile(r"^\s*(?P<seconds><?\d+(?:\.\d+)?)\s+(?P<percent><?\d+)\s+(?P<name>[A-Za-z][\w.]*(?:, Version=[^,]+)?.*)$")
TOTAL = re.compile(r"Total analyzer execution time:\s*(?P<seconds>[\d.]+)\s*seconds", re.IGNORECASE)


def categorize(name: str) -> str:
    if name.startswith("Stateless."):
        return "ours"
    if name.startswith("Microsoft.AspNetCore"):
        return "aspnetcore"
    if "NetAnalyzers" in name:
        return "netanalyzers"
    return "other"


def parse(output: str) -> dict:
    totals = {"ours": 0.0, "aspnetcore": 0.0, "netanalyzers": 0.0, "other": 0.0, "all": 0.0}
    analyzers = {}
    in_block = False
    for line in output.splitlines():
        text = line.strip()
        if "generator execution time" in text.lower():
            in_block = False  # source generators are reported in their own block: not analyzers
            continue
        match_total = TOTAL.search(text)
        if match_total:
            totals["all"] = float(match_total.group("seconds"))
            in_block = True
            continue
        if not in_block:
            continue
        match = ROW.match(line)
        if not match:
            continue
        name = match.group("name").strip()
        seconds = float(match.group("seconds").lstrip("<"))
        indent = len(line) - len(line.lstrip())
        # Assembly rows carry ", Version=": they are the per-assembly totals; deeper rows are single analyzers.
        if ", Version=" in name:
            assembly = name.split(",")[0]
            totals[categorize(assembly)] += seconds
        elif name.startswith("Stateless."):
            analyzers[name] = analyzers.get(name, 0.0) + seconds
    return {"totals": totals, "analyzers": analyzers}


def build(project: str) -> tuple:
    started = time.time()
    result = subprocess.run(
        ["dotnet", "build", project, "-c", "Release", "-nologo", "--no-incremental", "-v:detailed",
         "-p:ReportAnalyzer=true", "-p:RunAnalyzersDuringBuild=true", "-p:TreatWarningsAsErrors=false", "-m:1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-40:])
        raise SystemExit(f"build of {project} failed:\n{tail}")
    return result.stdout, time.time() - started


def median(values: list) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def measure(project_dir: str, size: int, repeat: int, warmup: int, label: str) -> dict:
    # Discarded builds first: the compiler server JIT-compiles every analyzer on its first build, which would be
    # charged to whichever analyzers ran first, and the first build of a new project also warms the file cache.
    for attempt in range(1, warmup + 1):
        print(f"{label}: warm-up build {attempt}/{warmup} (not counted)...", flush=True)
        build(project_dir)
    runs = []
    for attempt in range(1, repeat + 1):
        print(f"{label}: build {attempt}/{repeat} with ReportAnalyzer...", flush=True)
        output, wall = build(project_dir)
        parsed = parse(output)
        totals = parsed["totals"]
        runs.append({"wall_s": wall, **totals, "analyzers": parsed["analyzers"],
                     "stl_diagnostics": len(set(l.strip() for l in output.splitlines() if re.search(r"warning STL\d{4}", l))),
                     "stl_rules_seen": sorted(set(re.findall(r"warning (STL\d{4})", output)))})
        print(f"{label}:   ours {totals['ours']:.3f}s, ASP.NET Core {totals['aspnetcore']:.3f}s, .NET {totals['netanalyzers']:.3f}s, "
              f"all {totals['all']:.3f}s, ours/ASP.NET {totals['ours'] / totals['aspnetcore'] if totals['aspnetcore'] else 0:.2f} "
              f"(build {wall:.0f}s)", flush=True)
    row = {"n": size, "runs": len(runs)}
    for key in ("wall_s", "ours", "aspnetcore", "netanalyzers", "other", "all"):
        row[key] = round(median([r[key] for r in runs]), 3)
    # The ratio is taken per build (both numbers come from the same build) and then the median of those.
    ratios = [r["ours"] / r["aspnetcore"] for r in runs if r["aspnetcore"]]
    row["ratio_to_aspnetcore"] = round(median(ratios), 3) if ratios else None
    row["ratio_runs"] = [round(x, 3) for x in ratios]
    row["share_of_all"] = round(row["ours"] / row["all"], 3) if row["all"] else None
    row["stl_diagnostics"] = runs[-1]["stl_diagnostics"]
    row["stl_rules_seen"] = runs[-1]["stl_rules_seen"]
    names = set().union(*(r["analyzers"].keys() for r in runs))
    by_analyzer = {name: median([r["analyzers"].get(name, 0.0) for r in runs]) for name in names}
    row["ours_by_analyzer"] = {k: round(v, 3) for k, v in sorted(by_analyzer.items(), key=lambda p: -p[1])}
    return row


def keystroke(project_dir: str, analyzers_dir: str, rounds: int, label: str) -> dict:
    harness = os.path.join(HERE, "Keystroke", "Stateless.Bench.Keystroke.csproj")
    print(f"{label}: keystroke: building the harness...", flush=True)
    subprocess.run(["dotnet", "build", harness, "-c", "Release", "-nologo", "-v:quiet"], check=True, stdout=subprocess.DEVNULL)
    output = os.path.join(project_dir, "keystroke.json")
    dll = os.path.join(HERE, "Keystroke", "bin", "Release", "net10.0", "Stateless.Bench.Keystroke.dll")
    print(f"{label}: keystroke: {rounds} counted pass(es) over every document (progress below)...", flush=True)
    subprocess.run(["dotnet", dll, os.path.join(project_dir, "Bench.csproj"), "--ours", os.path.join(analyzers_dir, "Stateless.Analyzers.dll"),
                    "--rounds", str(rounds), "--json", output], check=True)
    with open(output) as f:
        return json.load(f)["sets"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400, 800])
    parser.add_argument("--repeat", type=int, default=3, help="builds per size; the table shows medians (default 3)")
    parser.add_argument("--warmup", type=int, default=1, help="discarded builds per size before measuring (default 1)")
    parser.add_argument("--keystroke", action="store_true", help="also measure per-document (keystroke) analysis, see above")
    parser.add_argument("--keystroke-rounds", type=int, default=2, help="counted passes over every document (default 2)")
    parser.add_argument("--json")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument("--analyzers", help="a folder holding a prebuilt Stateless.Analyzers.dll and Stateless.CodeFixes.dll "
                                            "(e.g. an older build, for before/after figures); default: build src/ now")
    args = parser.parse_args()

    if args.analyzers:
        analyzers_dir = os.path.abspath(args.analyzers)
        print(f"bench: analyzers from {analyzers_dir}", flush=True)
    else:
        print("bench: building the analyzers (Release)...", flush=True)
        subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Stateless.CodeFixes", "Stateless.CodeFixes.csproj"),
                        "-c", "Release", "-nologo", "-v:quiet"], check=True, stdout=subprocess.DEVNULL)
        analyzers_dir = os.path.join(ROOT, "src", "Stateless.CodeFixes", "bin", "Release", "netstandard2.0")

    work = tempfile.mkdtemp(prefix="stateless-bench-")
    rows = []
    started = time.time()
    try:
        for index, size in enumerate(args.sizes, 1):
            label = f"bench [{index}/{len(args.sizes)}] N={size}"
            project_dir = os.path.join(work, f"n{size}")
            print(f"{label}: generating...", flush=True)
            generate.generate(project_dir, size, analyzers_dir)
            print(f"{label}: restoring...", flush=True)
            subprocess.run(["dotnet", "restore", project_dir, "-v:quiet"], check=True, stdout=subprocess.DEVNULL)
            rows.append(measure(project_dir, size, args.repeat, args.warmup, label))
            if args.keystroke:
                rows[-1]["keystroke"] = keystroke(project_dir, analyzers_dir, args.keystroke_rounds, label)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"bench: projects kept in {work}")

    print(f"\nmedians of {args.repeat} build(s) per size ({time.time() - started:.0f}s in all); growth = (ours/N) / (ours/N at N={rows[0]['n']}), 1.00 = linear")
    print(f"{'N':>5} {'ours (s)':>9} {'ASP.NET (s)':>12} {'.NET (s)':>9} {'all (s)':>8} {'ours/ASP':>9} {'ours/all':>9} {'ms/file':>8} {'growth':>7} {'STL':>5}")
    base = rows[0]["ours"] / rows[0]["n"] if rows and rows[0]["ours"] else None
    for row in rows:
        per_file = 1000 * row["ours"] / row["n"] if row["n"] else 0
        growth = (row["ours"] / row["n"]) / base if base else 0
        row["ms_per_file"] = round(per_file, 3)
        row["growth_vs_linear"] = round(growth, 2)
        print(f"{row['n']:>5} {row['ours']:>9.3f} {row['aspnetcore']:>12.3f} {row['netanalyzers']:>9.3f} {row['all']:>8.3f} "
              f"{(row['ratio_to_aspnetcore'] or 0):>9.2f} {(row['share_of_all'] or 0):>9.1%} {per_file:>8.2f} {growth:>7.2f} {row['stl_diagnostics']:>5}")
    if len(rows) >= 2 and rows[0]["ours"] > 0:
        first, last = rows[0], rows[-1]
        print(f"\ngrowth: ours grew {last['ours'] / first['ours']:.2f}x for {last['n'] / first['n']:.0f}x files "
              f"({(last['ours'] / first['ours']) / (last['n'] / first['n']):.2f} of linear); "
              f"ASP.NET Core grew {last['aspnetcore'] / first['aspnetcore']:.2f}x")
    if rows:
        print(f"rules seen at N={rows[-1]['n']}: {', '.join(rows[-1]['stl_rules_seen'])}")
        print("\nours by analyzer at N=%d (medians):" % rows[-1]["n"])
        for name, seconds in list(rows[-1]["ours_by_analyzer"].items())[:12]:
            print(f"  {name:<60} {seconds:.3f}s")
    keystrokes = [row for row in rows if "keystroke" in row]
    if keystrokes:
        print("\nper keystroke: semantic diagnostics of one document on a warm compilation (ms per document)")
        print(f"{'N':>5} {'ours p50':>9} {'ours p95':>9} {'ASP p50':>8} {'ASP p95':>8} {'p50 ratio':>10} {'p95 ratio':>10}")
        for row in keystrokes:
            ours, asp = row["keystroke"]["ours"], row["keystroke"]["aspnetcore"]
            print(f"{row['n']:>5} {ours['p50_ms']:>9.2f} {ours['p95_ms']:>9.2f} {asp['p50_ms']:>8.2f} {asp['p95_ms']:>8.2f} "
                  f"{ours['p50_ms'] / asp['p50_ms']:>10.2f} {ours['p95_ms'] / asp['p95_ms']:>10.2f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=2)
        print(f"\nraw numbers: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
