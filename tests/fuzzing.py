"""Shared pieces for the fuzz tests: example counts (normal vs ``GOVREPORT_FUZZ=long``) and byte mutations."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

LONG = os.environ.get("GOVREPORT_FUZZ") == "long"


def fuzz_settings(normal: int, long: int) -> settings:
    """Hypothesis settings: ``normal`` examples in `make test`, ``long`` in `make fuzz`."""
    return settings(
        max_examples=long if LONG else normal, deadline=None, derandomize=not LONG,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few random edits: flips, deletions, insertions, duplications, truncation."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "delete", "insert", "dup", "truncate", "replace"]))
        n = len(out)
        i = draw(st.integers(0, max(n - 1, 0)))
        if op == "flip" and n:
            out[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "delete" and n:
            del out[i:i + draw(st.integers(1, 64))]
        elif op == "insert":
            out[i:i] = draw(st.binary(min_size=1, max_size=32))
        elif op == "dup" and n:
            out[i:i] = out[i:i + draw(st.integers(1, 256))]
        elif op == "truncate":
            del out[i:]
        elif op == "replace" and n:
            out[i] = draw(st.sampled_from(b'{}[]",:0123456789-.eE \\nul'))
    return bytes(out)


def one_line_message(msg: str) -> bool:
    """A refusal the clerk can read: non-empty, one line, Chinese."""
    return bool(msg) and "\n" not in msg and any("\u4e00" <= ch <= "\u9fff" for ch in msg)
