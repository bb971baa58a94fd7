"""Export and print: PDF, workbook and Word in the background, the print preview, the PDF settings and the final
check before either."""
