"""What the 台账 grid's delegate needs of the tab it serves, as a protocol.

The delegate works for :class:`~.tab.RegisterTab`, which imports it; it takes the tab as this role instead of
importing the tab's module back, so that no two window modules import each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .model import RegisterModel, RegisterProxy


class RegisterTabApi(Protocol):
    """The 台账 tab, as its delegate uses it."""

    model: RegisterModel
    proxy: RegisterProxy

    def move_down(self) -> None: ...
