"""The console's HTML pages, built with the escaping helper in bot.console.markup.

Plain server-rendered HTML: it works with any browser a contact centre has, with a screen
reader and keyboard alone. The one script, on a conversation page, only refreshes the
transcript, and the page works without it (reload to see new messages). Every page has a skip link, one h1, labelled form fields and tables with headers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any, Iterable, Mapping, Optional, Sequence

from bot.cases import Attachment, CaseDeadline, CaseEvent, CaseStatus, CaseSummary, ComplaintStage
from bot.rasa.conversations import TranscriptLine
from bot.handoff import Handoff, HandoffStatus
from bot.console.chart import target_chart, target_table
from bot.console.markup import Html, join, render
from bot.console.records import KIND_LABELS, MAX_NOTE_CHARS, DeadlineGroups, OpenCase, TargetFigures
from bot.console.sessions import StaffSession

CSRF_FIELD = "csrf_token"
MAX_REPLY_CHARS = 1600  # one SMS concatenation's worth; longer replies are split on SMS anyway
SUMMARY_CHARS = 120


@dataclass(frozen=True)
class Chrome:
    """What every page needs around its content: where things are and who is signed in."""

    urls: Mapping[str, str]  # index, report, login, logout, css; case pages are index + "cases/REF"
    tz: tzinfo
    staff: Optional[StaffSession] = None


def local_time(moment: Optional[datetime], tz: tzinfo) -> str:
    """A stored moment as the landlord's wall clock, e.g. "Fri 27 Nov 2026, 16:00"."""
    if moment is None:
        return ""
    return moment.astimezone(tz).strftime("%a %d %b %Y, %H:%M")


def due_text(moment: datetime, tz: tzinfo, whole_day: bool = False) -> str:
    """A promised date: a whole-day promise runs to the end of its day, so it shows the day only."""
    if whole_day:
        return moment.astimezone(tz).strftime("%a %d %b %Y (end of day)")
    return local_time(moment, tz)


def yes_no(value: Optional[bool]) -> str:
    """None means nobody asked or the tenant did not say; that is not the same as "No"."""
    return "Not known" if value is None else ("Yes" if value else "No")


def case_url(chrome: Chrome, reference: str) -> str:
    return f"{chrome.urls['index']}cases/{reference}"


def summary(text: str) -> str:
    """The start of what the tenant wrote, enough to recognise a case in a list."""
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "\u2026"


def csrf_field(token: str) -> Html:
    return render('<input type="hidden" name="{name}" value="{token}">', name=CSRF_FIELD, token=token)


# --- the frame of every page -------------------------------------------------------------


def _navigation(chrome: Chrome) -> Html:
    """Links to the console's pages and the sign-out button (a form: signing out is a POST)."""
    if chrome.staff is None:
        return Html("")
    return render(
        '<nav aria-label="Console"><ul>'
        '<li><a href="{index}">Cases by deadline</a></li>'
        '<li><a href="{handoffs}">Waiting for a person</a></li>'
        '<li><a href="{report}">Report</a></li></ul>'
        '<form method="post" action="{logout}" class="signout">'
        '<span>Signed in as {username}</span> {csrf}<button type="submit">Sign out</button></form></nav>',
        index=chrome.urls["index"],
        handoffs=chrome.urls["handoffs"],
        report=chrome.urls["report"],
        logout=chrome.urls["logout"],
        username=chrome.staff.username,
        csrf=csrf_field(chrome.staff.csrf_token),
    )


def page(chrome: Chrome, title: str, content: Html) -> Html:
    """A whole document around `content`."""
    return render(
        '<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>{title} - Staff console</title><link rel="stylesheet" href="{css}"></head>'
        '<body><a class="skip-link" href="#main">Skip to main content</a>'
        '<header><p class="service">Tenant assistant: staff console</p>{nav}</header>'
        '<main id="main" tabindex="-1"><h1>{title}</h1>{content}</main></body></html>\n',
        title=title,
        css=chrome.urls["css"],
        nav=_navigation(chrome),
        content=content,
    )


def message_page(chrome: Chrome, title: str, message: str) -> Html:
    """A page that only says something (not found, forbidden...)."""
    return page(chrome, title, render("<p>{message}</p>", message=message))


def _error(message: Optional[str]) -> Html:
    if not message:
        return Html("")
    return render('<div class="error" role="alert"><p>{message}</p></div>', message=message)


# --- signing in ------------------------------------------------------------------------------


