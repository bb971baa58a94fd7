"""Importing another office's report (Word, Excel, PDF, text, web pages) into the window: the actions and the dialog."""
