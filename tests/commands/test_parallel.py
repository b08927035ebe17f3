"""Large banks are read and rendered by forked processes (builder/parallel.py,
#8); the result must be exactly what one process produces."""
from __future__ import annotations

import os
import random
import subprocess
import sys
import time

import jinja2
import pytest
from support.answers import random_answers
from support.cli import run
from support.genbank import generate_bank
from support.html import tree
from support.paths import DEFAULT_BANK, FIXTURES

from builder import parallel
from builder.bank.load import PARALLEL_READ_FROM, load
from builder.commands import build as build_module
from builder.commands.build import PARALLEL_RENDER_FROM, build
from builder.rules import team
from builder.rules.codes import encode
from builder.rules.team import Found, aggregate, read_codes
from builder.site import theme

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


@pytest.fixture
def two_cores(monkeypatch):
    """Fork even with the test session's threads running: the children only compute."""
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)


@linux_only
def test_map_forked_keeps_order_and_uses_other_processes(two_cores):
    results = parallel.map_forked(lambda n: (n * n, os.getpid()), range(7))
    assert [square for square, _ in results] == [n * n for n in range(7)]
    assert len({pid for _, pid in results}) == 2, "one group in this process, one in a child"
    assert results[0][1] == os.getpid()


@linux_only
def test_a_failing_child_is_redone_here_so_the_error_surfaces(two_cores):
    parent = os.getpid()

    def only_here(n):
        if os.getpid() != parent:
            raise RuntimeError("child")
        return n

    assert parallel.map_forked(only_here, [1, 2, 3]) == [1, 2, 3]

    def broken(n):
        raise ValueError(f"bad item {n}")

    with pytest.raises(ValueError, match="bad item 0"):
        parallel.map_forked(broken, [0, 1])


@linux_only
def test_in_background_computes_in_a_child_at_the_lowest_priority(two_cores):
    with parallel.in_background(lambda: (os.getpid(), os.nice(0)), None) as result:
        pid, niceness = result(wait=60)
        assert result() == (pid, niceness), "asked again: the same result"
    assert pid != os.getpid()
    assert niceness == min(19, os.nice(0) + parallel.LOWEST_PRIORITY)


@linux_only
def test_in_background_gives_otherwise_without_a_child_or_when_it_failed(two_cores, monkeypatch):
    def broken():
        raise ValueError("no")

    with parallel.in_background(broken, "otherwise") as result:
        assert result(wait=60) == "otherwise"
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    with parallel.in_background(os.getpid, "otherwise") as result:
        assert result(wait=60) == "otherwise"


@linux_only
def test_a_background_result_not_ready_in_time_is_done_without(two_cores, monkeypatch):
    """A process at the lowest priority may get next to nothing of a busy
    machine: the caller does not wait for it beyond `wait`, and stops it."""
    started = []
    monkeypatch.setattr(parallel, "fork", lambda *args, fork=parallel.fork, **kw: started.append(fork(*args, **kw))
                        or started[-1])
    with parallel.in_background(lambda: time.sleep(60), "otherwise") as result:
        assert result(wait=0.2) == "otherwise"
        pid, _ = started[0]
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # stopped and reaped already
        assert result(wait=60) == "otherwise", "asked again: the same answer, at once"


@linux_only
def test_leaving_the_block_stops_the_background_process(two_cores, monkeypatch):
    started = []
    monkeypatch.setattr(parallel, "fork", lambda *args, fork=parallel.fork, **kw: started.append(fork(*args, **kw))
                        or started[-1])
    with pytest.raises(KeyError), parallel.in_background(lambda: time.sleep(60), None):
        raise KeyError("the caller failed")
    pid, pipe = started[0]
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # killed and reaped: no process left behind
    with pytest.raises(OSError):
        os.fstat(pipe)


