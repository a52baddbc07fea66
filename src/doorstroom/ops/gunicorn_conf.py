"""Gunicorn settings shared by ``make serve`` and ``doorstroom bench load``.

Used as ``gunicorn -c python:doorstroom.ops.gunicorn_conf``; command-line options
(bind, workers, timeouts) still override these.

The application is loaded once in the master (``preload_app``) and the objects
it made at start-up (modules, URL patterns, templates, settings) are moved out of
the garbage collector's reach with :func:`gc.freeze` before the workers fork:
they stay shared between the workers (copy-on-write pages are not touched by the
collector) and are no longer traversed on every collection. The workers then
collect the young generation less often (a Django request allocates many small
objects that die with it; reference counting frees them without the collector).
Measured on a coach's caseload and a person's file: about 10 % less CPU per
request (docs/benchmarks.md).
"""

from __future__ import annotations

import gc

preload_app = True
#: Young-generation threshold in the workers (CPython's default is 700).
GC_THRESHOLD = (50_000, 20, 100)


def when_ready(server) -> None:  # noqa: ARG001 - gunicorn hook signature
    """Before the workers fork: collect once, then freeze what survived."""
    gc.collect()
    gc.freeze()


def post_fork(server, worker) -> None:  # noqa: ARG001 - gunicorn hook signature
    gc.set_threshold(*GC_THRESHOLD)