def login_page(chrome: Chrome, csrf_token: str, error: Optional[str] = None, username: str = "") -> Html:
    """The sign-in form. The username is kept after a failure; the password never is."""
    form = render(
        '{error}<form method="post" action="{action}" class="stacked">{csrf}'
        '<label for="username">Username</label>'
        '<input id="username" name="username" type="text" autocomplete="username" required '
        'autocapitalize="none" spellcheck="false" value="{username}">'
        '<label for="password">Password</label>'
        '<input id="password" name="password" type="password" autocomplete="current-password" required>'
        '<button type="submit">Sign in</button></form>',
        error=_error(error),
        action=chrome.urls["login"],
        csrf=csrf_field(csrf_token),
        username=username,
    )
    return page(chrome, "Sign in", form)


# --- cases by deadline ---------------------------------------------------------------------


def _case_rows(chrome: Chrome, cases: Sequence[OpenCase]) -> Html:
    return join(
        render(
            '<tr><th scope="row"><a href="{url}">{reference}</a></th><td>{kind}</td><td>{category}</td>'
            "<td>{summary}</td><td>{opened}</td><td>{due}</td><td>{status}</td></tr>",
            url=case_url(chrome, case.reference),
            reference=case.reference,
            kind=KIND_LABELS[case.kind],
            category=case.category.replace("_", " "),
            summary=summary(case.description),
            opened=local_time(case.opened_at, chrome.tz),
            due=local_time(case.due_at, chrome.tz),
            status=case.status.replace("_", " "),
        )
        for case in cases
    )


def _case_group(chrome: Chrome, anchor: str, heading: str, cases: Sequence[OpenCase]) -> Html:
    """One group of the list under its own heading; an empty group says so rather than vanishing."""
    if not cases:
        body = render("<p>No cases.</p>")
    else:
        body = render(
            '<table><caption>{heading}: {count}</caption><thead><tr><th scope="col">Reference</th>'
            '<th scope="col">Kind</th><th scope="col">Category</th><th scope="col">What was reported</th>'
            '<th scope="col">Opened</th>'
            '<th scope="col">Next due</th><th scope="col">Status</th></tr></thead><tbody>{rows}</tbody></table>',
            heading=heading,
            count=len(cases),
            rows=_case_rows(chrome, cases),
        )
    return render(
        '<section aria-labelledby="{anchor}"><h2 id="{anchor}">{heading} ({count})</h2>{body}</section>',
        anchor=anchor,
        heading=heading,
        count=len(cases),
        body=body,
    )


def cases_page(chrome: Chrome, groups: DeadlineGroups, now: datetime) -> Html:
    """Every open case, in three groups by its next promised date."""
    intro = render(
        "<p>Open cases by the next date promised to the tenant, as at {now}.</p>", now=local_time(now, chrome.tz)
    )
    content = join(
        [
            intro,
            _case_group(chrome, "overdue", "Overdue", groups.overdue),
            _case_group(chrome, "due-today", "Due today", groups.due_today),
            _case_group(chrome, "upcoming", "Upcoming", groups.upcoming),
        ]
    )
    return page(chrome, "Cases by deadline", content)


# --- one case ------------------------------------------------------------------------------


def _details(chrome: Chrome, case: CaseSummary) -> Html:
    """Everything recorded on the case itself, as a description list."""
    fields = [
        ("Reference", case.reference),
        ("Kind", KIND_LABELS[case.kind]),
        ("Category", case.category.replace("_", " ")),
        ("Status", case.status.replace("_", " ")),
        ("Opened", local_time(case.opened_at, chrome.tz)),
        ("Next due", local_time(case.first_due_at, chrome.tz)),
        ("Completed", local_time(case.completed_at, chrome.tz) or "Not completed"),
        ("Description", case.description),
        ("Location in the home", case.location or "Not given"),
        ("Access", case.access or "Not given"),
        ("Contact phone", case.contact_phone or "Not given"),
        ("Postcode", case.postcode or "Not given"),
        ("Vulnerable household", yes_no(case.vulnerable_household)),
        ("Hate incident", yes_no(case.hate_incident)),
        ("Channel", case.channel or "Not known"),
    ]
    items = join(render("<div><dt>{name}</dt><dd>{value}</dd></div>", name=name, value=value) for name, value in fields)
    return render('<h2 id="details">Details</h2><dl class="details">{items}</dl>', items=items)


