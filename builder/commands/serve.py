"""`assess serve`: build into a scratch folder, serve it on loopback, rebuild
and reload the browser whenever the bank or the site sources change.

A broken bank never stops the server: the errors go to the terminal and, via
the reload channel, onto the open page; the last good site stays served.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click
from markupsafe import escape

from ..errors import AssessError, BankError, printed
from ..site.config import CONFIG_FILE_NAME, find_config
from ..site.render import LIVE_RELOAD
from .build import build, watched_paths

#: the dev server's reload script: served at LIVE_RELOAD, also before any build succeeded
LIVE_RELOAD_SCRIPT = Path(__file__).with_name("livereload.js")

#: how often the dev server looks for changes (a look stats every watched file: well under a millisecond)
POLL_SECONDS = 0.05
EVENTS_PATH = "/__assess/events"


class Channel:
    """The latest build outcome, with a condition clients wait on."""

    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.generation = 0
        self.message: dict = {"type": "reload"}

    def publish(self, message: dict) -> None:
        with self.condition:
            self.generation += 1
            self.message = message
            self.condition.notify_all()

    def wait(self, generation: int, timeout: float) -> tuple[int, dict | None]:
        with self.condition:
            self.condition.wait_for(lambda: self.generation != generation, timeout)
            return self.generation, (self.message if self.generation != generation else None)


class Watcher:
    """Notices any change below the watched paths by polling: cheap enough to
    look 20 times a second (#18: a saved file should be served rebuilt within
    300 ms), with no dependency and no thread.

    Each look stats every file and folder once. A folder is listed again only
    when its own modification time changed, which it does whenever a file in
    it is added, removed or renamed into place (as editors save), or while
    that time is too recent to tell a later change in the same clock tick
    apart; a file counts as changed when its modification time, size or
    inode does.
    """

    #: a folder changed less than this before it was listed is listed again (file times can be this coarse)
    RECENT_NS = 2_000_000_000

    def __init__(self, paths: list[Path]):
        self.paths = [str(path) for path in paths]
        self.listings: dict[str, tuple[int, int, list[str], list[str]]] = {}  # folder -> mtime, listed, contents

    def snapshot(self) -> dict[str, tuple[int, int, int]]:
        seen: dict[str, tuple[int, int, int]] = {}
        for path in self.paths:
            self.visit(path, seen)
        return seen

    def visit(self, path: str, seen: dict, descend: bool = True) -> None:
        try:
            status = os.stat(path)
        except OSError:
            return
        if not descend or not stat.S_ISDIR(status.st_mode):
            seen[path] = (status.st_mtime_ns, status.st_size, status.st_ino)
            return
        listing = self.listings.get(path)
        if listing is None or listing[0] != status.st_mtime_ns or listing[1] - listing[0] < self.RECENT_NS:
            listing = (status.st_mtime_ns, time.time_ns(), *self.list_folder(path))
            self.listings[path] = listing
        seen[path] = (status.st_mtime_ns, 0, status.st_ino)
        for file in listing[2]:
            self.visit(file, seen, descend=False)
        for folder in listing[3]:
            self.visit(folder, seen)

    @staticmethod
    def list_folder(path: str) -> tuple[list[str], list[str]]:
        """Its files and its folders; a link to a folder counts as a file (no loops)."""
        files, folders = [], []
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    (folders if entry.is_dir(follow_symlinks=False) else files).append(entry.path)
        except OSError:
            pass
        return sorted(files), sorted(folders)


def make_handler(site_dir: Path, channel: Channel, errors: Callable[[], str | None]):
    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - quiet console: only builds are reported
            pass

        def do_GET(self):
            path = self.path.split("?")[0]
            if path == EVENTS_PATH:
                return self.stream_events()
            if path == "/" + LIVE_RELOAD:  # also needed by the error page before any build
                return self.send_bytes(200, "text/javascript", LIVE_RELOAD_SCRIPT.read_bytes())
            current = errors()
            if current and not (site_dir / "index.html").exists():
                return self.error_page(current)
            return super().do_GET()

        def stream_events(self):
            # the build the client has seen: read before the headers go out, since a
            # client that has them may save a file at once, and its rebuild must reach it
            generation = channel.generation
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            current = errors()
            try:
                if current:
                    self.send_event({"type": "error", "text": current})
                while True:
                    generation, message = channel.wait(generation, 15)
                    if message is None:
                        self.wfile.write(b": keep-alive\n\n")
                        self.wfile.flush()
                    else:
                        self.send_event(message)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def send_event(self, message: dict) -> None:
            self.wfile.write(f"data: {json.dumps(message)}\n\n".encode())
            self.wfile.flush()

        def error_page(self, text: str) -> None:
            body = (
                "<!doctype html><meta charset=utf-8><title>Build failed</title>"
                "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; script-src 'self'; "
                "connect-src 'self'\"><h1>The bank has errors</h1>"
                f"<pre role=alert>{escape(text)}</pre>"
                "<script type=module src=/__assess/livereload.js></script>"
            ).encode()
            self.send_bytes(500, "text/html; charset=utf-8", body)

        def send_error(self, code, message=None, explain=None):
            """An unknown path gets the site's own 404.html, as GitHub Pages serves it."""
            page = site_dir / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            self.send_bytes(404, "text/html; charset=utf-8", page.read_bytes())

        def send_bytes(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

    return functools.partial(Handler, directory=str(site_dir))


def parse_address(address: str) -> tuple[str, int]:
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) < 65536:
        raise AssessError(f"invalid address {address!r}: use HOST:PORT, e.g. 127.0.0.1:8000")
    return host.strip("[]") or "127.0.0.1", int(port)


