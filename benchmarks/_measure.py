"""Running programs for the benchmark scripts: times, CPU and peak memory of a child."""

from __future__ import annotations

import resource
import subprocess
import sys
import time


def run(command: list[str]) -> tuple[float, float, bytes]:
    """Run a command; return its wall and CPU seconds and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, done.stdout


def peak_rss(command: list[str]) -> int:
    """Peak RSS in KiB of one run, measured in a fresh child of a fresh child."""
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, check=True)
    return int(done.stdout)
