"""The English narrative: an opening paragraph and one paragraph per body, from the facts."""

from __future__ import annotations

from collections import Counter
from datetime import date

from cascade.core.models import localized

from .facts import Facts, Scope
from .language import article, capitalize_first, count_noun, date_en, join_en, quoted_en, running
from .links import claimants_url, detail_url, kind_url, seminar_topics_url, supervised_url, units_url
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


def fig(value: int, text: str, url: str, kind: str = "", measure: str = "", aggregate: str = "") -> Figure:
    return Figure(value=int(value), text=text, url=url, kind=kind, measure=measure, aggregate=aggregate)


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
        return Paragraph(out, heading=localized(self.facts.unit, "name", LANG), scope=self.scope)

    def url(self, record_kind: str, measure: str = "records", /, **extra: str) -> str:
        return kind_url(self.scope, record_kind, measure, **extra)

    def figure(self, value: int, text: str, kind: str, measure: str = "records", /, **extra: str) -> Figure:
        """One of the body's figures in the vocabulary, linked to the records it counts."""
        return fig(value, text, self.url(kind, measure, **extra), kind, measure)

    @property
    def has_units_under(self) -> bool:
        return not self.scope.own and self.facts.unit.numchild > 0


def _class_totals(w: Writer) -> None:
    """A body with many groups of reading classes: how many, and how many rounds and batches."""
    f = w.facts
    total = f.value("reading_class")
    parts: list[Segment] = [
        w.subject(),
        " held ",
        w.figure(total, count_noun(total, "reading class", "reading classes"), "reading_class"),
    ]
    among = [
        w.figure(n, count_noun(n, name), "reading_class", measure)
        for measure, name in (("rounds", "round"), ("batches", "batch"))
        if (n := f.value("reading_class", measure))
    ]
    if among:
        parts += [", ", *join_en(among), " among them"]
    w.add(*parts)


def _study(w: Writer) -> None:
    f = w.facts
    _collective(w, first=True)
    if f.many_classes:
        _class_totals(w)
    same_cohort = Counter(group.cohort for group in f.classes)
    for group in f.classes:
        audience = running(localized(group, "audience", LANG)) if group.audience else ""
        for_whom = f" for {audience}" if audience else ""
        # Two classes held in rounds (or batches) under different titles: each figure lists its own.
        titled = {"title": group.title} if group.cohort and same_cohort[group.cohort] > 1 else {}
        if group.cohort == "round":
            rounds = w.figure(
                group.count, count_noun(group.count, "round"), "reading_class", "rounds", **titled
            )
            what = "of the reading class" if group.count == 1 else "of reading classes"
            verb = ("held", "ran")[w.index % 2]
            w.add(w.subject(), f" {verb} ", rounds, f" {what}{for_whom}")
        elif group.cohort == "batch":
            batches = w.figure(
                group.count, count_noun(group.count, "batch"), "reading_class", "batches", **titled
            )
            who = f" for {audience}" if audience else " for cadres"
            days = sorted(set(group.days_each))
            original = ", with complete, original study of the required readings" if group.original else ""
            if len(days) == 1 and days[0]:
                # The length of each batch: every record of the group lasted these days.
                length = fig(
                    days[0],
                    f"{days[0]}-day",
                    w.url("reading_class", "batches", **titled),
                    "reading_class",
                    "days",
                    "days_each",
                )
                w.add(
                    w.subject(),
                    " held ",
                    article(length.text),
                    " ",
                    length,
                    " reading class",
                    who,
                    " in ",
                    batches,
                    original,
                )
            else:
                w.add(w.subject(), " held a reading class", who, " in ", batches, original)
        else:
            parts: list[Segment] = [w.subject(), " set up a reading class", for_whom]
            page = detail_url("campaigns:studyactivity_detail", group.pks[0])
            # The class's length is told when it is all the body has (else it would read as the body's).
            if group.half_days and group.half_days == f.value("reading_class", "half_days"):
                half_days = fig(
                    group.half_days,
                    count_noun(group.half_days, "half-day"),
                    page,
                    "reading_class",
                    "half_days",
                    "half_days",
                )
                parts += [", with ", half_days, " of concentrated reading"]
            elif group.days_each and group.days_each[0] == f.value("reading_class", "days"):
                d = group.days_each[0]
                parts += [" lasting ", fig(d, count_noun(d, "day"), page, "reading_class", "days", "days")]
            w.add(*parts)
    lectures = f.value("lecture")
    if lectures:
        special = all(t.lower().startswith("special") for t, _z in f.lecture_titles)
        label = "special counselling report meeting" if special else "counselling report meeting"
        meetings = w.figure(lectures, count_noun(lectures, label), "lecture")
        if lectures > 1:
            w.add(w.subject(), " organised a series of ", meetings)
        else:
            w.add(w.subject(), " organised ", meetings)
    _collective(w, first=False)
    untied = f.value("seminar") - f.seminars_on_topics
    if untied > 0:
        seminars = w.figure(
            untied,
            count_noun(untied, "seminar and exchange", "seminars and exchanges"),
            "seminar",
            on_topic="false" if f.seminars_on_topics else "",
        )
        w.add(w.subject(), " also held " if w.sentences else " held ", seminars)


