"""The real-world corpus and the human verdicts on its findings, and precision computed from them (scripts/precision).

tests/RealWorld/corpus.tsv:   repo  commit  kind  why          (repo = owner/name, one pinned commit each)
tests/RealWorld/verdicts.tsv: repo  path  line  rule  verdict  pattern  reason   (verdict: TP, FP or debatable)

A finding and a verdict match on (repo, path, line, rule); several findings on one line with one rule count once.
"""
import sys
from dataclasses import dataclass

VERDICTS = ("TP", "FP", "debatable")


@dataclass(frozen=True)
class CorpusRepo:
    repo: str
    commit: str
    kind: str
    why: str

    @property
    def folder_name(self):
        return self.repo.replace("/", "+", 1)


@dataclass(frozen=True)
class Verdict:
    repo: str
    path: str
    line: int
    rule: str
    verdict: str
    pattern: str
    reason: str

    @property
    def key(self):
        return (self.repo, self.path, self.line, self.rule)


def normalize_path(path):
    path = path.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def read_tsv(path, columns):
    """Rows of a tab-separated file with the given header (extra columns ignored); '#' lines and blank lines skipped."""
    with open(path, encoding="utf-8") as tsv:
        lines = [l.rstrip("\r\n") for l in tsv]
    rows = [l for l in lines if l.strip() and not l.startswith("#")]
    if not rows:
        return []
    header = rows[0].split("\t")
    missing = [c for c in columns if c not in header]
    if missing:
        raise ValueError(f"{path}: header lacks {', '.join(missing)} (has {', '.join(header)})")
    index = {c: header.index(c) for c in columns}
    result = []
    for number, row in enumerate(rows[1:], start=2):
        cells = row.split("\t")
        cells += [""] * (len(header) - len(cells))
        result.append((number, {c: cells[index[c]].strip() for c in columns}))
    return result


def read_corpus(path):
    repos = []
    for number, row in read_tsv(path, ("repo", "commit", "kind", "why")):
        if "/" not in row["repo"]:
            print(f"warning: {path}:{number}: repo '{row['repo']}' is not owner/name; skipped", file=sys.stderr)
            continue
        repos.append(CorpusRepo(row["repo"], row["commit"], row["kind"] or "?", row["why"]))
    return repos


def read_verdicts(path):
    """Verdicts by key; a later row with the same key replaces an earlier one (with a warning)."""
    verdicts = {}
    for number, row in read_tsv(path, ("repo", "path", "line", "rule", "verdict", "pattern", "reason")):
        verdict = next((v for v in VERDICTS if v.lower() == row["verdict"].lower()), None)
        if verdict is None or not row["line"].isdigit():
            print(f"warning: {path}:{number}: verdict '{row['verdict']}' / line '{row['line']}' not understood; skipped", file=sys.stderr)
            continue
        item = Verdict(row["repo"], normalize_path(row["path"]), int(row["line"]), row["rule"].upper(), verdict, row["pattern"], row["reason"])
        if item.key in verdicts:
            print(f"warning: {path}:{number}: a second verdict for {item.repo} {item.path}:{item.line} {item.rule}; the later one counts", file=sys.stderr)
        verdicts[item.key] = item
    return verdicts


class Tally:
    """Findings and verdict counts for one group (a rule, a repo kind, everything)."""

    def __init__(self):
        self.findings = 0
        self.counts = {v: 0 for v in VERDICTS}

    def add(self, verdict):
        self.findings += 1
        if verdict is not None:
            self.counts[verdict] += 1

    @property
    def judged(self):
        return sum(self.counts.values())

    @property
    def unjudged(self):
        return self.findings - self.judged

    @property
    def precision(self):
        """TP / (TP + FP + debatable) over judged findings; None when none is judged."""
        return self.counts["TP"] / self.judged if self.judged else None


def format_table(title, tallies, total):
    """A table of tallies by name, then the overall line."""
    lines = [title, f"  {'':<12} {'findings':>8} {'TP':>5} {'FP':>5} {'debat.':>6} {'unjudged':>8} {'precision':>9}"]

    def row(name, tally):
        precision = "—" if tally.precision is None else f"{tally.precision:.1%}"
        return (f"  {name:<12} {tally.findings:>8} {tally.counts['TP']:>5} {tally.counts['FP']:>5} "
                f"{tally.counts['debatable']:>6} {tally.unjudged:>8} {precision:>9}")

    for name in sorted(tallies):
        lines.append(row(name, tallies[name]))
    lines.append(row("overall", total))
    return "\n".join(lines)
