"""The findings panel beside the tabs, and the help windows that explain the rules."""
