"""Data of the bundled scenarios, as Python literals (and the seed texts they reproduce)."""
