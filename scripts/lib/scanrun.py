"""Runs the built scanner (tools/Stateless.Scan) over checked-out repositories and reads what it prints.

Used by scripts/precision. The scanner is built once; each repository is scanned by calling the built dll directly,
and the output is cached in <corpus>/.scan-cache/<owner>+<name>.txt under a key made of the analyzer and scanner
dlls' hashes and the pinned commit, so a re-run with unchanged analyzers reads the cache instead of scanning.
"""
import hashlib
import os
import re
import subprocess
import time
from dataclasses import dataclass, field

SCANNER_PROJECT = os.path.join("tools", "Stateless.Scan", "Stateless.Scan.csproj")
SCANNER_OUTPUT = os.path.join("tools", "Stateless.Scan", "bin", "Release", "net10.0")

FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info|hidden) (?P<rule>STL\d{4}): (?P<message>.*)$")
PROJECT = re.compile(r"^project (?P<path>\S+) kind=(?P<kind>\w+) output=(?P<output>\w+) aspnetcore=(?P<aspnetcore>yes|no) files=(?P<files>\d+)$")
EXCEPTION = "  analyzer exception: "


@dataclass
class Finding:
    path: str
    line: int
    column: int
    severity: str
    rule: str
    message: str
    project_kind: str = ""


@dataclass
class ScanResult:
    exit_code: int
    findings: list = field(default_factory=list)
    projects: list = field(default_factory=list)  # (csproj path, kind)
    exceptions: list = field(default_factory=list)
    seconds: float = 0.0
    cached: bool = False
    error: str = ""


def dotnet_environment():
    env = dict(os.environ)
    env.update(DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1")
    return env


def build_scanner(root):
    """Builds tools/Stateless.Scan in Release; returns the path of its dll or raises RuntimeError with the build log."""
    build = subprocess.run(
        ["dotnet", "build", os.path.join(root, SCANNER_PROJECT), "-c", "Release", "-nologo", "-v:quiet"],
        cwd=root, env=dotnet_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if build.returncode != 0:
        raise RuntimeError(build.stdout)
    return os.path.join(root, SCANNER_OUTPUT, "Stateless.Scan.dll")


def scanner_key(scanner_dll):
    """The hash of the analyzer dll the scanner runs and of the scanner itself: equal hashes, equal findings."""
    digest = hashlib.sha256()
    folder = os.path.dirname(scanner_dll)
    for name in ("Stateless.Analyzers.dll", "Stateless.Scan.dll"):
        with open(os.path.join(folder, name), "rb") as dll:
            digest.update(dll.read())
    return digest.hexdigest()[:20]


def parse(stdout):
    """Findings, (project path, kind) pairs and analyzer exceptions from the scanner's stdout."""
    findings, projects, exceptions = [], [], []
    for line in stdout.splitlines():
        if line.startswith(EXCEPTION):
            exceptions.append(line[len(EXCEPTION):])
            continue
        project = PROJECT.match(line)
        if project:
            projects.append((project["path"], project["kind"]))
            continue
        finding = FINDING.match(line)
        if finding:
            findings.append(Finding(finding["path"], int(finding["line"]), int(finding["column"]),
                                    finding["severity"], finding["rule"], finding["message"]))
    folders = sorted(((os.path.dirname(path), kind) for path, kind in projects if path != "(loose)"),
                     key=lambda p: -len(p[0]))
    for finding in findings:
        finding.project_kind = next((kind for folder, kind in folders
                                     if folder == "" or finding.path.startswith(folder + "/")), "loose")
    return findings, projects, exceptions


def scan(scanner_dll, key, checkout, cache_file, commit, rescan):
    """Scans one checkout (or reads the cached output of the same scanner key and commit)."""
    header = f"# stateless-scan key={key} commit={commit}"
    if not rescan and os.path.exists(cache_file):
        with open(cache_file, encoding="utf-8") as cached:
            first = cached.readline().rstrip("\n")
            exit_line = cached.readline().rstrip("\n")
            if first == header and exit_line.startswith("# exit="):
                stdout = cached.read()
                findings, projects, exceptions = parse(stdout)
                return ScanResult(int(exit_line[len("# exit="):]), findings, projects, exceptions, 0.0, cached=True)

    started = time.monotonic()
    run = subprocess.run(["dotnet", scanner_dll, checkout], env=dotnet_environment(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
    seconds = time.monotonic() - started
    findings, projects, exceptions = parse(run.stdout)
    result = ScanResult(run.returncode, findings, projects, exceptions, seconds)
    if run.returncode not in (0, 3):
        tail = "\n".join(run.stderr.strip().splitlines()[-10:])
        result.error = f"scanner exited with {run.returncode}:\n{tail}"
        return result

    os.makedirs(os.path.dirname(cache_file), exist_ok=True)
    with open(cache_file + ".tmp", "w", encoding="utf-8") as out:
        out.write(f"{header}\n# exit={run.returncode}\n{run.stdout}")
    os.replace(cache_file + ".tmp", cache_file)
    with open(cache_file[:-len(".txt")] + ".err", "w", encoding="utf-8") as err:
        err.write(run.stderr)
    return result
