"""The reports app has no tables of its own (rollups are computed), so nothing to register here."""
