#!/usr/bin/env python3
"""Benchmark archive's search index against Pagefind on the same synthetic archive.

Usage: python3 bench/search.py N [--binary .build/release/archive] [--work DIR] [--runs 3] [--no-pagefind]

Builds N synthetic statements (../shared/bench/make_corpus.py) with and without the search index
(--runs pairs, alternating, each into an empty folder) to measure what the index adds to the build's
wall time and CPU time (medians over pairs); reports the index's size
and files; the bytes a one-word query (a word of median document frequency, and the most common
word) and a three-word query transfer, search code included, with 20 results shown; and the time
from the last file to ranked results. Then runs Pagefind (PyPI: pagefind-bin) over the same built
site and measures the same queries in headless Chromium. Quote ratios, not absolute times.
"""
import argparse, functools, http.server, json, os, re, shutil, statistics, subprocess, sys, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHOWN = 20


def run_timed(command, cwd=None):
    """Wall seconds, peak memory (MB) and CPU seconds (user + system) of a command, through GNU time."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", *command], cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stdout + out.stderr)
    seconds, kilobytes, user, system = out.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes) / 1024, float(user) + float(system)


def folder_stats(folder):
    files = [os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs]
    return len(files), sum(os.path.getsize(f) for f in files)


def term_frequencies(site):
    """Document frequency of every single-word term, from the index's postings."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    frequencies = {}
    folder = os.path.join(site, "search", "t")
    for name in os.listdir(folder):
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        data = json.loads(text[text.index(",") + 1 : text.rindex(")")])
        for term, postings in data.items():
            numbers = sum(1 for c in postings if not alphabet.index(c) & 32)
            frequencies[term] = numbers // 2
    return frequencies


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def chromium_report(url):
    out = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                          "--virtual-time-budget=60000", "--dump-dom", url], capture_output=True, text=True, timeout=300)
    match = re.search(r"data-report=\"([^\"]*)\"", out.stdout)
    return json.loads(match.group(1).replace("&quot;", '"')) if match else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/archive"))
    parser.add_argument("--work")
    parser.add_argument("--no-pagefind", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = args.work or f"/tmp/archive-search-bench-{args.n}"
    corpus = os.path.join(work, "ours")
    if not os.path.isdir(os.path.join(corpus, "content")):
        subprocess.run([sys.executable, os.path.join(ROOT, "..", "shared", "bench", "make_corpus.py"), str(args.n), corpus], check=True)
    shutil.rmtree(os.path.join(corpus, "theme"), ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "theme"), os.path.join(corpus, "theme"))
    site = os.path.join(work, "site")

    # Builds with and without the index alternate, each into an empty folder (so that neither pays
    # for deleting the other's site); the overhead is the median over pairs of with / without.
    times = {"without": [], "with": []}
    for _ in range(args.runs):
        for mode in ("without", "with"):
            with open(os.path.join(corpus, "archive.yml"), "w") as f:
                f.write(f"title: Benchmark\nsearch: {'true' if mode == 'with' else 'false'}\n")
            shutil.rmtree(site, ignore_errors=True)
            times[mode].append(run_timed([args.binary, "build", "--root", corpus, "--output", site]))
    without = statistics.median(t for t, _, _ in times["without"])
    with_index = statistics.median(t for t, _, _ in times["with"])
    added = statistics.median(b[0] / a[0] - 1 for a, b in zip(times["without"], times["with"]))
    added_cpu = statistics.median(b[2] / a[2] - 1 for a, b in zip(times["without"], times["with"]))
    files, size = folder_stats(os.path.join(site, "search"))
    print(f"archive build, {args.n} statements, median of {args.runs}: {without:.2f}s without search, "
          f"{with_index:.2f}s with it: the index adds {100 * added:.0f}% to the build time "
          f"({100 * added_cpu:.0f}% to its CPU time; peak memory {max(m for _, m, _ in times['with']):.0f} MB)")
    print(f"archive index: {files} files, {size / 1e6:.1f} MB")

    frequencies = term_frequencies(site)
    words = sorted((f, t) for t, f in frequencies.items() if t.isalpha())
    median_word = words[len(words) // 2][1]
    common_word = words[-1][1]
    queries = [median_word, common_word, "constituent assembly elections"]
    print(f"queries: median-frequency word '{median_word}' (in {frequencies[median_word]} statements), "
          f"most common word '{common_word}' (in {frequencies[common_word]}), three words 'constituent assembly elections'")
    ours = json.loads(subprocess.run(["node", os.path.join(HERE, "query-bytes.mjs"), site, str(SHOWN), *queries],
                                     capture_output=True, text=True, check=True).stdout)
    for row in ours:
        print(f"  archive  '{row['query']}': {row['results']} results, {row['files']} files, "
              f"{row['bytes'] / 1000:.0f} kB ({row['gzip'] / 1000:.0f} kB gzipped), {row['ms']} ms from files to ranked results")

    if args.no_pagefind:
        return
    pagefind_site = os.path.join(work, "pagefind-site")
    shutil.rmtree(pagefind_site, ignore_errors=True)
    shutil.copytree(site, pagefind_site, ignore=shutil.ignore_patterns("search"))
    if subprocess.run([sys.executable, "-m", "pagefind_bin", "--version"], capture_output=True).returncode != 0:
        print("installing Pagefind (PyPI: pagefind-bin)")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pagefind-bin"], check=True)
    seconds, memory, _ = run_timed([sys.executable, "-m", "pagefind_bin", "--site", pagefind_site, "--quiet"])
    files, size = folder_stats(os.path.join(pagefind_site, "pagefind"))
    print(f"pagefind: indexed in {seconds:.2f}s, peak memory {memory:.0f} MB; {files} files, {size / 1e6:.1f} MB "
          f"(archive's index: {100 * (with_index - without) / seconds:.0f}% of Pagefind's indexing time)")
    shutil.copy(os.path.join(HERE, "pagefind-query.html"), pagefind_site)
    server = serve(pagefind_site)
    try:
        for row in ours:
            query = row["query"]
            url = f"http://127.0.0.1:{server.server_address[1]}/pagefind-query.html?q={query.replace(' ', '+')}&shown={SHOWN}"
            report = chromium_report(url)
            if not report:
                print(f"  pagefind '{query}': no report")
                continue
            print(f"  pagefind '{query}': {report['results']} results, {report['files']} files, "
                  f"{report['bytes'] / 1000:.0f} kB (already compressed); archive/pagefind bytes: "
                  f"{row['bytes'] / report['bytes']:.2f} raw, {row['gzip'] / report['bytes']:.2f} gzipped")
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
