"""Run one function over many files on a process pool, so that one hostile file is one failed row.

``concurrent.futures.ProcessPoolExecutor`` with ``spawn`` workers (the same on Linux, macOS and Windows, and safe
to start from a Qt program's thread).  At most one task per worker is in flight, so the parent knows when each
file started and can enforce a hard deadline (:data:`HARD_SECONDS`) on top of the worker's own timer: a file that
hangs in C code gets its worker killed.  When a worker dies (killed, out of memory, a crash in a library), the
pool is rebuilt; the files that were in flight beside it are read again one at a time, and a file that breaks the
pool on its own is reported as failed.  ``cancel()`` is polled every :data:`POLL_SECONDS`; cancelling kills the
workers at once.  With ``workers=0`` everything runs in this process (tests, debugging).

Measured on the 2-core build machine (shared, load 2–5): starting two spawn workers costs 0.4–1 s; the pool's own
overhead per file (a path out, a result back) is about 0.5 ms, against 10–200 ms of reading and checking a report.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

R = TypeVar("R")
POLL_SECONDS = 0.2
HARD_SECONDS = 45.0  # the worker's own timer fires after 20 s; this catches a file stuck where signals cannot reach
MEMORY_BYTES = 1536 * 1024 * 1024  # address-space ceiling per worker: a runaway file fails, the machine does not


def run_pool(
    fn: Callable[[str], R],
    paths: Sequence[str],
    failed: Callable[[str, str], R],
    *,
    workers: int = 2,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    cancel: Callable[[], bool] | None = None,
) -> Iterator[tuple[int, R]]:
    """Yield ``(index, fn(paths[index]))`` as files finish; a file whose worker died yields ``failed(path, why)``.

    Stops early (without yielding the rest) when ``cancel()`` returns true.
    """
    cancelled = cancel or (lambda: False)
    if workers <= 0:
        if initializer is not None:
            initializer(*initargs)
        for i, path in enumerate(paths):
            if cancelled():
                return
            yield i, fn(path)
        return
    pending: deque[int] = deque(range(len(paths)))
    suspects: deque[int] = deque()
    inflight: dict[Future[R], tuple[int, float, bool]] = {}  # future -> (index, started, alone)
    ex: ProcessPoolExecutor | None = None
    try:
        while pending or suspects or inflight:
            if cancelled():
                return
            if ex is None:
                ex = ProcessPoolExecutor(
                    max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=initializer, initargs=initargs,
                )
            if any(alone for _i, _s, alone in inflight.values()):
                pass  # a suspect is being read again on its own: nothing beside it
            elif suspects:
                if not inflight:  # a file that was in flight when a worker died: read it again on its own
                    i = suspects.popleft()
                    inflight[ex.submit(fn, paths[i])] = (i, time.monotonic(), True)
            else:
                while pending and len(inflight) < workers:
                    i = pending.popleft()
                    inflight[ex.submit(fn, paths[i])] = (i, time.monotonic(), False)
            done, _ = wait(list(inflight), timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                i, _started, alone = inflight.pop(fut)
                try:
                    yield i, fut.result()
                except BrokenProcessPool:
                    broken = True
                    if alone:
                        yield i, failed(paths[i], "读取时处理进程意外退出（文件可能已损坏或过于复杂）。")
                    else:
                        suspects.append(i)
                except Exception as exc:  # e.g. a result that cannot be sent back
                    yield i, failed(paths[i], f"读取时出错（{type(exc).__name__}）。")
            now = time.monotonic()
            late = [f for f, (_i, started, _a) in inflight.items() if now - started > HARD_SECONDS]
            if late:
                for fut in late:
                    i = inflight.pop(fut)[0]
                    yield i, failed(paths[i], f"读取超过{HARD_SECONDS:.0f}秒仍未完成，已放弃。")
                suspects.extend(i for i, _s, _a in inflight.values())
                inflight.clear()
                _kill(ex)
                broken = True
            if broken:
                for fut, (i, _s, _a) in list(inflight.items()):  # futures of the dead pool that did not report yet
                    suspects.append(i)
                    inflight.pop(fut)
                _kill(ex)
                ex = None
        if ex is not None:
            ex.shutdown(wait=True)
            ex = None
    finally:
        if ex is not None:  # cancelled, or the caller stopped iterating
            _kill(ex)


def _kill(ex: ProcessPoolExecutor) -> None:
    """Stop a pool now: kill its workers (a hung one would never return) and drop what was queued."""
    for proc in list((getattr(ex, "_processes", None) or {}).values()):
        try:
            proc.kill()
        except (OSError, AttributeError):
            pass
    ex.shutdown(wait=False, cancel_futures=True)