@linux_only
def test_a_build_renders_with_the_templates_compiled_in_the_background(two_cores, tmp_path, monkeypatch):
    """The templates are compiled by a child while the bank loads (commands/build.py):
    this process compiles none of them, and its pages are those it would make itself."""
    monkeypatch.setattr(theme.COMPILED_TEMPLATES, "code", {})
    compiled_here = []
    real_compile = jinja2.Environment.compile

    def compile_and_note(self, source, name=None, *args, **kwargs):
        compiled_here.append((os.getpid(), name))
        return real_compile(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_and_note)
    monkeypatch.setattr(build_module, "TEMPLATES_WAIT", 60)  # the default bank loads faster than they compile
    build(DEFAULT_BANK, tmp_path / "background")
    assert compiled_here == []
    monkeypatch.setattr(theme.COMPILED_TEMPLATES, "code", {})
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    build(DEFAULT_BANK, tmp_path / "here")
    assert {name for _, name in compiled_here} >= {"base.html", "quiz.html", "_charts.html"}
    assert tree(tmp_path / "background") == tree(tmp_path / "here")


@linux_only
def test_a_build_does_not_wait_for_templates_compiled_in_the_background(two_cores, tmp_path, monkeypatch):
    """On a busy machine the low-priority compile may not be done when the
    pages are due: the build goes on without it, compiling here, at once."""
    monkeypatch.setattr(theme.COMPILED_TEMPLATES, "code", {})
    monkeypatch.setattr(build_module, "templates_compiled", lambda config_file: time.sleep(60))
    started = time.monotonic()
    build(DEFAULT_BANK, tmp_path / "site")
    assert time.monotonic() - started < 30
    assert theme.COMPILED_TEMPLATES.code, "compiled here instead"
    assert (tmp_path / "site" / "en" / "quiz.html").is_file()


@pytest.mark.parametrize(("weights", "groups", "expected"), [
    ([2140, 1459, 1942, 1362], 2, [[0, 3], [1, 2]]),  # a generated bank's files: 3502 and 3401, not 4082 and 2821
    ([5, 1, 1, 1, 1, 1], 2, [[0], [1, 2, 3, 4, 5]]),
    ([0, 0, 0], 2, [[0, 2], [1]]),  # nothing to go by: still every group some items
    ([3, 3, 2, 2, 2], 2, [[0, 2, 4], [1, 3]]),  # 7 and 5 where 6 and 6 would do: near enough (at most 4/3)
])
def test_items_are_grouped_by_their_weights(weights, groups, expected):
    assert parallel.balanced(weights, groups) == expected


@linux_only
def test_map_forked_by_weights_keeps_order(two_cores):
    results = parallel.map_forked(lambda n: (n, os.getpid()), range(5), weights=[1, 9, 1, 1, 1])
    assert [n for n, _ in results] == list(range(5))
    pids = [pid for _, pid in results]
    assert pids[1] == os.getpid() and len(set(pids)) == 2, "the heaviest item alone in this process"
    assert pids[0] == pids[2] == pids[3] == pids[4] != os.getpid()


def test_small_work_stays_in_this_process(two_cores):
    results = parallel.map_forked(lambda n: os.getpid(), [1, 2], worthwhile=False)
    assert results == [os.getpid(), os.getpid()]


def test_a_large_build_is_the_same_with_and_without_forks(tmp_path, monkeypatch):
    bank = generate_bank(PARALLEL_RENDER_FROM, tmp_path / "bank")
    assert sum(p.stat().st_size for p in bank.glob("*.yml")) > PARALLEL_READ_FROM, "files are read in parallel too"
    # the command line is one thread, so it forks wherever it can
    subprocess.run([sys.executable, "-m", "builder", "build", "--bank", str(bank), "-d", str(tmp_path / "forked")],
                   check=True, capture_output=True)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    build(bank, tmp_path / "single")
    files = sorted(p.relative_to(tmp_path / "single") for p in (tmp_path / "single").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "forked") for p in (tmp_path / "forked").rglob("*")
                           if p.is_file())
    for rel in files:
        assert (tmp_path / "forked" / rel).read_bytes() == (tmp_path / "single" / rel).read_bytes(), rel
    assert (tmp_path / "single" / "de" / "quiz.html").stat().st_size > 100_000


