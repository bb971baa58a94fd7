"""Everything reportlab: the PDF writer, its page layout, the CJK fonts it embeds and their parse cache.

Importing this package does not import reportlab (the writer imports it when a PDF is made), so the command line and
the window start without paying for it.  The public surface is the writer's.
"""

from .writer import ExportCancelled, FontUnavailable, PdfOptions, export_pdf, render_pdf

__all__ = ["ExportCancelled", "FontUnavailable", "PdfOptions", "export_pdf", "render_pdf"]