def _table(heading: str, anchor: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], empty: str) -> Html:
    """A section with a plain table of text; the first cell of a row is its header."""
    rows = list(rows)
    if not rows:
        return render('<h2 id="{anchor}">{heading}</h2><p>{empty}</p>', anchor=anchor, heading=heading, empty=empty)
    head = join(render('<th scope="col">{c}</th>', c=column) for column in columns)
    body = join(
        render(
            '<tr><th scope="row">{first}</th>{rest}</tr>',
            first=row[0],
            rest=join(render("<td>{cell}</td>", cell=cell) for cell in row[1:]),
        )
        for row in rows
    )
    return render(
        '<h2 id="{anchor}">{heading}</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>',
        anchor=anchor,
        heading=heading,
        head=head,
        body=body,
    )


def _deadlines(chrome: Chrome, deadlines: Sequence[CaseDeadline]) -> Html:
    return _table(
        "Deadlines",
        "deadlines",
        ["Deadline", "Promise", "Source", "Due"],
        [
            (d.name.replace("_", " "), d.promise, d.source, due_text(d.due_at, chrome.tz, d.whole_day))
            for d in deadlines
        ],
        "No deadlines recorded.",
    )


def _stages(chrome: Chrome, stages: Sequence[ComplaintStage]) -> Html:
    def when(moment: Optional[datetime]) -> str:
        return local_time(moment, chrome.tz) or "-"

    return _table(
        "Complaint stages",
        "stages",
        [
            "Stage",
            "Opened",
            "Contact due",
            "Acknowledgement due",
            "Acknowledged",
            "Response due",
            "Extended to",
            "Extension reason",
            "Responded",
        ],
        [
            (
                s.stage,
                when(s.opened_at),
                when(s.contact_due_at),
                when(s.acknowledgement_due_at),
                when(s.acknowledged_at),
                when(s.response_due_at),
                when(s.extended_to),
                s.extension_reason or "-",
                when(s.responded_at),
            )
            for s in stages
        ],
        "Not a complaint, or no stage recorded.",
    )


def _attachment_link(attachment: Attachment) -> Html:
    """A link only for a web address: a `javascript:` or `data:` URL sent by a tenant stays text."""
    if attachment.url.lower().startswith(("https://", "http://")):
        return render('<a href="{url}" rel="noopener noreferrer">{url}</a>', url=attachment.url)
    return render("{url}", url=attachment.url)


def _attachments(chrome: Chrome, attachments: Sequence[Attachment]) -> Html:
    return _table(
        "Attachments",
        "attachments",
        ["Received", "Type", "File"],
        [(local_time(a.received_at, chrome.tz), a.content_type, _attachment_link(a)) for a in attachments],
        "No photos or files.",
    )


def _event_detail(detail: Mapping[str, Any]) -> Html:
    """An event's detail as "name: value" lines; nested values as compact JSON text."""
    if not detail:
        return Html("")
    items = join(
        render(
            '<li><span class="key">{key}:</span> {value}</li>',
            key=key,
            value=value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str),
        )
        for key, value in detail.items()
    )
    return render('<ul class="detail">{items}</ul>', items=items)


def _events(chrome: Chrome, events: Sequence[CaseEvent]) -> Html:
    return _table(
        "History",
        "history",
        ["When", "Event", "By", "Detail"],
        [(local_time(e.at, chrome.tz), e.kind.replace("_", " "), e.actor, _event_detail(e.detail)) for e in events],
        "No events.",
    )


def _forms(chrome: Chrome, case: CaseSummary, error: Optional[str]) -> Html:
    """Record progress always; complete only a case not completed yet."""
    csrf = csrf_field(chrome.staff.csrf_token) if chrome.staff else Html("")
    url = case_url(chrome, case.reference)
    progress = render(
        '<h2 id="record-progress">Record progress</h2>{error}'
        '<form method="post" action="{url}/progress" class="stacked">{csrf}'
        '<label for="progress-note">What was done or agreed</label>'
        '<textarea id="progress-note" name="note" rows="4" maxlength="{max}" required></textarea>'
        '<button type="submit">Record progress</button></form>',
        error=_error(error),
        url=url,
        csrf=csrf,
        max=MAX_NOTE_CHARS,
    )
    if case.status == CaseStatus.COMPLETED.value:
        return join([progress, render('<h2 id="complete">Complete</h2><p>This case is completed.</p>')])
    complete = render(
        '<h2 id="complete">Complete the case</h2>'
        '<form method="post" action="{url}/complete" class="stacked">{csrf}'
        '<label for="completion-note">Completion note (optional)</label>'
        '<textarea id="completion-note" name="note" rows="3" maxlength="{max}"></textarea>'
        '<button type="submit">Mark as completed</button></form>',
        url=url,
        csrf=csrf,
        max=MAX_NOTE_CHARS,
    )
    return join([progress, complete])