def _titled_study(w: Writer, title: str, day, pk: int, *, after_launch: bool = True) -> list[Segment]:
    when = f" on {date_en(day)}" if day else ""
    if after_launch and day and days_after_launch(w.scope, day) == 1:
        when += ", the day after the launch"
    meeting = fig(1, in_sentence(running(title)), detail_url("campaigns:studyactivity_detail", pk))
    return [article(meeting.text), " ", meeting, when]


def _collective(w: Writer, *, first: bool) -> None:
    """Collective study: one named session (told first), sessions held one way, or all with what they were."""
    f = w.facts
    total = f.value("collective_study")
    titled, approaches = f.collective_titles, f.collective
    named_only = len(titled) == 1 and not approaches
    if not total or first != named_only:
        return
    if named_only:
        title, _zh, day, pk = titled[0]
        w.add(w.subject(), " held ", *_titled_study(w, title, day, pk))
        return
    sessions = w.figure(total, count_noun(total, "collective study session"), "collective_study")
    if len(approaches) == 1 and not titled:
        approach = approaches[0][0]
        sessions = w.figure(total, sessions.text, "collective_study", approach=approach)
        how = f" {approach}" if approach.startswith("combined with ") else f", {approach}"
        w.add(w.subject(), " held ", sessions, how)
        return
    # Several kinds of session: the total, then what it was made of (parts of the one figure).
    parts: list[list[Segment]] = []
    if len(titled) == 1:
        title, _zh, day, pk = titled[0]
        parts.append(_titled_study(w, title, day, pk, after_launch=False))
    for approach, _zh, n in approaches:
        part = fig(n, str(n), w.url("collective_study", approach=approach))
        parts.append([part, f" {approach}"])
    joined: list[Segment] = [", including "] if parts else []
    for item in join_en(parts):
        joined.extend(item if isinstance(item, list) else [item])
    w.add(w.subject(), " held ", sessions, *joined)


