"""Staff mail pages: mail caught by the local catcher, and failed outbox messages with retry."""

from __future__ import annotations

import re

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from markupsafe import Markup, escape

from .. import audit
from ..db import session as db_session
from ..i18n import _
from ..review.auth import current_staff, staff_required
from . import services
from .catcher import default_dir, read_caught

bp = Blueprint("outbox", __name__, template_folder="templates")

# The catcher's file names: <%Y%m%dT%H%M%S%f>-<8 hex>.eml (catcher.STAMP); nothing else is read.
CAUGHT_NAME = re.compile(r"[0-9]{8}T[0-9]{12}-[0-9a-f]{8}\.eml")
OUTBOX_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # db.new_id
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}"  # punctuation after a link in running text, not part of it


class RetryForm(FlaskForm):
    """The Retry button: a POST with a CSRF token."""


@bp.context_processor
def staff_for_templates() -> dict:
    """Give the staff layout the signed-in member."""
    return {"staff": current_staff()}


def linkify(text: str) -> Markup:
    """Escape text, keep its line breaks, and turn each http(s) URL into a link."""
    parts: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(_TRAILING)
        parts.append(escape(text[last:match.start()]))
        parts.append(Markup('<a href="{0}">{0}</a>').format(url))  # format escapes url
        last = match.start() + len(url)
    parts.append(escape(text[last:]))
    html = Markup("").join(parts)
    return Markup("<br>\n").join(html.split("\n"))


@bp.get("/staff/mail/caught")
@staff_required()
def caught():
    """List the mail the local catcher kept, newest first (development and testing only)."""
    return render_template("outbox/caught.html", messages=read_caught(default_dir(current_app)))


@bp.get("/staff/mail/caught/<name>")
@staff_required()
def caught_message(name: str):
    """Show one caught message: its headers and its text part with clickable links."""
    if not CAUGHT_NAME.fullmatch(name):
        abort(404)
    mail = next((m for m in read_caught(default_dir(current_app)) if m.name == name), None)
    if mail is None:
        abort(404)
    headers = mail.message
    return render_template(
        "outbox/caught_message.html", mail=mail, sender=str(headers.get("From", "")),
        to=str(headers.get("To", "")), date=str(headers.get("Date", "")),
        language=str(headers.get("Content-Language", "")), body=linkify(mail.text),
        has_html=bool(mail.html))


@bp.get("/staff/mail/failed")
@staff_required("admin", "helpdesk")
def failed():
    """List failed outbox messages, each with a Retry button."""
    return render_template("outbox/failed.html", messages=services.failed_messages(db_session()),
                           form=RetryForm(), retried=request.args.get("retried") == "1")


@bp.post("/staff/mail/failed/<message_id>/retry")
@staff_required("admin", "helpdesk")
def retry(message_id: str):
    """Queue a failed message again; the audit row commits with the change."""
    if not RetryForm().validate():
        abort(400, _("The form expired. Go back, reload the page and try again."))
    if not OUTBOX_ID.fullmatch(message_id):
        abort(404)  # also keeps an over-long id out of the audit row
    db = db_session()
    staff = current_staff()
    try:
        # The audit row first: retry_failed commits, taking this row with it (one
        # transaction). On PostgreSQL the audit lock also makes a second concurrent retry
        # wait, then find the message queued.
        audit.record(db, "outbox.retried", "outbox_message", message_id,
                     f"staff:{staff.id}")
        services.retry_failed(db, message_id=message_id)
    except services.UnknownMessage:
        db.rollback()
        abort(404)
    except services.NotRetryable:
        db.rollback()
        abort(409, _("Only failed emails can be retried."))
    return redirect(url_for(".failed", retried=1), 303)
