"""Running programs for the benchmark scripts: times, CPU and peak memory of a child."""

from __future__ import annotations

import hashlib
import os
import resource
import statistics
import subprocess
import sys
import time

#: The programs run as an installed package runs: with its compiled bytecode cached
#: (an environment that forbids writing bytecode would make every start compile the
#: package again, which no installed package does).
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str]) -> tuple[float, float, bytes]:
    """Run a command; return its wall and CPU seconds and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=ENVIRONMENT)
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
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, check=True, env=ENVIRONMENT
    )
    return int(done.stdout)


def rounds(
    commands: dict[str, list[str]], repeat: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Run the commands one after the other, ``repeat`` rounds; their wall and CPU seconds.

    Runs are interleaved, so a slow spell of the machine hits every command of
    a round alike (compare them with :func:`median_ratio`). Exits unless every
    run printed the same bytes.
    """
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    outputs: dict[str, set[str]] = {name: set() for name in commands}
    for command in commands.values():  # a first run compiles and caches the bytecode
        run(command)
    for _ in range(repeat):
        for name, command in commands.items():
            seconds, cpu_seconds, out = run(command)
            wall[name].append(seconds)
            cpu[name].append(cpu_seconds)
            outputs[name].add(hashlib.sha256(out).hexdigest())
    if len(set.union(*outputs.values())) != 1:
        sys.exit(f"the programs disagree: {outputs}")
    return wall, cpu


def median_ratio(ours: list[float], theirs: list[float]) -> float:
    """The median of the ratios within each round."""
    return statistics.median(a / b for a, b in zip(ours, theirs, strict=True))
