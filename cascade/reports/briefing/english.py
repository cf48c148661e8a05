"""The English narrative: an opening paragraph and one paragraph per body, from the facts."""

from __future__ import annotations

from datetime import date

from cascade.common.models import localized

from .facts import Facts, Scope
from .language import article, capitalize_first, count_noun, date_en, join_en, quoted_en
from .links import kind_url, units_url
from .model import Figure, Paragraph, Segment

LANG = "en"

# Words a title may start with that keep their capital inside a sentence.
_PROPER = {"Party", "Xi", "China", "Chinese", "CPC", "Central", "State", "National"}
# Head nouns of unit names that read well as a short back-reference ("the Ministry").
_HEADS = {"Ministry", "Office", "Department", "Agency", "Association", "Institute", "Commission", "Bureau"}

UNIT_KINDS: dict[tuple[str, bool], tuple[str, str]] = {
    ("party_committee", True): (
        "party committee of an embassy or consulate abroad",
        "party committees of embassies and consulates abroad",
    ),
    ("affiliated_unit", False): ("affiliated unit", "affiliated units"),
    ("affiliated_unit", True): ("affiliated unit", "affiliated units"),
    ("embassy", True): ("embassy", "embassies"),
    ("consulate", True): ("consulate", "consulates"),
    ("bureau", False): ("bureau", "bureaus"),
    ("department", False): ("department", "departments"),
}

OUTREACH: dict[str, tuple[str, str]] = {
    "forum": ("forum", "forums"),
    "dialogue": ("dialogue", "dialogues"),
    "track_two": ("track-two dialogue", "track-two dialogues"),
    "reception": ("reception of foreign visitors", "receptions of foreign visitors"),
    "study_tour": ("study tour", "study tours"),
    "exchange": ("exchange visit", "exchange visits"),
    "promotion": ("external promotion activity", "external promotion activities"),
}


def in_sentence(title: str) -> str:
    """A title set inside a sentence: a leading common word loses its capital."""
    first = title.split(" ", 1)[0]
    if first in _PROPER or first.isupper() or (len(title) > 1 and title[1].isupper()):
        return title
    return title[:1].lower() + title[1:]


def the_name(unit) -> str:
    name = localized(unit, "name", LANG)
    return name if name.lower().startswith("the ") else f"the {name}"


def short_ref(unit) -> str:
    """ "the Ministry", "the Department" ... or "it" when the name has no such head."""
    name = localized(unit, "name", LANG)
    head = name.split(" of ", 1)[0].split(" ")[-1]
    return f"the {head}" if head in _HEADS and " of " in name else "it"


def days_after_launch(scope: Scope, day) -> int | None:
    campaign = scope.campaign
    launched = campaign.launched_on if campaign is not None else None
    return (day - launched).days if launched else None


def fig(value: int, text: str, url: str) -> Figure:
    return Figure(value=int(value), text=text, url=url)


class Writer:
    """Collects the sentences of one paragraph and varies how each begins."""

    def __init__(self, facts: Facts, index: int):
        self.facts = facts
        self.scope: Scope = facts.scope
        self.index = index
        self.sentences: list[list[Segment]] = []
        self.name = the_name(facts.unit)
        self.ref = short_ref(facts.unit)

    def subject(self) -> str:
        """The body's name in the first sentence; afterwards "It" or a short back-reference, in turn."""
        if not self.sentences:
            return capitalize_first(self.name)
        choices = ["It", capitalize_first(self.ref)]
        return choices[(len(self.sentences) + self.index) % 2]

    def add(self, *segments: Segment) -> None:
        parts = [s for s in segments if s != ""]
        if parts:
            self.sentences.append(parts)

    def paragraph(self) -> Paragraph:
        out: list[Segment] = []
        for sentence in self.sentences:
            if out:
                out.append(" ")
            out.extend(sentence)
            last = sentence[-1]
            text = last if isinstance(last, str) else last.text
            if not text.endswith((".", "”.", "!")):
                out.append(".")
        return Paragraph(out, heading=localized(self.facts.unit, "name", LANG))

    def url(self, record_kind: str, measure: str = "records", /, **extra: str) -> str:
        return kind_url(self.scope, record_kind, measure, **extra)


