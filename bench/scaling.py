#!/usr/bin/env python3
"""Shows how each phase of `archive build` grows with the archive.

Builds synthetic archives of the given sizes (made as `bench/build.py` makes them) R times each,
sizes alternating, each build clean and timed with `--timings`, and prints for every phase its
median time per statement at each size and the ratio of that to the size before: 1.00 is linear,
and the target is at most 1.30. The whole build's user CPU, system CPU and page faults per statement are
printed the same way: user CPU is the program's own work; system CPU is the kernel's, most of it
giving the build memory and taking its files, which grows with how much memory the machine has
left to give cheaply (see docs/performance.md, *The machine's fresh memory*).

Usage: bench/scaling.py [SIZES ...] [--runs R] [--tmpfs] [--archive BINARY]

The sizes default to 10000 and 100000. --tmpfs puts the archives and the outputs in /dev/shm.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from collections import defaultdict

from build import ROOT, corpus, phases, release_binary

LIMIT = 1.3


def build(archive, ours, out):
    """Phase times in seconds, and the whole build's user CPU, system CPU and minor page faults."""
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%U %S %R", archive, "build", "--clean", "--timings", "--root", ours, "--output", out],
        capture_output=True, text=True)
    shutil.rmtree(out, ignore_errors=True)
    if result.returncode != 0:
        sys.exit(f"archive build failed:\n{result.stdout}{result.stderr}")
    figures = dict(phases(result.stdout))
    user, system, faults = result.stderr.strip().splitlines()[-1].split()
    figures["whole build: user CPU"] = float(user)
    figures["whole build: system CPU"] = float(system)
    figures["whole build: minor page faults"] = int(faults)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10000, 100000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tmpfs", action="store_true")
    parser.add_argument("--archive", default=os.path.join(ROOT, ".build/release/archive"))
    args = parser.parse_args()
    sizes = sorted(set(args.sizes))

    release_binary(args.archive)
    folders = {}
    for size in sizes:
        work, ours, _ = corpus(size, args.tmpfs)
        folders[size] = (ours, os.path.join(work, "out"))

    runs = {size: defaultdict(list) for size in sizes}
    for run in range(args.runs):
        for size in sizes:
            for phase, value in build(args.archive, *folders[size]).items():
                runs[size][phase].append(value)
        print(f"run {run + 1} of {args.runs} done", file=sys.stderr)

    # Phases every size printed, in the order the first printed them.
    shown = [phase for phase in runs[sizes[0]] if all(runs[size][phase] for size in sizes)]
    header = "".join(f"{size:>12,}" for size in sizes) + "".join(
        f"{f'{later // earlier}x ratio':>12}" for earlier, later in zip(sizes, sizes[1:]))
    print(f"\nper statement (µs; page faults as counts), medians of {args.runs}, "
          f"on {'tmpfs' if args.tmpfs else 'disk'}")
    print(f"{'phase':<36}{header}")
    for phase in shown:
        per = [statistics.median(runs[size][phase]) / size for size in sizes]
        scale = 1 if "faults" in phase else 1e6
        cells = "".join(f"{value * scale:12.2f}" for value in per)
        ratios = ""
        for earlier, later in zip(per, per[1:]):
            ratio = later / earlier if earlier > 0 else None
            ratios += f"{ratio:11.2f}{'!' if ratio > LIMIT else ' '}" if ratio is not None else f"{'-':>12}"
        print(f"{phase:<36}{cells}{ratios}")
    print(f"\n! marks a ratio above {LIMIT}. A phase under a few milliseconds at the smaller size "
          "is within the timer's and the machine's noise.")


if __name__ == "__main__":
    main()
