#!/usr/bin/env python3
"""Times how long this machine takes to give a process fresh memory, a gigabyte at a time.

Touches GB gigabytes of new anonymous memory, one page at a time, then writes GB gigabytes into a
new file in /dev/shm, a mebibyte at a time, and prints the seconds each gigabyte took. On bare
metal every gigabyte costs about the same. In a virtual machine whose host takes back the memory
the guest frees (virtio-balloon's free page reporting), the first gigabytes come from what the
guest still holds and later ones from the host, which may cost several times more: a build that
holds and writes more than the cheap part pays for it in its later phases, in system time. See
docs/performance.md, *The machine's fresh memory*.

Usage: bench/fresh-memory.py [GB]    (default 8)
"""

import mmap
import os
import sys
import time

GIB = 1 << 30
PAGE = mmap.PAGESIZE


def main():
    gigabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    print("anonymous memory, touched a page at a time:")
    held = []
    for index in range(gigabytes):
        start = time.perf_counter()
        region = mmap.mmap(-1, GIB)
        for offset in range(0, GIB, PAGE):
            region[offset] = 1
        held.append(region)
        print(f"  gigabyte {index + 1}: {time.perf_counter() - start:.2f} s", flush=True)
    for region in held:
        region.close()
    held.clear()

    print("a file in /dev/shm, written a mebibyte at a time:")
    path = f"/dev/shm/fresh-memory-{os.getpid()}"
    block = os.urandom(1 << 20)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        for index in range(gigabytes):
            start = time.perf_counter()
            for _ in range(GIB // len(block)):
                os.write(descriptor, block)
            print(f"  gigabyte {index + 1}: {time.perf_counter() - start:.2f} s", flush=True)
    finally:
        os.close(descriptor)
        os.unlink(path)


if __name__ == "__main__":
    main()