def case_page(
    chrome: Chrome,
    case: CaseSummary,
    deadlines: Sequence[CaseDeadline],
    stages: Sequence[ComplaintStage],
    attachments: Sequence[Attachment],
    events: Sequence[CaseEvent],
    error: Optional[str] = None,
) -> Html:
    """Everything on one case, its history and the forms to act on it."""
    content = join(
        [
            _details(chrome, case),
            _deadlines(chrome, deadlines),
            _stages(chrome, stages),
            _attachments(chrome, attachments),
            _forms(chrome, case, error),
            _events(chrome, events),
        ]
    )
    return page(chrome, f"Case {case.reference}", content)


# --- report --------------------------------------------------------------------------------


def report_page(
    chrome: Chrome,
    start: date,
    end: date,
    text: Optional[str],
    figures: Sequence[TargetFigures],
    error: Optional[str] = None,
) -> Html:
    """The period form, the printed report and the chart of cases against their target."""
    form = render(
        '{error}<form method="get" action="{action}" class="inline">'
        '<label for="from">From</label><input id="from" name="from" type="date" value="{start}" required>'
        '<label for="to">To</label><input id="to" name="to" type="date" value="{end}" required>'
        '<button type="submit">Show</button></form>',
        error=_error(error),
        action=chrome.urls["report"],
        start=start.isoformat(),
        end=end.isoformat(),
    )
    if text is None:
        return page(chrome, "Report", form)
    period = f"{start.isoformat()} to {end.isoformat()}"
    title = f"Cases against their target, {period}"
    content = join(
        [
            form,
            render('<h2 id="figures">Figures</h2><pre>{text}</pre>', text=text),
            render(
                '<h2 id="against-target">Cases against their target</h2>'
                "<p>Completions in the period, against the first date promised; open cases overdue "
                "at the end of the period (or now, if it has not ended).</p>"
                '<div class="chart-and-table"><figure>{chart}<figcaption>{title}</figcaption></figure>{table}</div>',
                chart=target_chart(figures, title),
                title=title,
                table=target_table(figures, title),
            ),
        ]
    )
    return page(chrome, "Report", content)


# How long ago, in the words a queue is read in.
def waiting_for(since: datetime, now: datetime) -> str:
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours < 24 else f"{hours // 24} d {hours % 24} h"


def handoff_url(chrome: Chrome, handoff_id: int) -> str:
    return f"{chrome.urls['handoffs']}/{handoff_id}"


def reason_text(handoff: Handoff) -> str:
    return handoff.reason.value.replace("_", " ")


def handoffs_page(chrome: Chrome, queue: Sequence[Handoff], now: datetime) -> Html:
    """The handoff queue, most urgent first: why, since when, on which channel, and who has it."""
    rows = [
        (
            render(
                '<a href="{url}">{conversation}</a>',
                url=handoff_url(chrome, handoff.id),
                conversation=handoff.conversation_id,
            ),
            reason_text(handoff),
            local_time(handoff.requested_at, chrome.tz),
            waiting_for(handoff.requested_at, now),
            CHANNEL_LABELS.get(handoff.channel, handoff.channel),
            handoff.staff or "Nobody yet",
        )
        for handoff in queue
    ]
    table = _table(
        "Queue",
        "queue",
        ["Conversation", "Why", "Since", "Waiting", "Channel", "Taken by"],
        rows,
        "Nobody is waiting for a person.",
    )
    return page(chrome, "Waiting for a person", table)


# --- one conversation with a person --------------------------------------------------------

CHANNEL_LABELS = {"rest": "Web chat", "twilio": "SMS or WhatsApp", "facebook": "Messenger"}
SPEAKERS = {"tenant": "Tenant", "assistant": "Assistant", "staff": "Staff"}
STATUS_LABELS = {
    HandoffStatus.WAITING: "Waiting for a person",
    HandoffStatus.WITH_STAFF: "With staff",
    HandoffStatus.HANDED_BACK: "Handed back to the assistant",
    HandoffStatus.CLOSED: "Closed",
}


