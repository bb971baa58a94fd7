"""The old Office files offices still keep: Word 97–2003 .doc / WPS .wps (`doc`, `doc_binary`: the text and tables
from the piece table) and Excel 97–2003 .xls / WPS .et (`xls`, through xlrd), opened as OLE containers by `ole`."""
