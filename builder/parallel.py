"""Use every core for large banks: `map_forked(function, items)` is
`[function(item) for item in items]`, computed by forked processes.

Reading the question files and rendering the languages are each most of a
large build (10,000 questions: about 1 s and 1.5 s of 3 s on one core), and
their items are independent. On Linux, the items are split into one group per
core; the parent computes the first group while forked children, which inherit
everything loaded so far, compute the others and send their results back
pickled through a pipe. Where that is not worth it or not safe (no fork, one
core, threads running, little work) it is the plain list comprehension. A child
that fails is redone in the parent, so errors surface as they would without fork.
Items of unequal work (files of different sizes) are grouped by their weights.

`in_background(function)` computes one thing in a forked process at the
lowest priority while the caller goes on: it takes a core the caller's work
leaves idle (a stage that runs in one process) and next to nothing of a busy one.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """Forking copies only the calling thread: with others running (the dev
    server's) a lock they hold would stay locked in the child."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def map_forked(function: Callable[[T], R], items: Sequence[T], worthwhile: bool = True,
               weights: Sequence[float] | None = None) -> list[R]:
    """With `weights` (the work of each item, e.g. a file's size) the groups are
    balanced by them: the slowest group is how long the whole takes."""
    groups = min(len(items), cores())
    if not worthwhile or groups < 2 or not can_fork():
        return [function(item) for item in items]
    chunks = balanced(weights, groups) if weights is not None else [
        list(range(start, len(items), groups)) for start in range(groups)]
    children = [(chunk, *fork(function, [items[i] for i in chunk])) for chunk in chunks[1:]]
    try:
        results: dict[int, R] = {i: function(items[i]) for i in chunks[0]}
    except BaseException:  # the error (or Ctrl-C) is this process's to report: stop the children
        for _, pid, pipe in children:
            stop(pid, pipe)
        raise
    for chunk, pid, pipe in children:
        values = received(pid, pipe)
        results.update(zip(chunk, values if values is not None else [function(items[i]) for i in chunk],
                           strict=True))
    return [results[i] for i in range(len(items))]


@contextmanager
def in_background(function: Callable[[], R], otherwise: R) -> Iterator[Callable[[float], R]]:
    """Start computing `function()` in a forked process at the lowest priority,
    for work that only saves time later (compiling the templates,
    builder/commands/build.py). Inside the block, `result(wait)` is what the
    process computed if it is done within `wait` seconds, else `otherwise`:
    also where no process can be forked (see `map_forked`) or it failed. A
    process at the lowest priority gets next to nothing of a busy machine, so
    rather than wait for it, the caller does the work itself; the process is
    stopped then, and when the block ends."""
    if cores() < 2 or not can_fork():
        yield lambda wait=0.0: otherwise
        return
    pid, pipe = fork(lambda _: function(), [None], nice=LOWEST_PRIORITY)
    outcome: list[R] = []

    def result(wait: float = 0.0) -> R:
        if not outcome:
            done, _, _ = select.select([pipe], [], [], wait)  # readable: it is writing what it computed, or died
            if done:
                values = received(pid, pipe)
            else:
                stop(pid, pipe)
                values = None
            outcome.append(values[0] if values is not None else otherwise)
        return outcome[0]

    try:
        yield result
    finally:
        if not outcome:
            stop(pid, pipe)


def balanced(weights: Sequence[float], groups: int) -> list[list[int]]:
    """Indexes of the items in `groups` groups of about equal total weight:
    heaviest first, each into the lightest group so far (within 4/3 of the best
    split). Each group in item order; never an empty group when there are enough items."""
    chunks: list[list[int]] = [[] for _ in range(groups)]
    totals = [0.0] * groups
    for index in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        lightest = min(range(groups), key=lambda g: (totals[g], len(chunks[g])))
        chunks[lightest].append(index)
        totals[lightest] += weights[index]
    return [sorted(chunk) for chunk in chunks]


#: os.nice() increment to the lowest priority: Linux gives such a process about
#: 1/70 of a core that others want, and all of an idle one
LOWEST_PRIORITY = 19


def fork(function: Callable[[T], R], items: list[T], nice: int = 0) -> tuple[int, int]:
    """Start a child computing `function` over `items`; returns its pid and the pipe to read from."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    status = 1
    try:  # the child: never returns, never runs the parent's exit handlers or flushes its buffers
        os.close(read_end)
        if nice:
            os.nice(nice)
        data = pickle.dumps([function(item) for item in items], protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as out:
            out.write(data)
        status = 0
    finally:
        os._exit(status)


def received(pid: int, pipe: int) -> list | None:
    """What a child computed, once it has exited; None if it failed."""
    with os.fdopen(pipe, "rb") as incoming:
        data = incoming.read()
    _, status = os.waitpid(pid, 0)
    return pickle.loads(data) if status == 0 else None


def stop(pid: int, pipe: int) -> None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(pipe)
