"""The applications register (依申请公开台账): lines, Table 三 counted from them, deadlines, file and Excel forms.

Modules: :mod:`.model` (lines, register, what the form says about it), :mod:`.count` (Table 三 and provenance),
:mod:`.workdays` (official working-day calendar), :mod:`.deadlines` (答复期限 and status), :mod:`.fileformat`
(inside the ``.govreport`` file), :mod:`.edits` (edits as data), :mod:`.matching`, :mod:`.dates`, :mod:`.fields`
(one field as grid text and back), :mod:`.carry` (next year).  Elsewhere: its findings in
:mod:`..checks.register`, its Excel/CSV forms in :mod:`..importers.register_sheet` and
:mod:`..exporters.register_sheet`.  The report names :class:`Register` for its field only: the register sits above
it.
"""

from .model import FIELDS, Register, RegisterLine, RegisterSpec, register_spec

__all__ = ["FIELDS", "Register", "RegisterLine", "RegisterSpec", "register_spec"]
