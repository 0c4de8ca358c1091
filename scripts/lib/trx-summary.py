"""Sums the TRX files of a test run and prints the closing 'N passed, N failed' line.

Exits non-zero when a test failed, when no test ran, or when no result file exists.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def main(results_dir: str) -> int:
    files = sorted(glob.glob(os.path.join(results_dir, "**", "*.trx"), recursive=True))
    passed = failed = skipped = 0
    for path in files:
        counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", NS)
        if counters is None:
            continue
        name = os.path.relpath(path, results_dir)
        p = int(counters.get("passed", 0))
        f = int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
        s = int(counters.get("notExecuted", 0))
        print(f"  {name}: {p} passed, {f} failed, {s} skipped")
        passed, failed, skipped = passed + p, failed + f, skipped + s
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    if not files:
        print("error: no test results found", file=sys.stderr)
        return 1
    if passed == 0:
        print("error: no test ran", file=sys.stderr)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "artifacts/test-results"))
