"""Which unit of the organisation tree a mention names.

Names come from ``cascade.organization.models.Unit`` (name, Chinese name, short names) when a
database is available, and from the built-in alias table of the foreign-affairs bodies,
which also serves when there is no database at all.

A *weak* alias ("the Ministry", 本部) names whatever body the paragraph is about; it names its
own unit only in a paragraph that has no subject yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class UnitNames:
    """One unit: its English name (what facts report) and every way a text may name it."""

    name: str
    aliases: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()


# The foreign-affairs bodies of seed 000 (English names as in the organisation tree).
BUILTIN_UNITS: tuple[UnitNames, ...] = (
    UnitNames(
        "Office of the Central Foreign Affairs Commission",
        (
            "Office of the Central Foreign Affairs Commission",
            "Central Foreign Affairs Office",
            "OCFAC",
            "中央外事工作委员会办公室",
            "中央外事办",
            "中央外办",
        ),
    ),
    UnitNames(
        "Ministry of Foreign Affairs",
        ("Ministry of Foreign Affairs", "Foreign Ministry", "MFA", "外交部"),
        weak=("the Ministry", "the ministry"),
    ),
    UnitNames(
        "International Liaison Department of the CPC Central Committee",
        (
            "International Liaison Department",
            "International Department of the CPC Central Committee",
            "IDCPC",
            "中共中央对外联络部",
            "中央对外联络部",
            "中联部",
        ),
        # A ministry-level department: its own reports call it "the Ministry" (部).
        weak=("the Ministry", "the ministry", "the Department"),
    ),
    UnitNames(
        "China International Development Cooperation Agency",
        (
            "China International Development Cooperation Agency",
            "International Development Cooperation Agency",
            "CIDCA",
            "国家国际发展合作署",
            "国际发展合作署",
            "国合署",
        ),
    ),
    UnitNames(
        "Chinese People's Association for Friendship with Foreign Countries",
        (
            "Chinese People's Association for Friendship with Foreign Countries",
            "CPAFFC",
            "中国人民对外友好协会",
            "全国友协",
            "对外友协",
        ),
    ),
    UnitNames(
        "Chinese People's Institute of Foreign Affairs",
        ("Chinese People's Institute of Foreign Affairs", "CPIFA", "中国人民外交学会", "外交学会"),
    ),
)

# Words that, in any paragraph, refer back to the paragraph's subject.
ANAPHORA_EN = (
    "the Ministry",
    "the ministry",
    "the Department",
    "the department",
    "the Agency",
    "the agency",
    "the Association",
    "the Institute",
    "the Office",
    "the Commission",
    "the University",
    "the university",
    "the Province",
    "the province",
    "the Company",
    "the company",
    "the Group",
    "the group's",
    "the Bureau",
    "the bureau",
)
ANAPHORA_ZH = (
    "本部",
    "该部",
    "部党委",
    "部党组",
    "本单位",
    "该单位",
    "全校",
    "该校",
    "本校",
    "全省",
    "该省",
    "公司党委",
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    unit: str | None  # None: an anaphor (the paragraph's subject)
    strong: bool
    alias: str = ""


def _atoms(alias: str) -> list[str]:
    """The regex atoms of an alias: any run of spaces matches one space, either apostrophe matches."""
    atoms = []
    for ch in alias:
        if ch == " ":
            atoms.append(r"\s+")
        elif ch in "'\u2019":
            atoms.append("['\u2019]")
        else:
            atoms.append(re.escape(ch))
    if alias[:4].lower() == "the ":
        atoms[0] = "[Tt]"
    return atoms


def _trie(aliases: list[str]) -> str:
    """One regex for many aliases, as a prefix tree: matching costs no more with thousands of
    units than with ten. At each branch longer aliases are tried first."""
    root: dict = {}
    for alias in aliases:
        node = root
        for atom in _atoms(alias):
            node = node.setdefault(atom, {})
        node[""] = r"\b" if re.search(r"\w$", alias, re.ASCII) else ""

    def build(node: dict) -> str:
        branches = [atom + build(child) for atom, child in node.items() if atom != ""]
        if "" in node:
            branches.append(node[""])
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return build(root) if root else r"(?!)"


def _key(text: str) -> str:
    key = re.sub(r"\s+", " ", text).replace("\u2019", "'")
    return "the " + key[4:] if key[:4] == "The " else key


@dataclass
class UnitMatcher:
    units: list[UnitNames] = field(default_factory=lambda: list(BUILTIN_UNITS))

    def __post_init__(self) -> None:
        table: dict[str, tuple[str, str | None, bool]] = {}
        for unit in self.units:
            for alias in unit.aliases:
                table.setdefault(_key(alias), (alias, unit.name, True))
            for alias in unit.weak:
                table.setdefault(_key(alias), (alias, unit.name, False))
        for alias in (*ANAPHORA_EN, *ANAPHORA_ZH):
            table.setdefault(_key(alias), (alias, None, False))
        self._table = table
        latin = [a for a, _u, strong in table.values() if re.match(r"\w", a, re.ASCII)]
        strong_latin = [a for a in latin if table[_key(a)][2] and _key(a)[:4] != "the "]
        other_latin = [a for a in latin if a not in strong_latin]
        cjk = [a for a in (v[0] for v in table.values()) if not re.match(r"\w", a, re.ASCII)]
        # Case-sensitive: "MFA" and "the Ministry" are names, "mfa" and "the ministry's" words.
        # "the Ministry of Commerce" is one mention (an optional "the" before a name), not the
        # anaphor "the Ministry" plus words.
        self._re = re.compile(rf"\b(?:(?:[Tt]he\s+)?{_trie(strong_latin)}|{_trie(other_latin)})|{_trie(cjk)}")
        self._weak = {unit.name: {a.lower() for a in unit.weak} for unit in self.units}

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        found = []
        for match in self._re.finditer(text, start, len(text) if end is None else end):
            key = _key(match.group())
            entry = self._table.get(key) or self._table.get(re.sub(r"^the ", "", key))
            if entry is None:
                continue
            alias, unit, strong = entry
            if not strong and re.match(r"\s+(?:of|for)\s+[A-Z]", text[match.end() : match.end() + 12]):
                continue  # "the Ministry of Education" is a name of its own, not the anaphor
            found.append(Mention(match.start(), match.end(), unit, strong, alias))
        return found

    def accepts(self, unit: str, alias: str) -> bool:
        """Whether ``unit`` may be called ``alias`` ("the Ministry" for a Ministry of ...)."""
        alias = alias.lower()
        if alias in self._weak.get(unit, set()):
            return True
        head = re.sub(r"^the\s+|'s$", "", alias)
        return bool(head) and re.search(rf"\b{re.escape(head)}\b", unit, re.IGNORECASE) is not None

    def resolve(self, mention: Mention, subject: str | None) -> str | None:
        """The unit a mention names, given the paragraph's subject."""
        if mention.strong:
            return mention.unit
        if mention.unit is None or subject is None:
            return subject or mention.unit
        return subject if self.accepts(subject, mention.alias) else mention.unit


