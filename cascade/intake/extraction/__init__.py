"""Rule-based reading of narrative reports into facts, unclassified figures and meetings (English, Chinese).

``extract(text)`` returns an ``Extraction`` of ``Fact``, ``Figure`` and ``Meeting`` records.
The pipeline (``pipeline``): segmentation (``segment``), per-language figure rules
(``en.figures``, ``zh.figures``, each an ordered list of named rules run by ``rules.run``),
breakdowns and units (``pipeline``, ``units``), figures tables (``tables``), meetings
(``en.meetings``, ``zh.meetings``). ``evaluate`` scores it against the labelled sets.
"""

from .model import Extraction, Fact, Figure, Meeting
from .pipeline import extract
from .segment import detect_language

__all__ = ["Extraction", "Fact", "Figure", "Meeting", "detect_language", "extract"]
