"""Analyzer cost, measured side by side with the SDK's own analyzers.

For each N (default 100 200 400 800) it generates a web project of N files (generate.py), builds it once with
ReportAnalyzer=true, and reads the compiler's per-analyzer-assembly times: ours (Stateless.*), the ASP.NET Core
analyzers, the .NET analyzers (NetAnalyzers), and all analyzers together. Prints progress while it runs and a table
at the end; --json writes the raw numbers.

    python3 bench/analyzers/run.py [--sizes 100 200 400 800] [--json out.json]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400, 800])
    parser.add_argument("--json")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    args = parser.parse_args()

    print("bench: building the analyzers (Release)...", flush=True)
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Stateless.CodeFixes", "Stateless.CodeFixes.csproj"),
                    "-c", "Release", "-nologo", "-v:quiet"], check=True, stdout=subprocess.DEVNULL)
    analyzers_dir = os.path.join(ROOT, "src", "Stateless.CodeFixes", "bin", "Release", "netstandard2.0")

    work = tempfile.mkdtemp(prefix="stateless-bench-")
    rows = []
    try:
        for index, size in enumerate(args.sizes, 1):
            project_dir = os.path.join(work, f"n{size}")
            print(f"bench [{index}/{len(args.sizes)}] N={size}: generating...", flush=True)
            generate.generate(project_dir, size, analyzers_dir)
            print(f"bench [{index}/{len(args.sizes)}] N={size}: restoring...", flush=True)
            subprocess.run(["dotnet", "restore", project_dir, "-v:quiet"], check=True, stdout=subprocess.DEVNULL)
            print(f"bench [{index}/{len(args.sizes)}] N={size}: building with ReportAnalyzer...", flush=True)
            output, wall = build(project_dir)
            parsed = parse(output)
            totals = parsed["totals"]
            warnings = len(set(re.findall(r"warning (STL\d{4})[^\[]*\[", output)))
            stl_count = len(set(l for l in output.splitlines() if re.search(r"warning STL\d{4}", l)))
            row = {"n": size, "wall_s": round(wall, 1), **{k: round(v, 3) for k, v in totals.items()},
                   "share_of_all": round(totals["ours"] / totals["all"], 3) if totals["all"] else None,
                   "ratio_to_aspnetcore": round(totals["ours"] / totals["aspnetcore"], 3) if totals["aspnetcore"] else None,
                   "stl_diagnostics": stl_count, "stl_rules_seen": warnings,
                   "ours_by_analyzer": {k: round(v, 3) for k, v in sorted(parsed["analyzers"].items(), key=lambda p: -p[1])}}
            rows.append(row)
            print(f"bench [{index}/{len(args.sizes)}] N={size}: ours {totals['ours']:.3f}s, ASP.NET Core {totals['aspnetcore']:.3f}s, "
                  f".NET {totals['netanalyzers']:.3f}s, all {totals['all']:.3f}s (build {wall:.0f}s)", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"bench: projects kept in {work}")

    print()
    print(f"{'N':>5} {'ours (s)':>9} {'ASP.NET (s)':>12} {'.NET (s)':>9} {'all (s)':>8} {'ours/ASP':>9} {'ours/all':>9} {'ms/file':>8}")
    for row in rows:
        per_file = 1000 * row["ours"] / row["n"] if row["n"] else 0
        print(f"{row['n']:>5} {row['ours']:>9.3f} {row['aspnetcore']:>12.3f} {row['netanalyzers']:>9.3f} {row['all']:>8.3f} "
              f"{(row['ratio_to_aspnetcore'] or 0):>9.2f} {(row['share_of_all'] or 0):>9.1%} {per_file:>8.2f}")
    if len(rows) >= 2 and rows[0]["ours"] > 0:
        first, last = rows[0], rows[-1]
        growth = (last["ours"] / first["ours"]) / (last["n"] / first["n"])
        print(f"\ngrowth: ours grew {last['ours'] / first['ours']:.2f}x for {last['n'] / first['n']:.0f}x files "
              f"({growth:.2f} of linear)")
    slowest = rows[-1]["ours_by_analyzer"] if rows else {}
    if slowest:
        print("\nours by analyzer at N=%d:" % rows[-1]["n"])
        for name, seconds in list(slowest.items())[:10]:
            print(f"  {name:<60} {seconds:.3f}s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=2)
        print(f"\nraw numbers: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