@linux_only
def test_each_process_writes_its_pages_and_a_failure_leaves_the_old_site(two_cores, tmp_path, monkeypatch):
    """A large build's processes write the pages they render into the scratch folder
    (commands/build.py); the site is swapped in only when all of them succeeded."""
    bank = generate_bank(PARALLEL_RENDER_FROM, tmp_path / "bank", markdown=True)
    site = tmp_path / "site"
    build(bank, site)
    before = tree(site)
    parent, writers = os.getpid(), tmp_path / "writers"
    writers.mkdir()
    real_write = build_module.write_files

    def write_and_note(files, folder):
        (writers / f"{os.getpid()}-{len(files)}").touch()
        real_write(files, folder)

    monkeypatch.setattr(build_module, "write_files", write_and_note)
    build(bank, tmp_path / "again")
    assert tree(tmp_path / "again") == before
    pids = {int(name.split("-")[0]) for name in os.listdir(writers)}
    assert len(pids) == 2 and parent in pids, "one language written here, one in a child"

    real_render = build_module.render

    def fails_for_english(bank, theme, options, languages, shared=True):
        if languages == ["en"]:
            raise RuntimeError("template broke")
        return real_render(bank, theme, options, languages, shared=shared)

    monkeypatch.setattr(build_module, "render", fails_for_english)
    with pytest.raises(RuntimeError, match="template broke"):
        build(bank, site)
    assert tree(site) == before, "German pages written by one process do not reach the site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again", "bank", "site", "writers"], "no scratch folder"


def test_problems_of_a_large_bank_are_the_same_with_and_without_forks(tmp_path, monkeypatch):
    bank = generate_bank(PARALLEL_RENDER_FROM, tmp_path / "bank")
    for name in ("10-attitude.yml", "30-cooperation.yml"):
        path = bank / name
        path.write_text(path.read_text(encoding="utf-8").replace("pole: customer", "pole: customers", 1),
                        encoding="utf-8")
    forked = subprocess.run([sys.executable, "-m", "builder", "validate", "--bank", str(bank)],
                            capture_output=True, text=True)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    single = run("validate", "--bank", bank)
    assert forked.returncode == single.exit_code == 1
    assert forked.stderr == single.output
    assert forked.stderr.count("'customers' is not one of: customer, competitor") == 2


@linux_only
def test_codes_are_read_and_a_team_aggregated_the_same_with_and_without_forks(two_cores, monkeypatch):
    bank, _ = load(FIXTURES / "banks" / "segmented")
    model, tag, segments = bank.scoring_model, bank.tag, bank.segment_ids
    rng = random.Random("fork")
    codes = [encode(model, tag, random_answers(model, rng, skip_rate=0.2), rng.randint(0, len(segments)))
             for _ in range(300)]
    codes += [codes[7], codes[8].lower(), codes[9][:-1] + "0", "garbage", codes[10] + "Z" * 40]  # refusals, repeats
    found = [Found("", i, c) for i, c in enumerate(codes, 1)]

    def team_json():
        collection = read_codes(model, tag, len(segments), found)
        refused = [(item, error.reason, str(error)) for item, error in collection.invalid]
        return refused, collection.duplicates, aggregate(model, segments, bank.min_group_size, collection)

    single = team_json()
    assert len(single[0]) == 3 and len(single[1]) >= 2
    forks = []
    monkeypatch.setattr(team, "PARALLEL_FROM", 0)
    monkeypatch.setattr(parallel, "fork", lambda *args, fork=parallel.fork: forks.append(1) or fork(*args))
    assert team_json() == single
    assert forks == [1, 1], "half of the codes were decoded, and half scored, in a child"
