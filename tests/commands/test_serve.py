"""`assess serve`: serves on loopback, rebuilds on change, survives a broken bank."""
from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from queue import Empty, Queue

import pytest
from support.paths import BANKS, ROOT


class Server:
    def __init__(self, bank, *extra):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "builder", "serve", "--bank", str(bank), "-a", "127.0.0.1:0", *extra],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: Queue[str] = Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self.url = self.wait_for(r"Serving on (http://\S+)").group(1)

    def _pump(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, pattern: str, timeout: float = 20):
        seen = []
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except Empty:
                raise AssertionError(f"no line matching {pattern!r}; got {seen}") from None
            seen.append(line)
            if match := re.search(pattern, line):
                return match

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def events(self) -> Queue:
        """Messages of the reload channel, read in the background."""
        queue: Queue = Queue()
        stream = urllib.request.urlopen(self.url + "__assess/events", timeout=30)

        def read():
            for raw in stream:
                line = raw.decode().strip()
                if line.startswith("data: "):
                    queue.put(json.loads(line[6:]))

        threading.Thread(target=read, daemon=True).start()
        return queue

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def bank_copy(tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(BANKS["small"], bank)
    return bank


def test_serve_rebuilds_reloads_and_survives_errors(bank_copy):
    server = Server(bank_copy)
    try:
        assert server.url.startswith("http://127.0.0.1:")
        status, quiz = server.get("en/quiz.html")
        assert status == 200
        assert 'src="../__assess/livereload.js"' in quiz
        assert "connect-src 'self'" in html.unescape(quiz), "only the dev server opens the reload channel"
        events = server.events()

        bank_yml = bank_copy / "bank.yml"
        bank_yml.write_text(bank_yml.read_text().replace("How does the shop", "How well does the shop"))
        assert events.get(timeout=20) == {"type": "reload"}
        assert "How well does the shop" in server.get("en/index.html")[1]

        questions = bank_copy / "questions.yml"
        questions.write_text(questions.read_text().replace("pole: competitor", "pole: rivals"))
        message = events.get(timeout=20)
        assert message["type"] == "error"
        assert re.search(r"questions\.yml:\d+: 'rivals' is not one of: customer, competitor", message["text"])
        server.wait_for("Build failed; still serving the last good site")
        status, page = server.get("en/index.html")
        assert status == 200 and "How well does the shop" in page, "the last good site stays"
        assert server.process.poll() is None, "the server keeps running"
    finally:
        server.stop()


def test_serve_starts_with_a_broken_bank_and_shows_the_errors(bank_copy):
    (bank_copy / "questions.yml").write_text("questions: [", encoding="utf-8")
    server = Server(bank_copy)
    try:
        status, page = server.get("")
        assert status == 500
        assert "questions.yml:1: YAML syntax error: the list opened with" in page
        assert server.get("__assess/livereload.js")[0] == 200
    finally:
        server.stop()


def test_serve_answers_unknown_paths_with_the_sites_404_page(bank_copy):
    server = Server(bank_copy)
    try:
        status, page = server.get("en/no-such-page.html")
        assert status == 404
        assert "<title>Page not found" in page and 'href="/en/index.html"' in page, "the site's 404.html"
        assert server.get("static/css/missing.css")[0] == 404
    finally:
        server.stop()


def test_serve_rejects_a_bad_address():
    result = subprocess.run([sys.executable, "-m", "builder", "serve", "--bank", str(BANKS["small"]), "-a", "nowhere"],
                            cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr.endswith("Error: invalid address 'nowhere': use HOST:PORT, e.g. 127.0.0.1:8000\n")


def test_serve_rebuilds_when_the_config_or_the_theme_changes(bank_copy, tmp_path):
    site_config = tmp_path / "config"
    shutil.copytree(ROOT / "tests" / "fixtures" / "sites" / "branded", site_config)
    config = site_config / "assessment.yml"
    server = Server(bank_copy, "--config", str(config))
    try:
        assert "Run by the Example Shop team." in server.get("en/index.html")[1]
        events = server.events()
        theme_base = site_config / "theme" / "base.html"
        theme_base.write_text(theme_base.read_text().replace("Example Shop team", "Example Shop crew"))
        assert events.get(timeout=20) == {"type": "reload"}
        assert "Run by the Example Shop crew." in server.get("en/index.html")[1]
        config.write_text(config.read_text().replace("imprint_url: https://example.com/imprint",
                                                     "imprint_url: https://example.com/impressum"))
        assert events.get(timeout=20) == {"type": "reload"}
        assert 'href="https://example.com/impressum"' in server.get("en/index.html")[1]
    finally:
        server.stop()


def test_the_watcher_notices_every_kind_of_save(tmp_path):
    from builder.commands.serve import Watcher

    bank, config = tmp_path / "bank", tmp_path / "assessment.yml"
    (bank / "sub").mkdir(parents=True)
    (bank / "10-a.yml").write_text("a: 1\n")
    watcher = Watcher([bank, config])
    before = watcher.snapshot()
    assert watcher.snapshot() == before, "nothing changed"

    def changed(edit) -> bool:
        nonlocal before
        edit()
        now = watcher.snapshot()
        result, before = now != before, now
        return result

    assert changed(lambda: (bank / "10-a.yml").write_text("a: 12\n")), "written in place"
    replacement = bank / ".10-a.yml.swp"
    assert changed(lambda: (replacement.write_text("a: 13\n"), os.replace(replacement, bank / "10-a.yml"))), (
        "written beside and renamed into place, as editors save")
    assert changed(lambda: (bank / "sub" / "20-b.yml").write_text("b: 1\n")), "a new file in a subfolder"
    assert changed(lambda: (bank / "sub" / "20-b.yml").unlink()), "a file removed"
    assert changed(lambda: config.write_text("title: X\n")), "a watched file that did not exist"
    assert changed(lambda: (bank / "sub" / "loop").symlink_to(bank, target_is_directory=True))
    assert watcher.snapshot() == before, "a link to a folder above is watched, not followed"


def test_a_build_that_ends_right_after_the_event_streams_headers_still_reaches_the_client(tmp_path):
    """A client that has the headers of the reload channel may save a file at
    once (the tests do, an editor may): the rebuild's message must reach it even
    when it is published before the handler goes on (CI saw this race)."""
    from builder.commands.serve import Channel, make_handler

    channel = Channel()

    class Client(io.BytesIO):
        """The connection: the build finishes as the headers arrive; the first event ends it."""

        def write(self, data):
            written = super().write(data)
            if b"text/event-stream" in data:
                channel.publish({"type": "reload"})
            if data.startswith(b"data: "):
                raise BrokenPipeError
            return written

    factory = make_handler(tmp_path, channel, lambda: None)  # the handler class, given the site folder
    handler_class = getattr(factory, "func", factory)
    handler = handler_class.__new__(handler_class)
    handler.wfile, handler.request_version, handler.requestline = Client(), "HTTP/1.1", "GET /__assess/events"
    handler.command, handler.client_address, handler.close_connection = "GET", ("127.0.0.1", 0), True
    waited = threading.Thread(target=handler.stream_events, daemon=True)
    waited.start()
    waited.join(timeout=5)
    assert not waited.is_alive(), "the handler waits for a build that has already happened"
    assert handler.wfile.getvalue().endswith(b'data: {"type": "reload"}\n\n')
