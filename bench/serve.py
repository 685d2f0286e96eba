#!/usr/bin/env python3
"""Times `archive serve`: from saving a statement to the page reloaded with the change, then a
bounded flood of concurrent requests, with the server's memory before, during and after.

Makes N synthetic statements with the shared corpus generator (as bench/build.py does, in the same
folder), starts `archive serve --port 0` on them, listens to its event stream, and R times edits a
statement's title, timing until the `reload` event arrives and until the page is served with the
new title; between edits it waits for the server to finish building. Then C threads, each on its own keep-alive connection, request pages, assets, search
files and missing pages until REQUESTS are done; every response must be a 200 or the expected 404,
and the server's resident memory is read from /proc after each quarter. All through the flood, 64
slow clients send their requests a byte every 50 ms and must get whole answers, and another thread
opens connections that read the first bytes of a page and reset (RST) until the flood ends.
Ctrl-C (SIGINT) then stops the server, which must exit within 10 s.

Usage: bench/serve.py [N] [--runs R] [--requests REQUESTS] [--concurrency C] [--tmpfs]
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENERATOR = os.path.join(os.path.dirname(ROOT), "shared", "bench", "make_corpus.py")


class Events:
    """Reads the server's event stream on a thread, keeping every event name with its arrival time."""

    def __init__(self, port):
        self.received = []
        self.lock = threading.Lock()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        connection.request("GET", "/_archive/events")
        self.response = connection.getresponse()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        try:
            for line in self.response:
                line = line.decode().strip()
                if line.startswith("event: "):
                    with self.lock:
                        self.received.append((line[7:], time.monotonic()))
        except Exception:
            pass

    def count(self, name):
        with self.lock:
            return sum(1 for event, _ in self.received if event == name)

    def wait_count(self, name, count, timeout=120):
        deadline = time.monotonic() + timeout
        while self.count(name) < count:
            if time.monotonic() > deadline:
                sys.exit(f"no {count} '{name}' events within {timeout} s")
            time.sleep(0.002)

    def wait(self, name, after, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for event, at in self.received:
                    if event == name and at >= after:
                        return at
            time.sleep(0.002)
        sys.exit(f"no '{name}' event within {timeout} s")


def slug(name):
    """A file name as the statement's address has it (ASCII names, as the generator writes)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def resident_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--tmpfs", action="store_true")
    parser.add_argument("--archive", default=os.path.join(ROOT, ".build/release/archive"))
    args = parser.parse_args()

    if not os.path.exists(args.archive):
        subprocess.run(["swift", "build", "-c", "release", "--product", "archive"], cwd=ROOT, check=True)
    work = os.path.join("/dev/shm" if args.tmpfs else "/tmp", f"archive-bench-{args.count}")
    ours = os.path.join(work, "ours")
    if not os.path.isdir(os.path.join(ours, "content")):
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run([sys.executable, GENERATOR, str(args.count), ours, "--hugo", os.path.join(work, "hugo")], check=True)
    shutil.rmtree(os.path.join(ours, "theme"), ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "theme"), os.path.join(ours, "theme"))
    shutil.copy(os.path.join(ROOT, "archive.yml"), ours)

    server = subprocess.Popen([args.archive, "serve", "--root", ours, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    started = time.monotonic()
    port = None
    for line in server.stdout:
        match = re.search(r"Serving http://127\.0\.0\.1:(\d+)/", line)
        if match:
            port = int(match.group(1))
            break
    if port is None:
        sys.exit("the server did not start")
    print(f"{args.count} statements: first build and start {time.monotonic() - started:.2f} s")
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    events = Events(port)
    time.sleep(0.5)

    folder = os.path.join(ours, "content", "statements")
    files = sorted(os.listdir(folder))
    reloads, pages = [], []
    for run in range(args.runs):
        name = files[(run * 7919 + len(files) // 3) % len(files)]
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as handle:
            original = handle.read()
        marker = f"Edited {run} {time.time_ns()}"
        builds = events.count("built")
        saved = time.monotonic()
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(re.sub(r"^title: (.*)$", f"title: {marker}", original, count=1, flags=re.M))
        try:
            reloaded, shown = edited(port, events, saved, f"/statements/{slug(name[:-3])}/", marker)
        finally:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(original)
        reloads.append(reloaded - saved)
        pages.append(shown - saved)
        print(f"  edit {run + 1}: reload event {reloaded - saved:.3f} s, page with the change {shown - saved:.3f} s", flush=True)
        # The server is idle again before the next edit: both builds, the edit's and the restoring
        # one's, finished (a build may send more than one reload event, but one built event).
        events.wait_count("built", builds + 2)
    print(f"save to reload: median {statistics.median(reloads):.3f} s; "
          f"save to the changed page served: median {statistics.median(pages):.3f} s", flush=True)
    flood(args, server, port, files)


def edited(port, events, saved, page, marker):
    """When the reload event came, and when the page was first served with the change."""
    reloaded = events.wait("reload", saved)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", page)
        body = connection.getresponse().read().decode()
        connection.close()
        if marker in body:
            return reloaded, time.monotonic()
        time.sleep(0.005)
    sys.exit(f"{page} never showed '{marker}'")


def flood(args, server, port, files):
    """Many concurrent requests, then Ctrl-C."""
    targets = ["/", "/statements/", "/organisations/", "/assets/style.css", "/search/index.js",
               f"/statements/{slug(files[0][:-3])}/", f"/statements/{slug(files[-1][:-3])}/", "/no/such/page/"]
    done = [0]
    errors = []
    lock = threading.Lock()
    quarter = max(1, args.requests // 4)
    memory = [resident_mb(server.pid)]

    def client(number):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        index = number
        while True:
            with lock:
                if done[0] >= args.requests:
                    break
                done[0] += 1
                count = done[0]
            target = targets[index % len(targets)]
            index += 1
            try:
                connection.request("GET", target)
                response = connection.getresponse()
                response.read()
                expected = 404 if target.startswith("/no/") else 200
                if response.status != expected:
                    errors.append(f"{target}: {response.status}")
            except Exception as error:
                errors.append(f"{target}: {error}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            if count % quarter == 0:
                memory.append(resident_mb(server.pid))
        connection.close()

    request = b"GET /statements/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    slow_answers = []
    vanished = [0]
    flooding = threading.Event()
    flooding.set()

    def slow_client():
        """Sends its request a byte at a time, then reads the whole answer."""
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=120) as connection:
                for byte in request:
                    connection.sendall(bytes([byte]))
                    time.sleep(0.05)
                answer = b""
                while chunk := connection.recv(65536):
                    answer += chunk
            slow_answers.append(answer.startswith(b"HTTP/1.1 200") and answer.rstrip().endswith(b"</html>"))
        except Exception:
            slow_answers.append(False)

    def vanishing_clients():
        """Connections that read the first bytes of a page and reset, until the flood ends."""
        while flooding.is_set():
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=30)
                connection.sendall(request)
                connection.recv(64)
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                connection.close()
                vanished[0] += 1
            except Exception as error:
                errors.append(f"vanishing client: {error}")

    flood_start = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.concurrency)]
    misbehaving = [threading.Thread(target=slow_client) for _ in range(64)]
    misbehaving.append(threading.Thread(target=vanishing_clients))
    for thread in threads + misbehaving:
        thread.start()
    for thread in threads:
        thread.join()
    flooding.clear()
    for thread in misbehaving:
        thread.join()
    elapsed = time.monotonic() - flood_start
    print(f"flood: {args.requests} requests on {args.concurrency} connections in {elapsed:.2f} s "
          f"({args.requests / elapsed:.0f}/s), {len(errors)} errors; resident memory "
          + " → ".join(f"{m:.0f}" for m in memory) + " MB")
    print(f"meanwhile: {slow_answers.count(True)} of {len(slow_answers)} slow clients answered in full, "
          f"{vanished[0]} clients vanished mid-response; resident memory after {resident_mb(server.pid):.0f} MB")
    for error in errors[:5]:
        print(f"  {error}")

    stop = time.monotonic()
    server.send_signal(signal.SIGINT)
    try:
        status = server.wait(timeout=10)
        print(f"Ctrl-C: exited with status {status} after {time.monotonic() - stop:.2f} s, the event stream open")
    except subprocess.TimeoutExpired:
        server.kill()
        sys.exit("Ctrl-C: the server did not stop within 10 s")


if __name__ == "__main__":
    main()
