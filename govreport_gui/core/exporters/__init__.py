"""Exporters: the Excel workbook, the PDF and the Word document, all drawn from the one grid (core.grid)."""
