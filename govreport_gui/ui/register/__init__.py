"""The applications register (台账): its tab, model and editors, its links into Table 三, and its import and export."""