MAX_DEPTH = 4
MAX_UNITS = 5000


def matcher_from_database() -> UnitMatcher | None:
    """A matcher over the built-in aliases plus every unit in the database, or None without one."""
    try:
        from django.db import DatabaseError, connection

        from cascade.organization.models import Unit

        if connection.vendor == "sqlite":
            name = str(connection.settings_dict.get("NAME") or "")
            if name and name != ":memory:" and "mode=memory" not in name and not Path(name).exists():
                return None  # a fresh clone before migrate: do not create an empty database file

        # The upper levels name the bodies reports talk about; a national tree's millions of
        # grassroots units would only make the pattern slow.
        rows = list(
            Unit.objects.filter(depth__lte=MAX_DEPTH).values_list(
                "name", "name_zh", "short_name", "short_name_zh"
            )[:MAX_UNITS]
        )
    except (DatabaseError, ImportError, RuntimeError):  # no database file, no table, no app registry
        return None
    builtin = {u.name: u for u in BUILTIN_UNITS}
    units = list(BUILTIN_UNITS)
    for name, name_zh, short, short_zh in rows:
        if name in builtin:
            continue
        aliases = tuple(a for a in (name, name_zh, short, short_zh) if a and len(a) > 1)
        units.append(UnitNames(name, aliases))
    return UnitMatcher(units)
