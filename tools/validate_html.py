"""Check HTML pages and SVG pictures with the W3C Nu HTML validator (``vnu.jar``).

The validator runs on Java, from ``VNU_JAR`` or an npm installation of
``vnu-jar`` (``npm install vnu-jar``). Where neither Java nor the jar is here,
the check says so and passes: the tests of the package's own pages skip the
same way, saying why.

Usage: python tools/validate_html.py DIR   (every ``*.html`` file under DIR)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path


def validator() -> list[str] | None:
    """The command that runs the validator, or None where Java or the jar is missing."""
    java = shutil.which("java")
    if java is None:
        return None
    candidates = [os.environ.get("VNU_JAR", "")]
    npm = shutil.which("npm")
    if npm is not None:
        for flags in ([], ["-g"]):
            found = subprocess.run(
                [npm, "root", *flags], capture_output=True, text=True, check=False
            ).stdout.strip()
            candidates.append(os.path.join(found, "vnu-jar", "build", "dist", "vnu.jar"))
    for jar in candidates:
        if jar and os.path.isfile(jar):
            return [java, "-jar", jar]
    return None


def errors(command: list[str], paths: list[Path], *flags: str) -> list[str]:
    """Every error the validator finds in ``paths``, as ``file:line: message``."""
    done = subprocess.run(
        [*command, "--errors-only", "--format", "json", *flags, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}" for m in messages
    ]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    command = validator()
    if command is None:
        print("no Java or no vnu.jar here: the pages are not validated")
        return 0
    pages = sorted(Path(argv[0]).rglob("*.html"))
    found = errors(command, pages)
    for line in found:
        print(line, file=sys.stderr)
    print(f"{len(pages)} pages validated: {len(found)} errors")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
