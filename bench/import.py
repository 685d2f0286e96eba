#!/usr/bin/env python3
"""Measures `archive import` on captures it was not written for.

For every capture listed in an expectations file (bench/import/expected.yml by default), runs
`archive import --dry-run` in a scratch archive that has this archive's vocabularies, and compares
what it would write with what a careful reader finds:

- field accuracy: title, date, organisation, author, language and kind, over the fields each
  capture states (a field left out of the expectations is not scored);
- demands: precision, recall and F1 over all captures, pooled;
- body (pages): token F1 of the imported body's text against the reader's text, per page, averaged.

Usage: bench/import.py [--expected FILE] [--archive BINARY] [--verbose]
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

try:
    import yaml
except ImportError:  # PyYAML is on PyPI
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "PyYAML"], check=True)
    import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIELDS = ["title", "date", "organisation", "author", "language", "kind"]


def fold(text):
    """Lower case, no accents, curly quotes straight, white space folded."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def tokens(text):
    return re.findall(r"\w+", fold(text))


def markdown_text(markdown):
    """The words of a Markdown body, without its syntax."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"^\s{0,9}(?:#+|>+|[-*+]|\d+\.)\s+", "", text, flags=re.M)
    text = text.replace("\\", "").replace("**", "").replace("*", "")
    return text


def token_f1(found, expected):
    found, expected = collections.Counter(tokens(found)), collections.Counter(tokens(expected))
    overlap = sum((found & expected).values())
    if not found or not expected:
        return 1.0 if found == expected else 0.0
    precision, recall = overlap / sum(found.values()), overlap / sum(expected.values())
    return 0.0 if overlap == 0 else 2 * precision * recall / (precision + recall)


def run_import(binary, archive, capture):
    result = subprocess.run(
        [binary, "import", "--dry-run", "--root", archive, capture],
        capture_output=True, text=True)
    out = result.stdout
    start = out.find("\n---\n")
    if start < 0:
        return None, result.stderr.strip() or out.strip()
    rest = out[start + 5:]
    end = rest.find("\n---\n")
    front = yaml.safe_load(rest[:end])
    body = rest[end + 5:]
    body = body[: body.rfind("\nWould import")] if "\nWould import" in body else body
    return {"front": front, "body": body}, None


def same(field, found, expected):
    if field == "organisation":
        return found is not None and fold(found) in {fold(e) for e in expected}
    if field == "date":
        return found is not None and str(found) == str(expected)
    if found is None or expected is None:
        return found is None and expected is None
    return fold(found).strip(" .") == fold(expected).strip(" .")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--expected", default=os.path.join(ROOT, "bench/import/expected.yml"))
    parser.add_argument("--archive", default=os.path.join(ROOT, ".build/release/archive"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    if not os.path.exists(args.archive):
        subprocess.run(["swift", "build", "-c", "release", "--product", "archive"], cwd=ROOT, check=True)
    with open(args.expected, encoding="utf-8") as handle:
        expectations = yaml.safe_load(handle)
    base = os.path.dirname(os.path.abspath(args.expected))

    scratch = tempfile.mkdtemp(prefix="archive-import-bench-")
    try:
        shutil.copytree(os.path.join(ROOT, "content"), os.path.join(scratch, "content"),
                        ignore=shutil.ignore_patterns("statements"))
        os.makedirs(os.path.join(scratch, "content/statements"))
        fields = {"page": collections.Counter(), "text": collections.Counter()}
        scored = {"page": collections.Counter(), "text": collections.Counter()}
        demands = {"page": [0, 0, 0], "text": [0, 0, 0]}  # true positives, found, expected
        bodies = []
        for capture, expected in expectations.items():
            kind = "page" if capture.endswith((".html", ".htm")) else "text"
            imported, error = run_import(args.archive, scratch, os.path.join(base, capture))
            if imported is None:
                print(f"{capture}: import failed: {error}")
                for field in FIELDS:
                    if field in expected:
                        scored[kind][field] += 1
                demands[kind][2] += len(expected.get("demands") or [])
                continue
            front = imported["front"]
            misses = []
            for field in FIELDS:
                if field not in expected:
                    continue
                scored[kind][field] += 1
                if same(field, front.get(field), expected[field]):
                    fields[kind][field] += 1
                else:
                    misses.append(f"{field}: {front.get(field)!r} ≠ {expected[field]!r}")
            found, wanted = set(front.get("demands") or []), set(expected.get("demands") or [])
            demands[kind][0] += len(found & wanted)
            demands[kind][1] += len(found)
            demands[kind][2] += len(wanted)
            if found != wanted:
                misses.append(f"demands: +{sorted(found - wanted)} -{sorted(wanted - found)}")
            if "body" in expected:
                f1 = token_f1(markdown_text(imported["body"]), "\n".join(expected["body"]))
                bodies.append(f1)
                if f1 < 0.95:
                    misses.append(f"body F1 {f1:.2f}")
            if args.verbose or misses:
                print(f"{capture}: " + ("; ".join(misses) if misses else "all correct"))

        print()
        for kind, label in [("page", "saved pages"), ("text", "plain text")]:
            total = sum(scored[kind].values())
            if not total:
                continue
            right = sum(fields[kind].values())
            per_field = ", ".join(f"{f} {fields[kind][f]}/{scored[kind][f]}" for f in FIELDS if scored[kind][f])
            tp, found, wanted = demands[kind]
            precision = tp / found if found else 1.0
            recall = tp / wanted if wanted else 1.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            print(f"{label}: field accuracy {right / total:.2f} ({right}/{total}: {per_field})")
            print(f"{label}: demands precision {precision:.2f}, recall {recall:.2f}, F1 {f1:.2f}")
        if bodies:
            print(f"saved pages: body token F1 {sum(bodies) / len(bodies):.2f} (mean of {len(bodies)}; lowest {min(bodies):.2f})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
