"""Staff mail pages in a browser: axe-core on each, a 360 px phone, Retry by keyboard."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from consent_service.db import session
from consent_service.outbox import services
from consent_service.outbox.catcher import SaveToDirectory, default_dir
from consent_service.outbox.models import FAILED, OutboxMessage
from consent_service.outbox.transport import OutgoingEmail, build_message
from consent_service.review.models import StaffMember
from tests.browser.helpers import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    console_problems,
    heading,
    tab_to,
)
from tests.browser.test_staff_login import sign_in
from tests.unit.review.factories import staff_member

pytestmark = pytest.mark.browser

LONG_LINK = "https://consent.example/c/" + "A1b2C3d4" * 12


@dataclass(frozen=True)
class MailData:
    email: str  # an admin's sign-in address
    caught_name: str
    failed_id: str


@pytest.fixture
def mail_data(live_server):
    """An admin, a caught message and a failed one on the live server; removed afterwards."""
    app = live_server.app
    with app.app_context():
        member = staff_member("admin", email=f"browser-{uuid.uuid4().hex[:12]}@example.org")
        failed = services.queue_email(
            session(), kind="consent_signing_link", to="patient@example.org", language="de",
            context={"hospital_name": "Charité", "signing_url": LONG_LINK,
                     "expires_at": datetime(2026, 12, 9, 12, 0, tzinfo=UTC)})
        failed.status, failed.attempts, failed.last_error = FAILED, 12, "RCPT: SMTP 550"
        session().commit()
        email = OutgoingEmail(id=str(uuid.uuid4()), to="patient@example.org", language="de",
                              subject="Ihre Einwilligung", text=f"Bitte öffnen: {LONG_LINK}\n",
                              html="<p>Hallo</p>")
        message = build_message(email, sender="noreply@example.org", to=email.to,
                                domain="example.org")
        path = SaveToDirectory(default_dir(app)).save("noreply@example.org", [email.to],
                                                      message.as_bytes())
        data = MailData(member.email, path.name, failed.id)
        member_id = member.id
    yield data
    path.unlink()
    with app.app_context():
        session().delete(session().get(OutboxMessage, data.failed_id))
        session().delete(session().get(StaffMember, member_id))
        session().commit()


def caught_list(page, live_server, data):
    sign_in(page, live_server, data.email)
    page.goto(live_server.url("/staff/mail/caught"))
    assert heading(page) == "Caught test mail"


def caught_message(page, live_server, data):
    caught_list(page, live_server, data)
    page.get_by_role("link", name="Ihre Einwilligung").click()
    page.wait_for_url(re.compile(re.escape(data.caught_name) + "$"))
    assert page.get_by_role("link", name=LONG_LINK).is_visible()


def failed_list(page, live_server, data):
    sign_in(page, live_server, data.email)
    page.goto(live_server.url("/staff/mail/failed"))
    assert heading(page) == "Failed emails"


PAGES = [caught_list, caught_message, failed_list]


@pytest.mark.parametrize("prepare", PAGES, ids=[p.__name__ for p in PAGES])
def test_mail_pages_have_no_axe_violations(axe_page, axe_script, live_server, mail_data,
                                           prepare):
    prepare(axe_page, live_server, mail_data)
    assert_no_axe_violations(axe_page, axe_script)


@pytest.mark.parametrize("prepare", PAGES, ids=[p.__name__ for p in PAGES])
def test_mail_pages_fit_a_phone(mobile_page, live_server, mail_data, prepare):
    prepare(mobile_page, live_server, mail_data)
    assert_no_horizontal_scroll(mobile_page)


def test_retry_a_failed_email_with_the_keyboard(mobile_page, live_server, mail_data):
    page = mobile_page
    problems = console_problems(page)
    failed_list(page, live_server, mail_data)
    tab_to(page, f'form[action$="/{mail_data.failed_id}/retry"] button')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/mail/failed\?retried=1$"))
    assert page.locator(".notice.success").inner_text() == "The email is queued again."
    assert_no_horizontal_scroll(page)
    assert problems == []
