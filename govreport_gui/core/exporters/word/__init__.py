"""The report as a Word document laid out like the official 公文 (GB/T 9704), read back by the importer exactly.

``export_docx(report, path, *, blank_as_zero=False, signature_block=False, rules_appendix=False)`` writes it
atomically; ``render_docx`` returns the bytes.  python-docx is imported only when a document is made.
"""

from __future__ import annotations

from .document import export_docx, render_docx

__all__ = ["export_docx", "render_docx"]