def _supervision(w: Writer) -> None:
    f = w.facts
    groups = f.value("steering_group")
    visits = f.value("supervision_visit")
    if not groups:
        if visits:
            w.add(
                w.subject(),
                " received ",
                w.figure(visits, count_noun(visits, "supervision visit"), "supervision_visit"),
                " from a steering group" if visits == 1 else " from steering groups",
            )
        return
    label = "roving steering group" if f.groups_roving == groups else "steering group"
    parts: list[Segment] = [
        w.subject(),
        " sent ",
        w.figure(groups, count_noun(groups, label), "steering_group"),
    ]
    supervised = []
    for kind, abroad, n in f.supervised_by_kind:
        singular, plural_form = UNIT_KINDS.get((kind, abroad), (None, None))
        if singular is None:
            singular = "unit"
            plural_form = "units"
        supervised.append(
            fig(
                n,
                count_noun(n, singular, plural_form),
                supervised_url(w.scope, kind, abroad),
                "steering_group",
                "units_supervised",
            )
        )
    if supervised:
        parts += [" to supervise and guide ", *join_en(supervised)]
    if visits:
        parts += [
            ", and ",
            w.figure(visits, count_noun(visits, "supervision visit"), "supervision_visit"),
            " has been paid so far" if visits == 1 else " have been paid so far",
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
        topic_fig = w.figure(topics, count_noun(topics, "research topic"), "research_topic")
        claimed_each = f.topic_claimants == topics and topics > 1
        tied = {"on_topic": "true"} if f.value("seminar") > seminars else {}
        if seminars and f.seminar_topics == topics:
            w.add(
                "Focusing on ",
                topic_fig,
                ", ",
                _lower_subject(w),
                " held ",
                w.figure(seminars, count_noun(seminars, "special seminar"), "seminar", **tied),
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
                    w.subject(),
                    " held ",
                    w.figure(seminars, count_noun(seminars, "special seminar"), "seminar", **tied),
                    " on ",
                    fig(
                        f.seminar_topics,
                        f"{f.seminar_topics} of them",
                        seminar_topics_url(w.scope),
                    ),
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
                    f.topic_claimants,
                    count_noun(f.topic_claimants, "leading cadre"),
                    claimants_url(w.scope),
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
        titles = [f"the {in_sentence(running(localized(plan, 'title', LANG)))}" for plan in f.work_plans]
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
        parts = [w.subject(), " made ", w.figure(visits, count_noun(visits, "field visit"), "field_visit")]
        if f.visit_leaders:
            parts += [", led by members of the leadership"]
        if len(f.visit_places) <= 3:
            places = [in_sentence(running(localized_place(p))) for p in f.visit_places]
            parts += [", to " if f.visit_leaders else " to ", *join_en(places)]
        if unannounced == visits and visits > 1:
            parts += [", all of them unannounced"]
        elif unannounced == visits:
            parts += [", unannounced"]
        elif unannounced:
            parts += [
                ", ",
                w.figure(unannounced, f"{unannounced}", "field_visit", "unannounced"),
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
    verbs = ("carried out", "held", "organised")
    if len(f.outreach_by_kind) == 1:
        kind, n = f.outreach_by_kind[0]
        only = w.figure(n, count_noun(n, *OUTREACH.get(kind, (kind, None))), "outreach_event", kind=kind)
        parts: list[Segment] = [w.subject(), f" {verbs[w.index % 3]} ", only]
    else:
        # The events, then how many of each kind: a breakdown of the one figure, not figures of their own.
        kinds = [
            fig(n, count_noun(n, *OUTREACH.get(kind, (kind, None))), w.url("outreach_event", kind=kind))
            for kind, n in f.outreach_by_kind
        ]
        parts = [
            w.subject(),
            f" {verbs[w.index % 3]} ",
            w.figure(events, count_noun(events, "outreach event"), "outreach_event"),
            ": ",
            *join_en(kinds),
        ]
    if f.counterpart_parties:
        parts += [
            ", through channels with ",
            fig(
                f.counterpart_parties,
                count_noun(f.counterpart_parties, "foreign political party"),
                w.url("outreach_event", counterpart_kind="party"),
                aggregate="parties",
            ),
        ]
    elif f.outreach_countries > 1:
        parts += [
            ", with counterparts from ",
            fig(
                f.outreach_countries,
                count_noun(f.outreach_countries, "country"),
                w.url("outreach_event", with_countries="true"),
                aggregate="countries",
            ),
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
    items_fig = w.figure(items, count_noun(items, "rectification item"), "rectification")
    if closed == items:
        if items == 1:
            w.add(w.subject(), " has verified and closed its ", items_fig)
        else:
            w.add("All ", items_fig, " have been verified and closed")
        return
    if closed:
        parts: list[Segment] = [
            "Of its ",
            items_fig,
            ", ",
            w.figure(closed, str(closed), "rectification", "closed"),
            " has been verified and closed" if closed == 1 else " have been verified and closed",
            " and ",
            w.figure(still, str(still), "rectification", "open"),
            " remains open" if still == 1 else " remain open",
        ]
    else:
        parts = [w.subject(), " is putting right ", items_fig]
    if overdue and items == 1:
        parts += [", which is past its deadline"]
    elif overdue:
        parts += [
            ", ",
            w.figure(overdue, str(overdue), "rectification", "overdue"),
            " of them past the deadline",
        ]
    w.add(*parts)


def _directives(w: Writer) -> None:
    f = w.facts
    total = f.value("directive")
    if not total:
        return
    received = w.figure(total, count_noun(total, "directive"), "directive")
    if w.has_units_under:
        parts: list[Segment] = [
            "Together with the units under it, ",
            _lower_subject(w),
            " received ",
            received,
        ]
    else:
        parts = [w.subject(), " received ", received]
    parts += [": ", *directive_answers(w.scope, total, f.totals["directive"])]
    w.add(*parts)


def directive_answers(scope: Scope, total: int, values: dict) -> list[Segment]:
    """ "33 acknowledged, 13 done and 26 overdue"; a count that is nothing yet is said so, not given as 0."""
    ack, done, overdue = int(values["acknowledged"]), int(values["done"]), int(values["overdue"])

    def figure(value: int, text: str, measure: str) -> Figure:
        return fig(value, text, kind_url(scope, "directive", measure), "directive", measure)

    answers: list[Segment] = []
    if not ack:
        answers.append("none acknowledged yet")
    elif ack == total and total > 1:
        answers.append("all of them acknowledged")
    else:
        answers.append(figure(ack, f"{ack} acknowledged", "acknowledged"))
    if not done:
        answers.append("none done yet")
    elif done == total and total > 1:
        answers.append("all of them done")
    else:
        answers.append(figure(done, f"{done} done", "done"))
    if overdue:
        answers.append(figure(overdue, f"{overdue} overdue", "overdue"))
    return join_en(answers)


def _conferences(w: Writer) -> None:
    n = w.facts.value("conference")
    if n:
        w.add(w.subject(), " convened ", w.figure(n, count_noun(n, "conference"), "conference"))


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
    return Paragraph(segments, heading="", scope=scope)


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
    ]
    figures = [fig(int(n), count_noun(int(n), s, p), url) for n, s, p, url in items]
    for kind, label in (
        ("research_topic", "research topic"),
        ("steering_group", "steering group"),
        ("outreach_event", "outreach event"),
        ("rectification", "rectification item"),
    ):
        n = int(totals[kind]["records"])
        figures.append(fig(n, count_noun(n, label), kind_url(scope, kind), kind, "records"))
    return figures


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


def minor_paragraph(facts: Facts) -> Paragraph:
    """One paragraph for the bodies whose only records are directives, supervision visits or rectification.

    ``facts`` holds their figures summed (its scope: the units below the briefed unit, less the
    bodies told in paragraphs of their own); the paragraph names none of them.
    """
    scope = facts.scope
    parts: list[Segment] = []
    directives = facts.value("directive")
    if directives:
        parts += [
            fig(
                directives,
                count_noun(directives, "directive"),
                kind_url(scope, "directive"),
                "directive",
                "records",
            ),
            " received (",
            *directive_answers(scope, directives, facts.totals["directive"]),
            ")",
        ]
    items = []
    visits = facts.value("supervision_visit")
    if visits:
        items.append(
            fig(
                visits,
                count_noun(visits, "supervision visit"),
                kind_url(scope, "supervision_visit"),
                "supervision_visit",
                "records",
            )
        )
    rectification = facts.value("rectification")
    if rectification:
        items.append(
            fig(
                rectification,
                count_noun(rectification, "rectification item"),
                kind_url(scope, "rectification"),
                "rectification",
                "records",
            )
        )
    if parts and items:
        parts.append(", ")
    parts += join_en(items)
    return Paragraph(["Across the other units, the records show ", *parts, "."], heading="", scope=scope)
