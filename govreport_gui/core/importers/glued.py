"""Split digits that a crawled page glued together (``640020470`` → 64,0,0,2,0,4,70), constrained by the totals.

The digits of each token are cut into values (a value never has a leading zero unless it is 0, and has at most
:data:`MAX_DIGITS` digits); token boundaries are always cuts.  Constraints ``total == sum(parts)`` over positions
prune the search as soon as their last position is cut.  The search is bounded by a step budget: when the budget runs
out the caller is told, and keeps the cells blank rather than guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

MAX_DIGITS = 9
DEFAULT_BUDGET = 20_000  # candidate values tried; a real glued row needs a few hundred
MAX_SOLUTIONS = 64

Constraint = tuple[int, tuple[int, ...]]  # (position of the total, positions of its parts)


@dataclass
class SplitResult:
    solutions: list[tuple[int, ...]] = field(default_factory=list)
    exhausted: bool = False  # the step budget ran out: the solutions may be incomplete

    @property
    def unique(self) -> tuple[int, ...] | None:
        return self.solutions[0] if len(self.solutions) == 1 and not self.exhausted else None


def split_digits(
    tokens: Sequence[str], n: int, constraints: Sequence[Constraint] = (), budget: int = DEFAULT_BUDGET,
    max_solutions: int = MAX_SOLUTIONS,
) -> SplitResult:
    """Every way to cut ``tokens`` (digit strings) into ``n`` values satisfying ``constraints``."""
    result = SplitResult()
    if not tokens or any(not t.isdigit() for t in tokens):
        return result
    total_digits = sum(len(t) for t in tokens)
    if n < len(tokens) or n > total_digits:
        return result
    by_last: dict[int, list[Constraint]] = {}
    for c in constraints:
        by_last.setdefault(max(c[0], *c[1]), []).append(c)
    values: list[int] = []
    steps = 0
    # remaining digits after token i, to bound the number of values still possible
    suffix = [0] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + len(tokens[i])

    def ok_at(pos: int) -> bool:
        return all(values[total] == sum(values[p] for p in parts) for total, parts in by_last.get(pos, ()))

    def rec(ti: int, ci: int) -> bool:
        nonlocal steps
        steps += 1
        if steps > budget:
            result.exhausted = True
            return False
        if ti == len(tokens):
            if len(values) == n:
                result.solutions.append(tuple(values))
                return len(result.solutions) < max_solutions
            return True
        tok = tokens[ti]
        left = n - len(values)
        # values still needed must fit: at least one per remaining token, at most one per remaining digit
        rest_tokens = len(tokens) - ti - 1
        rest_digits = suffix[ti + 1]
        for end in range(ci + 1, min(len(tok), ci + MAX_DIGITS) + 1):
            part = tok[ci:end]
            if len(part) > 1 and part[0] == "0":
                break
            at_end = end == len(tok)
            need_after = left - 1
            if at_end:
                if not (rest_tokens <= need_after <= rest_digits):
                    continue
            else:
                remaining_here = len(tok) - end
                if need_after < 1 + rest_tokens or need_after > remaining_here + rest_digits:
                    continue
            steps += 1
            if steps > budget:
                result.exhausted = True
                return False
            values.append(int(part))
            keep = True
            if ok_at(len(values) - 1):
                keep = rec(ti + 1, 0) if at_end else rec(ti, end)
            values.pop()
            if not keep:
                return False
        return True

    rec(0, 0)
    return result