def _study(w: Writer) -> None:
    f = w.facts
    for title, _zh, day in f.collective_titles[:1] if len(f.collective_titles) == 1 else []:
        when = f" on {date_en(day)}" if day else ""
        if day and days_after_launch(w.scope, day) == 1:
            when += ", the day after the launch"
        meeting = fig(1, in_sentence(title), w.url("collective_study"))
        w.add(w.subject(), " held ", article(meeting.text), " ", meeting, when)
    for group in f.classes:
        audience = localized(group, "audience", LANG) if group.audience else ""
        for_whom = f" for {audience}" if audience else ""
        if group.cohort == "round":
            rounds = fig(group.count, count_noun(group.count, "round"), w.url("reading_class", "rounds"))
            what = "of the reading class" if group.count == 1 else "of reading classes"
            verb = ("held", "ran")[w.index % 2]
            w.add(w.subject(), f" {verb} ", rounds, f" {what}{for_whom}")
        elif group.cohort == "batch":
            batches = fig(group.count, count_noun(group.count, "batch"), w.url("reading_class", "batches"))
            who = audience or "cadres"
            days = sorted(set(group.days_each))
            original = ", with complete, original study of the required readings" if group.original else ""
            if len(days) == 1 and days[0]:
                length = fig(days[0], f"{days[0]}-day", w.url("reading_class", "batches"))
                each = " each" if group.count > 1 else ""
                w.add(
                    batches,
                    f" of {who}{each} attended ",
                    article(length.text),
                    " ",
                    length,
                    " reading class",
                    original,
                )
            elif days and days[-1]:
                low = fig(days[0], str(days[0]), w.url("reading_class", "batches"))
                high = fig(days[-1], f"{days[-1]} days", w.url("reading_class", "batches"))
                w.add(batches, f" of {who} attended reading classes of ", low, " to ", high, original)
            else:
                w.add(batches, f" of {who} attended reading classes", original)
        else:
            parts: list[Segment] = [w.subject(), " set up a reading class", for_whom]
            if group.half_days:
                parts += [
                    ", with ",
                    fig(group.half_days, count_noun(group.half_days, "half-day"), w.url("reading_class")),
                    " of concentrated reading",
                ]
            elif group.days_each and group.days_each[0]:
                d = group.days_each[0]
                parts += [" lasting ", fig(d, count_noun(d, "day"), w.url("reading_class"))]
            w.add(*parts)
    lectures = f.value("lecture")
    if lectures:
        special = all(t.lower().startswith("special") for t, _z in f.lecture_titles)
        label = "special counselling report meeting" if special else "counselling report meeting"
        meetings = fig(lectures, count_noun(lectures, label), w.url("lecture"))
        if lectures > 1:
            w.add(w.subject(), " organised a series of ", meetings)
        else:
            w.add(w.subject(), " organised ", meetings)
    for approach, _zh, n in f.collective:
        if approach.startswith("combined with "):
            sessions = fig(n, count_noun(n, "session"), w.url("collective_study"))
            w.add(w.subject(), f" combined collective study {approach[len('combined ') :]} in ", sessions)
        else:
            sessions = fig(n, count_noun(n, "collective study session"), w.url("collective_study"))
            w.add(sessions, " was" if n == 1 else " were", f" held, {approach}")
    untied = f.value("seminar") - f.seminars_on_topics
    if untied > 0:
        w.add(
            w.subject(),
            " also held ",
            fig(
                untied, count_noun(untied, "seminar and exchange", "seminars and exchanges"), w.url("seminar")
            ),
        )


