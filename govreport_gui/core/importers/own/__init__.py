"""Our own outputs read back: the Word document (:mod:`.word`) and the web page (:mod:`.html`), each table by the grid
(:mod:`.by_grid`)."""