def serve_project(bank_dir: Path, config: Path | None, address: str, open_browser: bool = False) -> None:
    """`assess serve`: build with the reload script; rebuild when the inputs or the config
    (`config`, else ./assessment.yml, even one created while serving) change."""
    find_config(config)  # a mistyped --config stops here, before serving
    script = LIVE_RELOAD_SCRIPT.read_bytes()
    serve(lambda site_dir: build(bank_dir, site_dir, config_file=find_config(config), live_reload=script),
          lambda: watched_paths(bank_dir, config or Path(CONFIG_FILE_NAME)), address, open_browser)


def serve(build_into: Callable[[Path], None], watched: Callable[[], list[Path]], address: str,
          open_browser: bool = False) -> None:
    """Serve until interrupted. `build_into(site_dir)` builds the site into a folder;
    `watched()` lists what to watch, asked again after each build (a config
    change may name another theme folder)."""
    host, port = parse_address(address)
    scratch = Path(tempfile.mkdtemp(prefix="assess-serve-"))
    site_dir = scratch / "site"
    channel = Channel()
    state = {"errors": None}

    def rebuild() -> None:
        started = time.perf_counter()
        try:
            build_into(site_dir)
        except BankError as exc:
            state["errors"] = "\n".join(printed(exc.problems))
            click.echo(f"{state['errors']}\nBuild failed; still serving the last good site.", err=True)
            channel.publish({"type": "error", "text": state["errors"]})
            return
        except AssessError as exc:
            state["errors"] = exc.format_message()
            click.echo(f"Error: {state['errors']}", err=True)
            channel.publish({"type": "error", "text": state["errors"]})
            return
        state["errors"] = None
        click.echo(f"Built in {time.perf_counter() - started:.2f}s")
        channel.publish({"type": "reload"})

    rebuild()
    handler = make_handler(site_dir, channel, lambda: state["errors"])
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        shutil.rmtree(scratch, ignore_errors=True)
        raise AssessError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another with --dev-addr") from None
    server.daemon_threads = True
    url = f"http://{host if ':' not in host else f'[{host}]'}:{server.server_port}/"
    click.echo(f"Serving on {url}  (Ctrl+C to stop)")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        paths = watched()
        watcher = Watcher(paths)
        before = watcher.snapshot()
        while True:
            time.sleep(POLL_SECONDS)
            now = watcher.snapshot()
            if now != before:
                rebuild()
                latest = watched()
                if latest != paths:
                    paths, watcher = latest, Watcher(latest)
                    now = watcher.snapshot()
                # keeping the snapshot from before the build catches edits made during it
                before = now
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)