def _supervision(w: Writer) -> None:
    f = w.facts
    groups = f.value("steering_group")
    if not groups:
        visits = f.value("supervision_visit")
        if visits:
            w.add(
                w.subject(),
                " received ",
                fig(visits, count_noun(visits, "supervision visit"), w.url("supervision_visit")),
                " from a steering group" if visits == 1 else " from steering groups",
            )
        return
    label = "roving steering group" if f.groups_roving == groups else "steering group"
    parts: list[Segment] = [
        w.subject(),
        " sent ",
        fig(groups, count_noun(groups, label), w.url("steering_group")),
    ]
    supervised = []
    for kind, abroad, n in f.supervised_by_kind:
        singular, plural_form = UNIT_KINDS.get((kind, abroad), (None, None))
        if singular is None:
            singular = "unit"
            plural_form = "units"
        supervised.append(fig(n, count_noun(n, singular, plural_form), units_url(w.scope, kind)))
    if supervised:
        parts += [" to supervise and guide ", *join_en(supervised)]
    if f.group_visits:
        parts += [
            ", and the groups have so far paid ",
            fig(f.group_visits, count_noun(f.group_visits, "supervision visit"), w.url("supervision_visit")),
        ]
    w.add(*parts)


def _lower_subject(w: Writer) -> str:
    subject = w.subject()
    return (
        "it"
        if subject == "It"
        else subject[:1].lower() + subject[1:]
        if subject.startswith("The ")
        else subject
    )


def _research(w: Writer) -> None:
    f = w.facts
    topics = f.value("research_topic")
    seminars = f.seminars_on_topics
    if topics:
        topic_fig = fig(topics, count_noun(topics, "research topic"), w.url("research_topic"))
        claimed_each = f.topic_claimants == topics and topics > 1
        if seminars and f.seminar_topics == topics:
            w.add(
                "Focusing on ",
                topic_fig,
                ", ",
                _lower_subject(w),
                " held ",
                fig(seminars, count_noun(seminars, "special seminar"), w.url("seminar")),
            )
        else:
            parts: list[Segment] = [w.subject(), " identified ", topic_fig]
            if claimed_each:
                parts.append(
                    ", each claimed by a different member of the leadership and tied to the work in their charge"
                )
            w.add(*parts)
            if seminars:
                w.add(
                    fig(seminars, count_noun(seminars, "special seminar"), w.url("seminar")),
                    " was" if seminars == 1 else " were",
                    " held on ",
                    fig(f.seminar_topics, f"{f.seminar_topics} of them", w.url("seminar")),
                )
        if claimed_each and seminars and f.seminar_topics == topics:
            w.add(
                "Each topic was claimed by a different member of the leadership, tied to the work in their charge"
            )
        elif not claimed_each and f.topic_claimants:
            w.add(
                "The topics were" if topics > 1 else "The topic was",
                " claimed by ",
                fig(
                    f.topic_claimants, count_noun(f.topic_claimants, "leading cadre"), w.url("research_topic")
                ),
                ", each tied to the work in its leader's charge" if topics > 1 else "",
            )
        if f.topic_methods:
            names = [quoted_en(localized(m, "name", LANG)) for m, _n in f.topic_methods]
            lead = f.topic_methods[0][0]
            described = f" ({localized(lead, 'description', LANG).split(':')[0]})" if lead.description else ""
            w.add(
                "Research followed ",
                "methods such as " if len(names) > 1 else "the method of ",
                *join_en([names[0] + described, *names[1:]]),
            )
    if f.work_plans:
        titles = [f"the {in_sentence(localized(plan, 'title', LANG))}" for plan in f.work_plans]
        w.add(w.subject(), " formulated and issued ", *join_en(titles))
        for plan in f.work_plans:
            standard = localized(plan, "standard", LANG)
            if standard:
                w.add(f"The plan holds the work to the standard of {quoted_en(standard)}")
    coverage = (f.coverage or {}).get("research_topic")
    if topics and coverage and coverage["in_scope"] > 1 and coverage["covered"] == coverage["in_scope"]:
        w.add(
            "Research reached all ",
            fig(coverage["in_scope"], f"{coverage['in_scope']} units", units_url(w.scope)),
            " in scope: full coverage",
        )
    visits = f.value("field_visit")
    if visits:
        unannounced = f.value("field_visit", "unannounced")
        parts = [fig(visits, count_noun(visits, "field visit"), w.url("field_visit"))]
        if f.visit_leaders:
            parts += [", led by members of the leadership,"]
        if len(f.visit_places) <= 3:
            places = [in_sentence(localized_place(p)) for p in f.visit_places]
            parts += [" went to ", *join_en(places)]
        else:
            parts += [" were made" if visits > 1 else " was made"]
        if unannounced == visits and visits > 1:
            parts += [", all of them unannounced"]
        elif unannounced == visits:
            parts += [", unannounced"]
        elif unannounced:
            parts += [
                ", ",
                fig(unannounced, f"{unannounced}", w.url("field_visit", "unannounced")),
                " of them unannounced",
            ]
        w.add(*parts)


