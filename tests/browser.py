"""Headless Chromium for tests that use the site as a person would: open a page, click,
type, read the DOM after its scripts ran, and take screenshots.

Chromium (Debian's ``chromium``, installed by ``make browser``) runs with a DevTools port
on loopback and is driven over the DevTools protocol with ``websockets``. Tests skip
when Chromium cannot be found. In a test module (the fixture ``browser`` is one Chromium
for the module; ``chromium()`` starts another, e.g. with JavaScript off)::

    from .browser import Browser, browser_fixture, output_folder  # noqa: F401 (a fixture)

    def test_home(browser: Browser, server: str) -> None:
        browser.open(server + "/")
        browser.click("a.letter", navigates=True)
        assert "toezegging" in browser.texts("article")[0]
        browser.screenshot(output_folder() / "letter.png")

Screenshots go to ``$KGU_TEST_OUTPUT``, by default ``build/test-output/``.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.sync.client import ClientConnection, connect

from .conftest import ROOT

NAMES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 15.0  # seconds for a page, an element or a command
CTRL = 2  # the DevTools modifier bit of the Control key


class BrowserError(RuntimeError):
    """Chromium answered a command with an error, or a page threw, or waiting timed out."""


def output_folder() -> Path:
    """Where tests leave screenshots: ``$KGU_TEST_OUTPUT`` or ``build/test-output/``."""
    folder = Path(os.environ.get("KGU_TEST_OUTPUT", ROOT / "build" / "test-output"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Browser:
    """One tab of headless Chromium. Selectors are CSS selectors; ``click`` and ``type``
    send real mouse and keyboard input to the element's place on the page."""

    def __init__(self, socket: ClientConnection) -> None:
        self._socket = socket
        self._next = 0
        self._events: list[dict[str, Any]] = []

    def command(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a DevTools command and return its result; events that arrive meanwhile are kept."""
        self._next += 1
        self._socket.send(json.dumps({"id": self._next, "method": method, "params": params}))
        while True:
            message = json.loads(self._socket.recv(timeout=TIMEOUT))
            if message.get("id") == self._next:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                result: dict[str, Any] = message["result"]
                return result
            self._events.append(message)

    def _event(self, method: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            for event in self._events:
                if event.get("method") == method:
                    self._events.remove(event)
                    params: dict[str, Any] = event["params"]
                    return params
            if time.monotonic() > deadline:
                raise BrowserError(f"no {method} within {TIMEOUT:g} s")
            self._events.append(json.loads(self._socket.recv(timeout=TIMEOUT)))

    def open(self, url: str) -> None:
        """Go to ``url`` and wait until the page and its scripts have loaded."""
        self._events.clear()
        navigation = self.command("Page.navigate", url=url)
        if "errorText" in navigation:
            raise BrowserError(f"{url}: {navigation['errorText']}")
        self._event("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises are awaited)."""
        answer = self.command("Runtime.evaluate", expression=expression, returnByValue=True,
                              awaitPromise=True)
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def dom(self) -> str:
        """The page's HTML as it is now, after its scripts changed it."""
        return str(self.evaluate("document.documentElement.outerHTML"))

    def url(self) -> str:
        return str(self.evaluate("location.href"))

    def texts(self, selector: str) -> list[str]:
        """The visible text of every element that matches."""
        return list(self.evaluate(
            f"Array.from(document.querySelectorAll({json.dumps(selector)}), e => e.innerText)"))

    def count(self, selector: str) -> int:
        return int(self.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length"))

    def visible(self, selector: str) -> bool:
        """An element matches and takes up room on the page."""
        return bool(self.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                                  " return !!e && e.getClientRects().length > 0; })()"))

    def wait(self, condition: str) -> None:
        """Wait until a JavaScript expression is true (scripts change pages as they go)."""
        deadline = time.monotonic() + TIMEOUT
        while not self.evaluate(condition):
            if time.monotonic() > deadline:
                raise BrowserError(f"not true within {TIMEOUT:g} s: {condition}")
            time.sleep(0.1)

    def wait_for(self, selector: str, count: int = 1) -> None:
        """Wait until at least ``count`` elements match."""
        self.wait(f"document.querySelectorAll({json.dumps(selector)}).length >= {count}")

    def click(self, selector: str, navigates: bool = False) -> None:
        """Scroll the first match into view and click its middle with the mouse; when the
        click ``navigates`` (a link, a form's button), wait for the next page to load."""
        self.wait_for(selector)
        self._events.clear()
        box = self.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                            " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        x, y = box
        self.command("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        for kind in ("mousePressed", "mouseReleased"):
            self.command("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
        if navigates:
            self._event("Page.loadEventFired")

    def press(self, key: str, code: str, key_code: int, modifiers: int = 0,
              commands: tuple[str, ...] = ()) -> None:
        """Press and release one key, e.g. ``press("Enter", "Enter", 13, CTRL)``."""
        for kind in ("rawKeyDown", "keyUp"):
            self.command("Input.dispatchKeyEvent", type=kind, key=key, code=code,
                         windowsVirtualKeyCode=key_code, modifiers=modifiers,
                         commands=list(commands) if kind == "rawKeyDown" else [])

    def type(self, selector: str, text: str, replace: bool = True) -> None:
        """Click into the element and type ``text``, first selecting what it held when ``replace``."""
        self.click(selector)
        if replace:
            self.press("a", "KeyA", 65, CTRL, ("selectAll",))
        self.command("Input.insertText", text=text)

    def screenshot(self, path: Path, full_page: bool = True) -> Path:
        """A PNG of the page (all of it, or the window) at ``path``."""
        shot = self.command("Page.captureScreenshot", format="png", captureBeyondViewport=full_page)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


def _executable() -> str:
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("headless Chromium is not installed: run `make browser` (apt-get install chromium)")


def _port(profile: Path, process: subprocess.Popen[bytes]) -> int:
    """Chromium writes the DevTools port it chose to its profile folder."""
    active = profile / "DevToolsActivePort"
    deadline = time.monotonic() + TIMEOUT
    while not active.is_file() or not active.read_text().strip():
        if process.poll() is not None or time.monotonic() > deadline:
            raise BrowserError("Chromium did not start its DevTools server")
        time.sleep(0.05)
    return int(active.read_text().split()[0])


@contextmanager
def chromium(width: int = 1280, height: int = 900, javascript: bool = True) -> Iterator[Browser]:
    """A fresh headless Chromium (its own empty profile) with one tab; stopped afterwards."""
    with tempfile.TemporaryDirectory(prefix="kgu-chromium-") as profile:
        process = subprocess.Popen(
            [_executable(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
             f"--user-data-dir={profile}", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            port = _port(Path(profile), process)
            targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=TIMEOUT).json()
            page = next(t for t in targets if t["type"] == "page")
            with connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=TIMEOUT) as socket:
                browser = Browser(socket)
                browser.command("Page.enable")
                browser.command("Emulation.setScriptExecutionDisabled", value=not javascript)
                yield browser
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module", name="browser")
def browser_fixture() -> Iterator[Browser]:
    """One headless Chromium for a test module (import this to use ``browser``)."""
    with chromium() as browser:
        yield browser