def transcript_items(lines: Sequence[TranscriptLine], tz: tzinfo) -> Html:
    """The transcript's list items; conversation.js builds the same shape with textContent."""
    return join(
        render(
            '<li class="{speaker}"><span class="who">{who}</span> <span class="when">{when}</span>'
            '<p class="said">{text}</p></li>',
            speaker=line.speaker,
            who=SPEAKERS[line.speaker] + (f" ({line.author})" if line.author else ""),
            when=local_time(line.at, tz),
            text=line.text,
        )
        for line in lines
    )


def _transcript(chrome: Chrome, handoff: Handoff, lines: Optional[Sequence[TranscriptLine]]) -> Html:
    if lines is None:
        return render(
            '<h2 id="transcript-heading">Transcript</h2><div class="error" role="alert"><p>{message}</p></div>',
            message="The transcript could not be read from the assistant just now. Reload to try again.",
        )
    return render(
        '<h2 id="transcript-heading">Transcript</h2>'
        '<ol id="transcript" class="transcript" aria-labelledby="transcript-heading" aria-live="polite" '
        'data-source="{source}">{items}</ol>',
        source=f"{chrome.urls['api_handoffs']}/{handoff.id}/transcript",
        items=transcript_items(lines, chrome.tz),
    )


def _handoff_forms(chrome: Chrome, handoff: Handoff, error: Optional[str]) -> Html:
    """Reply, take, hand back, close: only while a person has the conversation."""
    if not handoff.active:
        return render(
            "{error}<p>{status}: the assistant answers this tenant again.</p>",
            error=_error(error),
            status=STATUS_LABELS[handoff.status],
        )
    csrf = csrf_field(chrome.staff.csrf_token) if chrome.staff else Html("")
    url = handoff_url(chrome, handoff.id)
    take = (
        render(
            '<form method="post" action="{url}/release" class="inline">{csrf}'
            '<button type="submit" class="secondary">Hand over to the team</button>'
            "<span>It goes back in the queue for a colleague to take.</span></form>",
            url=url,
            csrf=csrf,
        )
        if handoff.status is HandoffStatus.WITH_STAFF
        else render(
            '<form method="post" action="{url}/take" class="inline">{csrf}'
            '<button type="submit">Take this conversation</button></form>',
            url=url,
            csrf=csrf,
        )
    )
    reply = render(
        '<h2 id="reply-heading">Reply</h2>{error}'
        '<form method="post" action="{url}/reply" class="stacked">{csrf}'
        '<label for="reply">Your message to the tenant (sent on {channel})</label>'
        '<textarea id="reply" name="message" rows="4" maxlength="{max}" required></textarea>'
        '<button type="submit">Send</button></form>',
        error=_error(error),
        url=url,
        csrf=csrf,
        channel=CHANNEL_LABELS.get(handoff.channel, handoff.channel),
        max=MAX_REPLY_CHARS,
    )
    finish = render(
        '<h2 id="finish-heading">Finish</h2>'
        '<form method="post" action="{url}/hand-back" class="inline">{csrf}'
        '<button type="submit">Hand back to the assistant</button>'
        "<span>The assistant answers again, carrying on from where it was.</span></form>"
        '<form method="post" action="{url}/close" class="inline">{csrf}'
        '<button type="submit" class="secondary">Close the conversation</button>'
        "<span>The assistant starts afresh the next time the tenant writes.</span></form>",
        url=url,
        csrf=csrf,
    )
    return join([take, reply, finish])


def handoff_page(
    chrome: Chrome,
    handoff: Handoff,
    lines: Optional[Sequence[TranscriptLine]],
    now: datetime,
    error: Optional[str] = None,
) -> Html:
    """One conversation a person has been asked to take: why, the transcript, and the replies."""
    fields = [
        ("Conversation", handoff.conversation_id),
        ("Why", reason_text(handoff)),
        ("Channel", CHANNEL_LABELS.get(handoff.channel, handoff.channel)),
        ("Asked for", f"{local_time(handoff.requested_at, chrome.tz)} ({waiting_for(handoff.requested_at, now)} ago)"),
        ("Status", STATUS_LABELS[handoff.status]),
        ("Taken by", handoff.staff or "Nobody yet"),
    ]
    details = join(
        render("<div><dt>{name}</dt><dd>{value}</dd></div>", name=name, value=value) for name, value in fields
    )
    content = join(
        [
            render('<dl class="details" id="handoff-details">{details}</dl>', details=details),
            _transcript(chrome, handoff, lines),
            _handoff_forms(chrome, handoff, error),
            render('<script src="{script}"></script>', script=chrome.urls["conversation_js"]),
        ]
    )
    return page(chrome, "Conversation with a tenant", content)
