"""Open a local HTML file in headless Chromium and report what a reader would meet.

Talks to the browser over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: commands on file descriptor 3, replies on 4,
each a JSON text ended by a NUL byte), so nothing beyond Python and the
browser is needed. Used by the report's test and to draw the report's
screenshot for the docs::

    python tools/browser.py report.html docs/pictures/report.png
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

#: The browsers looked for, Debian's package first.
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find() -> str | None:
    """The path of a Chromium-like browser, or None."""
    for name in NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


class Visit:
    """What happened when a page was opened: every request, every failure, every error."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.screenshot = b""
        self.pdf = b""
        self.title = ""
        #: How wide the page is laid out (wider than the window: it scrolls sideways).
        self.page_width = 0
        #: Elements whose content is wider than they are and that do not scroll: each
        #: as its tag and text's start.
        self.clipped: list[str] = []


#: Elements whose content overflows them sideways without a scroll bar to reach it, and
#: texts of pictures that run out of their picture.
_CLIPPED = """
[...document.querySelectorAll('body *')].filter(e => {
  if (e instanceof SVGElement) {
    if (!(e instanceof SVGTextElement)) return false;
    const box = e.getBoundingClientRect(), frame = e.ownerSVGElement.getBoundingClientRect();
    return box.left < frame.left - 1 || box.right > frame.right + 1;
  }
  const style = getComputedStyle(e);
  return e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0
    && !['auto', 'scroll', 'visible'].includes(style.overflowX);
}).map(e => e.tagName + ': ' + e.textContent.slice(0, 40))
"""


class _Pipe:
    def __init__(self, browser: str, profile: Path) -> None:
        to_read, self._to_browser = os.pipe()
        self._from_browser, to_write = os.pipe()

        def child_fds() -> None:  # the protocol's fixed descriptors 3 and 4
            # Copies above both first, so that neither dup2 overwrites the other's source;
            # then both made inheritable (a dup2 onto itself would keep close-on-exec).
            a = fcntl.fcntl(to_read, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(to_write, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.process = subprocess.Popen(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL if not os.environ.get("BROWSER_DEBUG") else None,
            preexec_fn=child_fds,
            close_fds=False,
        )
        os.close(to_read)
        os.close(to_write)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event.get("method") == method:
                return event
        while time.monotonic() < deadline:
            event = self._read()
            if event.get("method") == method:
                return event
        raise TimeoutError(method)

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise ConnectionError("the browser closed the pipe")
            self._buffer += chunk
        text, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(text)
        if "method" in message:
            self.events.append(message)
        return message

    def close(self) -> None:
        with contextlib.suppress(OSError, ConnectionError, RuntimeError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


def visit(
    page: Path, profile: Path, browser: str, width: int = 900, max_height: int | None = None
) -> Visit:
    """Open ``page`` (a local file), wait for it to load, and take a screenshot ``width``
    pixels wide of the whole page (or its top ``max_height`` pixels) and an A4 PDF."""
    pipe = _Pipe(browser, profile)
    try:
        targets = pipe.send("Target.getTargets")["targetInfos"]
        target = next(t["targetId"] for t in targets if t["type"] == "page")
        session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Network", "Runtime", "Log"):
            pipe.send(f"{domain}.enable", session=session)
        pipe.events.clear()
        pipe.send("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
        pipe.wait_for("Page.loadEventFired")
        # A round trip after the load: the browser sends every event it has before the
        # answer, so the page's errors and requests are all in (the pages have no script
        # that could fail later).
        pipe.send("Runtime.evaluate", {"expression": "1"}, session=session)
        result = Visit()
        for event in pipe.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                result.requests.append(params["request"]["url"])
            elif method == "Network.loadingFailed":
                result.failed.append(f"{params.get('errorText')} {params.get('blockedReason', '')}")
            elif method == "Runtime.exceptionThrown":
                result.errors.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                result.errors.append(json.dumps(params.get("args", []))[:500])
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                result.errors.append(params["entry"].get("text", ""))
        result.title = pipe.send(
            "Runtime.evaluate",
            {"expression": "document.title", "returnByValue": True},
            session=session,
        )["result"]["value"]

        def metrics(height: int) -> None:
            pipe.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                session=session,
            )

        def evaluate(expression: str) -> Any:
            found = pipe.send(
                "Runtime.evaluate",
                {"expression": expression, "returnByValue": True},
                session=session,
            )
            return found["result"].get("value")

        metrics(800)  # the page laid out at the width asked for, then measured
        height = int(evaluate("document.documentElement.scrollHeight"))
        metrics(height if max_height is None else min(height, max_height))
        result.page_width = int(evaluate("document.documentElement.scrollWidth"))
        result.clipped = evaluate(_CLIPPED) or []
        shot = pipe.send("Page.captureScreenshot", {"format": "png"}, session=session)
        result.screenshot = base64.b64decode(shot["data"])
        pdf = pipe.send(
            "Page.printToPDF",
            {
                "paperWidth": 8.27,
                "paperHeight": 11.69,
                "printBackground": True,
                "preferCSSPageSize": True,
            },
            session=session,
        )
        result.pdf = base64.b64decode(pdf["data"])
        return result
    finally:
        pipe.close()


def main(argv: list[str]) -> int:
    """``browser.py PAGE SCREENSHOT``: visit PAGE, write its screenshot, print what failed."""
    import tempfile

    page, shot = Path(argv[0]), Path(argv[1])
    browser = find()
    if browser is None:
        print("no Chromium found: apt-get install chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as profile:
        result = visit(page, Path(profile), browser)
    shot.write_bytes(result.screenshot)
    for line in result.failed + result.errors:
        print(line)
    return 1 if result.failed or result.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
