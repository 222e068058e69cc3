"""Render a document: template + context to Markdown, then Word or HTML from that Markdown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from udvikling.errors import UsageError
from udvikling.load import Dataset
from udvikling.render import contexts
from udvikling.render.drawing import to_png, to_svg
from udvikling.render.environment import make_environment
from udvikling.render.filling import fill
from udvikling.render.limits import TIME_LIMIT, run_limited
from udvikling.render.markdown import tidy
from udvikling.render.timeline import timeline_drawing

Format = Literal["md", "docx", "html"]
FORMATS: tuple[Format, ...] = ("md", "docx", "html")
TIMELINE = "tidslinje.svg"


@dataclass
class Rendered:
    """A rendered document: its Markdown and the files it refers to (the timeline).

    ``subject`` is the document's kind and matter (Word's "Emne"); ``fallbacks`` make a PNG
    of an SVG resource, for Word documents read by programs without SVG.
    """

    title: str
    organisation: str
    markdown: str
    resources: dict[str, bytes] = field(default_factory=dict)
    subject: str = ""
    fallbacks: dict[str, Callable[[], bytes]] = field(default_factory=dict)


def render_markdown(
    root: Path | None, name: str, context: dict[str, Any], *, seconds: float = TIME_LIMIT
) -> str:
    """Render the Markdown template ``name`` with ``context`` under the template limits
    (:mod:`udvikling.render.limits`); template errors stop here."""
    return tidy(run_limited(lambda: render_template(root, name, context), seconds=seconds))


def render_template(
    root: Path | None, name: str, context: dict[str, Any], *, html: bool = False
) -> str:
    """Render one template; every way a template can fail is a :class:`DataError`
    (:func:`udvikling.render.filling.fill`)."""
    return fill(make_environment(root, html=html), name, context)


def notat(
    dataset: Dataset,
    at: date,
    *,
    meeting_id: str | None = None,
    report_id: str | None = None,
    include_confidential: bool = False,
    clock: date | None = None,
    notice: str | None = None,
) -> Rendered:
    """The status note: the issued report ``report_id`` as of its date; else the default
    note as the plan stood on ``at`` (the news since the last issued status), or for the
    meeting ``meeting_id`` (as it stood the day before the meeting, with what is reported
    at it and nothing decided at or after it; docs/semantics.md R16, R23)."""
    from udvikling.chrono import meeting_view, report_view, stand, view_at
    from udvikling.render.defaults import default_notat

    public = contexts.public_view(dataset, include_confidential)
    if report_id is not None:
        report = _report(public, report_id, "notat")
        standing = stand(public, report_view(public, report, clock))
    else:
        meeting = None
        view = view_at(at, clock)
        if meeting_id is not None:
            meeting = _meeting(public, meeting_id)
            view = meeting_view(meeting, clock)
        standing = stand(public, view)
        report = default_notat(standing, meeting)
    context = contexts.document_context(standing, report)
    markdown = with_notice(render_markdown(dataset.root, "notat.md.j2", context), notice)
    subject = f"Statusnotat: {dataset.config.process}"
    return Rendered(context["titel"], dataset.config.organisation, markdown, subject=subject)


def procesplan(
    dataset: Dataset,
    at: date,
    *,
    report_id: str | None = None,
    include_confidential: bool = False,
    timeline: str | None = TIMELINE,
    clock: date | None = None,
    notice: str | None = None,
) -> Rendered:
    """The time and process plan: the issued report ``report_id`` as of its date, else the
    default plan as it stood, and was known, on ``at``; the timeline SVG is the resource
    named ``timeline``."""
    from udvikling.chrono import report_view, stand, view_at
    from udvikling.render.defaults import default_procesplan

    public = contexts.public_view(dataset, include_confidential)
    if report_id is not None:
        report = _report(public, report_id, "procesplan")
        view = report_view(public, report, clock)
    else:
        view = view_at(at, clock)
    standing = stand(public, view)
    stood = standing.plan
    if report_id is None:
        report = default_procesplan(stood, at, timeline is not None)
    wants_timeline = timeline is not None and any(
        block.timeline for section in report.sections for block in section.blocks
    )
    resources: dict[str, bytes] = {}
    fallbacks: dict[str, Callable[[], bytes]] = {}
    if wants_timeline and timeline:
        drawing = timeline_drawing(stood, view.judged)
        resources[timeline] = to_svg(drawing).encode("utf-8")
        fallbacks[timeline] = lambda: to_png(drawing)
    context = contexts.document_context(
        standing, report, timeline=timeline if wants_timeline else None
    )
    markdown = with_notice(render_markdown(dataset.root, "procesplan.md.j2", context), notice)
    subject = f"Tids- og procesplan: {dataset.config.process}"
    return Rendered(
        context["titel"], dataset.config.organisation, markdown, resources, subject, fallbacks
    )


def with_notice(markdown: str, notice: str | None) -> str:
    """The document with ``notice`` (that data with errors was left out) as a block quote
    under its title, whatever the template: a reader must see it, not only stderr."""
    if not notice:
        return markdown
    from udvikling.render.markdown import inline

    quote = f"> **{inline(notice)}**\n"
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: index + 1], "", quote, *lines[index + 1 :]])
    return f"{quote}\n{markdown}"


def _report(dataset: Dataset, report_id: str, kind: str) -> Any:
    found = dataset.reports.get(report_id)
    if found is None:
        from difflib import get_close_matches

        close = get_close_matches(report_id, list(dataset.reports), n=1)
        hint = f"Mente du '{close[0]}'?" if close else "Se rapporterne med 'udv list reports'."
        raise UsageError(f"Rapporten '{report_id}' findes ikke.", hint)
    if found.kind != kind:
        article = {"notat": "et notat", "procesplan": "en procesplan"}
        raise UsageError(
            f"Rapporten '{report_id}' er {article.get(found.kind, found.kind)}, "
            f"ikke {article.get(kind, kind)}.",
            f"Brug 'udv render {found.kind} --report {report_id}'.",
        )
    return found


def sagsfremstilling(
    dataset: Dataset,
    meeting_id: str,
    item: int | None = None,
    *,
    include_confidential: bool = False,
    at: date | None = None,
    notice: str | None = None,
) -> Rendered:
    """One agenda item of a meeting, as known on ``at`` (default: the meeting's record as it
    is): the decision, remarks and absentees only once the meeting has been held."""
    from udvikling.chrono import plan_at, view_at

    public = contexts.public_view(dataset, include_confidential)
    if at is not None:
        public = plan_at(public, view_at(at))
        if meeting_id not in public.meetings and meeting_id in dataset.meetings:
            raise UsageError(
                f"Mødet '{meeting_id}' var endnu ikke planlagt {at.strftime('%d-%m-%Y')}.",
                "Vælg en senere dato med --as-of.",
            )
    meeting = _meeting(public, meeting_id)
    context = contexts.sagsfremstilling_context(public, meeting, item)
    markdown = with_notice(render_markdown(dataset.root, "sagsfremstilling.md.j2", context), notice)
    subject = f"Dagsordenspunkt: {context['organ']}, {meeting.date.danish()}"
    return Rendered(
        context["punkt"]["titel"], dataset.config.organisation, markdown, subject=subject
    )


def _meeting(dataset: Dataset, meeting_id: str) -> Any:
    found = dataset.meetings.get(meeting_id)
    if found is None:
        from difflib import get_close_matches

        close = get_close_matches(meeting_id, list(dataset.meetings), n=1)
        hint = f"Mente du '{close[0]}'?" if close else "Se møderne i data/meetings/."
        raise UsageError(f"Mødet '{meeting_id}' findes ikke.", hint)
    return found


def convert(rendered: Rendered, fmt: Format, root: Path | None) -> bytes:
    """The document in ``fmt`` as bytes."""
    if fmt == "md":
        from udvikling.render.markdown import markdown_file

        return markdown_file(rendered.markdown).encode("utf-8")
    from udvikling.render import convert as converter

    if fmt == "docx":
        return converter.to_docx(
            rendered.markdown,
            root,
            rendered.organisation,
            rendered.resources,
            title=rendered.title,
            subject=rendered.subject,
            fallbacks={name: make() for name, make in rendered.fallbacks.items()},
        )
    page = converter.to_html(
        rendered.markdown, root, rendered.title, rendered.organisation, rendered.resources
    )
    return page.encode("utf-8")
