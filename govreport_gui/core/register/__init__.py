"""The applications register (依申请公开台账): lines, Table 三 counted from them, deadlines, file and Excel forms.

Modules: :mod:`.model` (lines, register, what the form says about it), :mod:`.count` (Table 三 and provenance),
:mod:`.workdays` (official working-day calendar), :mod:`.deadlines` (答复期限 and status), :mod:`.fileformat`
(inside the ``.govreport`` file), :mod:`.edits` (edits as data), :mod:`.checks` (findings), :mod:`.matching`,
:mod:`.dates`, :mod:`.fields` (one field as grid text and back), :mod:`.sheet_out` and :mod:`.sheet_in` (Excel/CSV
out and in), :mod:`.carry` (next year).
"""

from .model import FIELDS, Register, RegisterLine, RegisterSpec, register_spec

__all__ = ["FIELDS", "Register", "RegisterLine", "RegisterSpec", "register_spec"]
