#!/usr/bin/env python3
"""Times writing a built site's files in other layouts, to tell what fewer files and folders would save.

Reads every file of a site `archive build` made, then writes the same bytes R times in each layout,
into an empty folder each time, alternating the layouts, and prints the median wall and CPU time
(user and system) of each, with the number of files and folders:

  built      the site as `archive build` writes it: a folder per statement page, a file per
             search result's document
  flat       each statement page as `statements/<id>.html`, with no folder of its own
  grouped    flat, and the search results' documents in files of 100 (`search/d/<n>.js` holds
             documents 100n to 100n+99, one after another)

Only the writing is timed: each layout's files are made in memory first. Files are written with
os.open, os.write and os.close, folders made with os.mkdir, parents first, as `archive build`
does; the interpreter's own cost per file is the same in every layout.

Usage: bench/layout.py SITE [--runs R] [--into FOLDER]

FOLDER (default /tmp/archive-layout) is where the copies are written: put it on the disk to
measure the disk, in /dev/shm to measure the file system's own work.
"""

import argparse
import os
import re
import resource
import shutil
import statistics
import time

STATEMENT_PAGE = re.compile(r"^statements/([^/]+)/index\.html$")
SEARCH_DOCUMENT = re.compile(r"^search/d/(\d+)\.js$")


def read_site(site):
    files = {}
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, site)] = handle.read()
    return files


def flat(files):
    """Statement pages without a folder each."""
    out = {}
    for path, data in files.items():
        match = STATEMENT_PAGE.match(path)
        if match:
            out[f"statements/{match.group(1)}.html"] = data
        else:
            out[path] = data
    return out


def grouped(files):
    """Flat, and the search results' documents a hundred to a file."""
    out, groups = {}, {}
    for path, data in flat(files).items():
        match = SEARCH_DOCUMENT.match(path)
        if match:
            number = int(match.group(1))
            groups.setdefault(number // 100, []).append((number, data))
        else:
            out[path] = data
    for group, documents in groups.items():
        out[f"search/d/{group}.js"] = b"".join(data for _, data in sorted(documents))
    return out


def folders_of(files):
    folders = set()
    for path in files:
        parent = os.path.dirname(path)
        while parent and parent not in folders:
            folders.add(parent)
            parent = os.path.dirname(parent)
    return sorted(folders, key=lambda folder: (folder.count("/"), folder))


def write(files, folders, target):
    """Wall and CPU seconds to write `files` under `target`, which must not exist."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    before_cpu = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    os.mkdir(target)
    for folder in folders:
        os.mkdir(os.path.join(target, folder))
    for path, data in files.items():
        descriptor = os.open(os.path.join(target, path), flags, 0o644)
        os.write(descriptor, data)
        os.close(descriptor)
    wall = time.perf_counter() - start
    after_cpu = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after_cpu.ru_utime - before_cpu.ru_utime) + (after_cpu.ru_stime - before_cpu.ru_stime)
    system = after_cpu.ru_stime - before_cpu.ru_stime
    return wall, cpu, system


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--into", default="/tmp/archive-layout")
    args = parser.parse_args()

    built = read_site(args.site)
    layouts = {"built": built, "flat": flat(built), "grouped": grouped(built)}
    folders = {name: folders_of(files) for name, files in layouts.items()}
    results = {name: [] for name in layouts}
    os.makedirs(args.into, exist_ok=True)
    for run in range(args.runs):
        # Each run starts with a different layout, so that no layout always follows the same one.
        names = list(layouts)
        names = names[run % len(names):] + names[:run % len(names)]
        for name in names:
            target = os.path.join(args.into, name)
            shutil.rmtree(target, ignore_errors=True)
            os.sync()
            results[name].append(write(layouts[name], folders[name], target))
            os.sync()
    for name in layouts:
        shutil.rmtree(os.path.join(args.into, name), ignore_errors=True)

    base_wall = statistics.median(r[0] for r in results["built"])
    base_cpu = statistics.median(r[1] for r in results["built"])
    print(f"{'layout':8} {'files':>7} {'folders':>7} {'wall s':>7} {'CPU s':>7} {'system s':>8} {'wall':>6} {'CPU':>6}")
    for name, files in layouts.items():
        wall = statistics.median(r[0] for r in results[name])
        cpu = statistics.median(r[1] for r in results[name])
        system = statistics.median(r[2] for r in results[name])
        print(f"{name:8} {len(files):7} {len(folders[name]):7} {wall:7.2f} {cpu:7.2f} {system:8.2f} "
              f"{wall / base_wall:6.2f} {cpu / base_cpu:6.2f}")


if __name__ == "__main__":
    main()
