"""Rule-based reading of narrative reports into facts and meetings (English and Chinese).

``extract(text)`` returns an ``Extraction`` of ``Fact`` and ``Meeting`` dataclasses; see
``core`` for how figures are represented and ``evaluate`` for the scorer.
"""

from .core import Extraction, Fact, Meeting, detect_language, extract

__all__ = ["Extraction", "Fact", "Meeting", "detect_language", "extract"]
