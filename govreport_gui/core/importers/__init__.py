"""Importers: published reports (text, HTML, Word, PDF) and our own workbooks, each giving a report and a log."""