def localized_place(pair: tuple[str, str]) -> str:
    return pair[0]


def _outreach(w: Writer) -> None:
    f = w.facts
    events = f.value("outreach_event")
    if not events:
        return
    kinds = [
        fig(n, count_noun(n, *OUTREACH.get(kind, (kind, None))), w.url("outreach_event", kind=kind))
        for kind, n in f.outreach_by_kind
    ]
    verbs = ("carried out", "held", "organised")
    if len(kinds) == 1:
        parts: list[Segment] = [w.subject(), f" {verbs[w.index % 3]} ", kinds[0]]
    else:
        parts = [
            w.subject(),
            f" {verbs[w.index % 3]} ",
            fig(events, count_noun(events, "outreach event"), w.url("outreach_event")),
            ": ",
            *join_en(kinds),
        ]
    if f.counterpart_parties:
        parts += [
            ", through channels with ",
            fig(
                f.counterpart_parties,
                count_noun(f.counterpart_parties, "foreign political party"),
                w.url("outreach_event"),
            ),
        ]
    elif f.outreach_countries > 1:
        parts += [
            ", with counterparts from ",
            fig(f.outreach_countries, count_noun(f.outreach_countries, "country"), w.url("outreach_event")),
        ]
    w.add(*parts)


def _rectification(w: Writer) -> None:
    f = w.facts
    items = f.value("rectification")
    if not items:
        return
    closed = f.value("rectification", "closed")
    still = f.value("rectification", "open")
    overdue = f.value("rectification", "overdue")
    items_fig = fig(items, count_noun(items, "rectification item"), w.url("rectification"))
    if closed == items:
        w.add(
            "All ",
            items_fig,
            " have been verified and closed" if items > 1 else " has been verified and closed",
        )
        return
    if closed:
        parts: list[Segment] = [
            "Of the ",
            items_fig,
            " opened, ",
            fig(closed, str(closed), w.url("rectification", "closed")),
            " has been verified and closed" if closed == 1 else " have been verified and closed",
            " and ",
            fig(still, str(still), w.url("rectification")),
            " remains open" if still == 1 else " remain open",
        ]
    else:
        parts = [items_fig, " is" if items == 1 else " are", " being put right"]
    if overdue and items == 1:
        parts += [" and is past its deadline"]
    elif overdue:
        parts += [", ", fig(overdue, str(overdue), w.url("rectification")), " of them past the deadline"]
    w.add(*parts)


def _directives(w: Writer) -> None:
    f = w.facts
    total = f.value("directive")
    if not total:
        return
    ack = f.value("directive", "acknowledged")
    done = f.value("directive", "done")
    overdue = f.value("directive", "overdue")
    parts: list[Segment] = [
        fig(total, count_noun(total, "directive"), w.url("directive")),
        " reached " + ("it" if w.facts.scope.own else "its units"),
        ": ",
        fig(ack, str(ack), w.url("directive", "acknowledged")),
        " acknowledged, ",
        fig(done, str(done), w.url("directive", "done")),
        " done",
    ]
    if overdue:
        parts += [" and ", fig(overdue, str(overdue), w.url("directive")), " overdue"]
    w.add(*parts)


def _conferences(w: Writer) -> None:
    n = w.facts.value("conference")
    if n:
        w.add(w.subject(), " convened ", fig(n, count_noun(n, "conference"), w.url("conference")))


def body_paragraph(facts: Facts, index: int) -> Paragraph:
    w = Writer(facts, index)
    _study(w)
    _supervision(w)
    _research(w)
    _outreach(w)
    _conferences(w)
    _rectification(w)
    _directives(w)
    return w.paragraph()


