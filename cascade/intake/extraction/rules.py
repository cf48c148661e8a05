"""Rules as an ordered list run by one loop.

Each language reads a number by trying its rules in order (``en.figures.RULES``,
``zh.figures.RULES``). A rule looks at the number in its context and answers one of:

- ``None``: it does not apply; the next rule is tried;
- ``SKIP``: the number is no count (a year, an ordinal, a percentage...); no other rule runs;
- a ``Candidate``: the figure it read; the loop stamps it with the rule's name, so that the
  evaluation can score every rule on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from .model import Candidate


class _Skip:
    def __repr__(self) -> str:
        return "SKIP"


SKIP: Final = _Skip()
Outcome = Candidate | _Skip | None


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[Any], Outcome]
    doc: str = ""


def run(rules: tuple[Rule, ...], context: Any) -> tuple[Rule | None, Candidate | _Skip | None]:
    """The first rule that applies and what it answered (stamped with its name), or (None, None)."""
    for rule in rules:
        outcome = rule.apply(context)
        if outcome is None:
            continue
        if isinstance(outcome, Candidate):
            outcome = outcome._replace(rule=rule.name)
        return rule, outcome
    return None, None


def rule(name: str, registry: list[Rule]) -> Callable[[Callable[[Any], Outcome]], Callable[[Any], Outcome]]:
    """Decorator: append the function to ``registry`` as a rule named ``name`` (order is file order)."""

    def wrap(function: Callable[[Any], Outcome]) -> Callable[[Any], Outcome]:
        registry.append(Rule(name, function, (function.__doc__ or "").strip()))
        return function

    return wrap
