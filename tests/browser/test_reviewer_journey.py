"""A coordinator's journey in a browser: queue, request, return for changes; axe and 360 px."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import pytest

from consent_service.db import session
from consent_service.directory.models import Hospital
from consent_service.onboarding.models import GUEST, AccessRequest, Professional
from consent_service.review.models import StaffMember
from tests.browser.helpers import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    choose_radio,
    console_problems,
    heading,
    press,
    tab_to,
)
from tests.unit.review.factories import PASSWORD, staff_member
from tests.unit.review.request_factories import access_request, approved

pytestmark = pytest.mark.browser
MESSAGE = "Your registration number has a letter missing. Please check it and send it again."


@dataclass(frozen=True)
class Waiting:
    """A coordinator's account and a request of their network waiting for a decision."""

    email: str
    request_id: str
    name: str


@pytest.fixture
def reviewer_data(live_server):
    """Create accounts and requests on the live server; delete them afterwards (shared data)."""
    staff_ids: list[str] = []
    request_ids: list[str] = []

    def make(*, guest_with_access: bool = False) -> Waiting:
        with live_server.app.app_context():
            member = staff_member("coordinator", network_code="ReCONNET",
                                  email=f"browser-{uuid.uuid4().hex[:12]}@example.org")
            staff_ids.append(member.id)
            request = access_request(network_code="ReCONNET")
            request.name = f"Giulia Bianchi {uuid.uuid4().hex[:6]}"
            session().commit()
            request_ids.append(request.id)
            if guest_with_access:
                request_ids.append(approved(member, role=GUEST).request_id)
            return Waiting(member.email, request.id, request.name)

    yield make
    with live_server.app.app_context():
        db = session()
        for request_id in request_ids:
            request = db.get(AccessRequest, request_id)
            hospital_id = request.hospital_id
            if request.professional is not None:
                db.delete(db.get(Professional, request.professional.id))
            db.delete(request)
            db.flush()
            db.delete(db.get(Hospital, hospital_id))
        for member_id in staff_ids:
            db.delete(db.get(StaffMember, member_id))
        db.commit()


def sign_in(page, live_server, email: str) -> None:
    page.goto(live_server.url("/staff/login"))
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/staff/$"))


def request_state(live_server, request_id: str) -> tuple[str, list[str]]:
    with live_server.app.app_context():
        request = session().get(AccessRequest, request_id)
        session().refresh(request)
        return request.status, list(request.flagged_fields)


def test_coordinator_returns_a_request_with_the_keyboard_on_a_phone(mobile_page, live_server,
                                                                    reviewer_data):
    page = mobile_page
    waiting = reviewer_data()
    problems = console_problems(page)
    sign_in(page, live_server, waiting.email)

    tab_to(page, 'a[href="/staff/requests"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/requests$"))
    assert heading(page) == "Requests waiting for a decision"
    assert "Requests for ReCONNET" in page.locator("main").inner_text()
    assert_no_horizontal_scroll(page)

    tab_to(page, f'a[href="/staff/requests/{waiting.request_id}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/staff/requests/{waiting.request_id}$"))
    assert heading(page) == f"Request from {waiting.name}"
    assert_no_horizontal_scroll(page)

    choose_radio(page, "decision", "return")
    tab_to(page, 'input[name="reason_codes"][value="registration_number"]')
    press(page, "Space")
    tab_to(page, 'input[name="fields"][value="registration_number"]')
    press(page, "Space")
    tab_to(page, "textarea#message")
    page.keyboard.type(MESSAGE)
    tab_to(page, 'main button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?decided=1$"))
    assert page.locator(".notice.success").inner_text().startswith("Returned.")
    assert "Returned for changes" in page.locator("main").inner_text()
    assert_no_horizontal_scroll(page)
    assert request_state(live_server, waiting.request_id) == (
        "returned", ["registration_number"])
    assert problems == []


def test_a_missing_reason_is_named_and_linked_to_its_checkboxes(desktop_page, live_server,
                                                                reviewer_data):
    page = desktop_page
    waiting = reviewer_data()
    sign_in(page, live_server, waiting.email)
    page.goto(live_server.url(f"/staff/requests/{waiting.request_id}"))
    page.get_by_label("Return for changes", exact=False).check()
    page.fill("#message", MESSAGE)
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    summary.get_by_role("link", name=re.compile("^Reasons:")).click()
    assert page.evaluate("() => document.activeElement.id") == "reason_codes"
    assert page.locator("#message").input_value() == MESSAGE  # the answers are kept
    assert request_state(live_server, waiting.request_id)[0] == "submitted"


# Each staff page of the reviewers' work, reached the way a person reaches it.

def queue(page, live_server, reviewer_data):
    sign_in(page, live_server, reviewer_data().email)
    page.goto(live_server.url("/staff/requests"))


def request_page(page, live_server, reviewer_data):
    waiting = reviewer_data()
    sign_in(page, live_server, waiting.email)
    page.goto(live_server.url(f"/staff/requests/{waiting.request_id}"))


def request_errors(page, live_server, reviewer_data):
    request_page(page, live_server, reviewer_data)
    page.get_by_label("Return for changes", exact=False).check()
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()


def request_returned(page, live_server, reviewer_data):
    request_page(page, live_server, reviewer_data)
    page.get_by_label("Return for changes", exact=False).check()
    page.locator('input[name="reason_codes"][value="other"]').check()
    page.locator('input[name="fields"][value="reason"]').check()
    page.fill("#message", MESSAGE)
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(re.compile(r"\?decided=1$"))


def professionals(page, live_server, reviewer_data):
    sign_in(page, live_server, reviewer_data(guest_with_access=True).email)
    page.goto(live_server.url("/staff/professionals"))
    page.locator("main details > summary").first.click()


def revoke_errors(page, live_server, reviewer_data):
    professionals(page, live_server, reviewer_data)
    page.get_by_role("button", name="Revoke access").first.click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("details[open]").count() == 1


PAGES = [queue, request_page, request_errors, request_returned, professionals, revoke_errors]


@pytest.mark.parametrize("prepare", PAGES, ids=[p.__name__ for p in PAGES])
def test_reviewer_pages_have_no_axe_violations(axe_page, axe_script, live_server,
                                               reviewer_data, prepare):
    prepare(axe_page, live_server, reviewer_data)
    assert_no_axe_violations(axe_page, axe_script)


@pytest.mark.parametrize("prepare", PAGES, ids=[p.__name__ for p in PAGES])
def test_reviewer_pages_fit_a_phone(mobile_page, live_server, reviewer_data, prepare):
    prepare(mobile_page, live_server, reviewer_data)
    assert_no_horizontal_scroll(mobile_page)
