"""Fonts: where the CJK faces are (:mod:`.discovery`) and which characters they draw (:mod:`.coverage`).

A room of its own, below both the rules (W12: characters no font draws) and the PDF exporter, and free of reportlab:
the faces are found once per process and again only when the font settings change.
"""
