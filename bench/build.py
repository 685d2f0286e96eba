#!/usr/bin/env python3
"""Times `archive build` against Hugo on the same synthetic statements, in one run.

Makes N statements with the shared corpus generator (../shared/bench/make_corpus.py, which also
writes them as a Hugo site), then builds both sites R times, alternating, each into an empty folder,
and prints wall time, CPU time and peak memory with their ratios, as medians over the runs; then the
time of each phase of one more `archive build --timings`, per statement; then incremental builds
on that site: with nothing changed, after editing one statement's body, after editing one title,
after giving one statement the date of another a third of the archive away (which moves it in
every list and renumbers the search documents between), and after changing the statement page
template.

Full builds use `archive build --clean`, which ignores the cache of the previous build. Before the
timed runs, each is built W times untimed (--warmup, 1 by default): the first build after the corpus
is made or the machine was busy reads its files and binary cold, and Hugo's first often took twice
its time.

Usage: bench/build.py [N] [--runs R] [--warmup W] [--tmpfs] [--archive BINARY]

--tmpfs puts the corpus and both outputs in /dev/shm, which takes the disk out of the figures.
Quote ratios, not absolute times: machines are noisy.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENERATOR = os.path.join(os.path.dirname(ROOT), "shared", "bench", "make_corpus.py")


def timed(command, cwd=None):
    """Wall seconds, CPU seconds and peak memory in MB of a command, through GNU time."""
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M"] + command, cwd=cwd,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    wall, user, system, peak = result.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(peak) / 1024


def release_binary(path):
    """Builds the release binary at `path` if it is missing, bootstrapping the machine first."""
    if not os.path.exists(path):
        subprocess.run(["bash", os.path.join(ROOT, "script", "bootstrap")], check=True)
        subprocess.run(["swift", "build", "-c", "release", "--product", "archive"], cwd=ROOT, check=True)


def corpus(count, tmpfs):
    """The benchmark's folder for `count` statements, with the archive (`ours`, holding the
    repository's theme and settings) and the same statements as a Hugo site (`hugo`), made by the
    shared generator when missing."""
    if not os.path.exists(GENERATOR):
        sys.exit(f"the corpus generator is missing: {GENERATOR}")
    work = os.path.join("/dev/shm" if tmpfs else "/tmp", f"archive-bench-{count}")
    ours, hugo = os.path.join(work, "ours"), os.path.join(work, "hugo")
    if not (os.path.isdir(os.path.join(ours, "content")) and os.path.isdir(hugo)):
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run([sys.executable, GENERATOR, str(count), ours, "--hugo", hugo], check=True)
    shutil.rmtree(os.path.join(ours, "theme"), ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "theme"), os.path.join(ours, "theme"))
    shutil.copy(os.path.join(ROOT, "archive.yml"), ours)
    return work, ours, hugo


def phases(timings):
    """Each phase `archive build --timings` printed, with its seconds, in order."""
    found = (re.match(r"\s+(.+?)\s+([\d.]+) s$", line) for line in timings.splitlines())
    return [(match.group(1), float(match.group(2))) for match in found if match]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--tmpfs", action="store_true")
    parser.add_argument("--archive", default=os.path.join(ROOT, ".build/release/archive"))
    args = parser.parse_args()

    if shutil.which("hugo") is None:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], check=True)
    release_binary(args.archive)
    work, ours, hugo = corpus(args.count, args.tmpfs)

    def pair():
        for out in ("hout", "out"):
            shutil.rmtree(os.path.join(work, out), ignore_errors=True)
        return (timed(["hugo", "--quiet", "-d", os.path.join(work, "hout")], cwd=hugo),
                timed([args.archive, "build", "--clean", "--quiet", "--root", ours, "--output", os.path.join(work, "out")]))

    for _ in range(args.warmup):
        (hw, _, _), (aw, _, _) = pair()
        print(f"warm-up (not counted): hugo {hw:.2f} s wall · archive {aw:.2f} s wall")
    results = {"hugo": [], "archive": []}
    for run in range(args.runs):
        hugo_run, archive_run = pair()
        results["hugo"].append(hugo_run)
        results["archive"].append(archive_run)
        (hw, hc, hm), (aw, ac, am) = hugo_run, archive_run
        print(f"run {run + 1}: hugo {hw:.2f} s wall {hc:.2f} s CPU {hm:.0f} MB · "
              f"archive {aw:.2f} s wall {ac:.2f} s CPU {am:.0f} MB · "
              f"wall {aw / hw:.2f} CPU {ac / hc:.2f} memory {am / hm:.2f}")

    def median(tool, index):
        return statistics.median(r[index] for r in results[tool])

    where = "tmpfs" if args.tmpfs else "disk"
    print(f"\n{args.count} statements on {where}, medians of {args.runs}: "
          f"wall {median('archive', 0) / median('hugo', 0):.2f}× Hugo's, "
          f"CPU {median('archive', 1) / median('hugo', 1):.2f}×, "
          f"peak memory {median('archive', 2) / median('hugo', 2):.2f}×")

    shutil.rmtree(os.path.join(work, "out"), ignore_errors=True)
    timings = subprocess.run(
        [args.archive, "build", "--clean", "--timings", "--root", ours, "--output", os.path.join(work, "out")],
        capture_output=True, text=True, check=True).stdout
    print("\nphases of one build (seconds, and microseconds per statement):")
    for phase, seconds in phases(timings):
        print(f"  {phase:<34} {seconds:8.3f} {seconds / args.count * 1e6:10.1f}")

    incremental(args, ours, os.path.join(work, "out"))


def incremental(args, ours, out):
    """Times rebuilds of the site just built, after each kind of change, restoring every file after."""
    build = [args.archive, "build", "--root", ours, "--output", out]

    def rebuild():
        wall, _, peak = timed(build)
        summary = subprocess.run(build, capture_output=True, text=True, check=True).stdout
        written = re.search(r"(\d+) written, (\d+) removed", summary)
        return wall, peak, written.group(0) if written else "?"

    folder = os.path.join(ours, "content", "statements")
    files = sorted(os.listdir(folder))
    print(f"\nincremental builds (medians of {args.runs}):")

    def measure(name, change):
        figures = []
        for run in range(args.runs):
            restore = change(run)
            figures.append(timed(build))
            restore()
            # Back to the unchanged site before the next change.
            subprocess.run(build + ["--quiet"], check=True)
        # Once more, to count what the change writes.
        restore = change(args.runs)
        written = re.search(r"(\d+) written, (\d+) removed",
                            subprocess.run(build, capture_output=True, text=True, check=True).stdout)
        restore()
        subprocess.run(build + ["--quiet"], check=True)
        wall = statistics.median(f[0] for f in figures)
        peak = statistics.median(f[2] for f in figures)
        print(f"  {name:<34} {wall:6.2f} s wall {peak:6.0f} MB  ({written.group(0) if written else '?'})")

    def edit(path, transform):
        with open(path, encoding="utf-8") as handle:
            original = handle.read()
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(transform(original))

        def restore():
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(original)
        return restore

    def statement(run):
        return os.path.join(folder, files[(run * 7919 + len(files) // 2) % len(files)])

    measure("nothing changed", lambda run: (lambda: None))
    measure("one body edited", lambda run: edit(statement(run), lambda text: text + "\nOne more paragraph.\n"))
    measure("one title edited", lambda run: edit(
        statement(run), lambda text: re.sub(r"^title: (.*)$", r"title: Edited \1", text, count=1, flags=re.M)))
    def other_date(run):
        # The date of a statement a third of the archive away, so that the edited one moves.
        other = os.path.join(folder, files[(run * 7919 + len(files) // 2 + len(files) // 3) % len(files)])
        with open(other, encoding="utf-8") as handle:
            found = re.search(r"^date: (.*)$", handle.read(), flags=re.M)
        return found.group(1) if found else "2000-01-01"

    measure("one date edited (moves it)", lambda run: edit(
        statement(run), lambda text: re.sub(r"^date: .*$", "date: " + other_date(run), text, count=1, flags=re.M)))
    measure("statement template changed", lambda run: edit(
        os.path.join(ours, "theme", "templates", "statement.mustache"), lambda text: text + f"<!-- {run} -->\n"))


if __name__ == "__main__":
    main()
