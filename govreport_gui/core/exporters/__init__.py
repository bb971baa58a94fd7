"""Exporters: the Excel workbook and the PDF, both drawn from the one grid (core.grid)."""