def opening(
    *,
    unit,
    campaign,
    requirements: list[str],
    goals: list[str],
    figures: dict,
    scope: Scope,
    period_text: str,
    bodies: int,
) -> Paragraph:
    segments: list[Segment] = []
    name = the_name(unit)
    units = figures["units"]
    units_fig = fig(units, count_noun(units, "unit"), units_url(scope))
    if campaign is not None:
        title = localized(campaign, "title", LANG)
        launched = campaign.launched_on or campaign.start_date
        since = f"Since the launch of the {in_sentence(title)} on {date_en(launched)}, "
        if units > 1:
            segments += [since, f"{name} and the units under it (", units_fig, " in all) have carried it out"]
        else:
            segments += [since, f"{name} has carried it out"]
        segments.append(
            " closely linked to its own work" if units == 1 else " closely linked to their own work"
        )
        if requirements:
            segments.append(f", following the general requirements of {quoted_en(', '.join(requirements))}")
        if goals:
            segments += [", and striving for tangible results in ", *join_en(goals)]
        segments.append(".")
    else:
        if units > 1:
            segments += [
                f"This briefing covers the work recorded by {name} and the units under it (",
                units_fig,
                " in all).",
            ]
        else:
            segments += [f"This briefing covers the work recorded by {name}."]
    totals = [f for f in figures["summary"] if f.value]
    if totals:
        segments += [
            f" {period_text}, the records show ",
            *join_en(totals),
            ".",
        ]
    return Paragraph(segments, heading="")


def summary_figures(totals, scope: Scope) -> list[Figure]:
    study = sum(
        int(totals[k]["records"]) for k in ("reading_class", "lecture", "seminar", "collective_study")
    )
    items = [
        (
            study,
            "study activity",
            "study activities",
            scope.link("campaigns:studyactivity_list", _date="start_date"),
        ),
        (totals["research_topic"]["records"], "research topic", None, kind_url(scope, "research_topic")),
        (totals["steering_group"]["records"], "steering group", None, kind_url(scope, "steering_group")),
        (totals["outreach_event"]["records"], "outreach event", None, kind_url(scope, "outreach_event")),
        (totals["rectification"]["records"], "rectification item", None, kind_url(scope, "rectification")),
    ]
    return [fig(int(n), count_noun(int(n), s, p), url) for n, s, p, url in items]


def period_phrase(period, as_of: date) -> str:
    if period is not None and period.start and period.end:
        return f"From {date_en(period.start)} to {date_en(period.end)}"
    if period is not None and period.end:
        return f"Up to {date_en(period.end)}"
    if period is not None and period.start:
        return f"Since {date_en(period.start)}"
    return "Taken together"


def title(unit, campaign) -> str:
    name = localized(unit, "name", LANG)
    if campaign is None:
        return f"Briefing: {name}"
    return f"{localized(campaign, 'title', LANG)}: briefing on the {name}".replace("the The ", "the ")


def minor_paragraph(bodies: list[Facts], scope: Scope) -> Paragraph:
    """One paragraph for the bodies whose only records are directives, supervision visits or rectification.

    The figures are sums over these bodies; their links open the lists for the whole subtree.
    """

    def total(kind: str, measure: str = "records") -> int:
        return sum(f.value(kind, measure) for f in bodies)

    parts: list[Segment] = []
    directives = total("directive")
    if directives:
        acknowledged, done = total("directive", "acknowledged"), total("directive", "done")
        parts += [
            fig(directives, count_noun(directives, "directive"), kind_url(scope, "directive")),
            " received (",
            fig(acknowledged, f"{acknowledged} acknowledged", kind_url(scope, "directive", "acknowledged")),
            ", ",
            fig(done, f"{done} done", kind_url(scope, "directive", "done")),
            ")",
        ]
    items = []
    visits = total("supervision_visit")
    if visits:
        items.append(
            fig(visits, count_noun(visits, "supervision visit"), kind_url(scope, "supervision_visit"))
        )
    rectification = total("rectification")
    if rectification:
        items.append(
            fig(
                rectification,
                count_noun(rectification, "rectification item"),
                kind_url(scope, "rectification"),
            )
        )
    if parts and items:
        parts.append(", ")
    parts += join_en(items)
    others = fig(len(bodies), count_noun(len(bodies), "other unit"), units_url(scope))
    return Paragraph(["Across ", others, ", the records show ", *parts, "."], heading="")
