"""The reports app keeps no tables of its own yet: rollups are computed from the records.

Per-unit aggregates kept current on write arrive with the rollup engine for national scale.
"""
