"""Reading PDFs: our own (drafts too) and published ones, bounded before pypdf extracts a page (`budget`), the
wrapped labels re-read by column (`columns`), the 草稿 marks of drafts dropped (`draft_marks`)."""
