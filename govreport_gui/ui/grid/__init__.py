"""The form's tables as grids: the model, the view, the cells' editor and the right-click menu."""
