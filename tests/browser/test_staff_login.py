"""Staff sign-in in a browser: by keyboard on a 360 px phone, and axe-core on every page."""

from __future__ import annotations

import re
import uuid

import pytest

from consent_service.db import session
from consent_service.review.models import StaffMember
from tests.browser.helpers import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    console_problems,
    heading,
    tab_to,
)
from tests.unit.review.factories import PASSWORD, current_code, staff_member

pytestmark = pytest.mark.browser


@pytest.fixture
def accounts(live_server):
    """Create accounts on the live server; delete them afterwards (its database is shared)."""
    created: list[str] = []

    def make(role: str = "helpdesk", *, totp: bool = False) -> str:
        with live_server.app.app_context():
            member = staff_member(role, email=f"browser-{uuid.uuid4().hex[:12]}@example.org",
                                  totp=totp)
            created.append(member.id)
            return member.email

    yield make
    with live_server.app.app_context():
        for member_id in created:
            session().delete(session().get(StaffMember, member_id))
        session().commit()


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def sign_in(page, live_server, email: str) -> None:
    page.goto(live_server.url("/staff/login"))
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/staff/(login/totp)?$"))


def test_staff_sign_in_and_out_with_the_keyboard_on_a_phone(mobile_page, live_server,
                                                            accounts):
    page = mobile_page
    email = accounts("coordinator", totp=True)
    problems = console_problems(page)
    page.goto(live_server.url("/authoring/readability"))
    page.wait_for_url(re.compile(r"/staff/login\?next="))
    assert heading(page) == "Staff sign-in"
    assert_no_horizontal_scroll(page)

    type_into(page, "#email", email)
    type_into(page, "#password", PASSWORD)
    page.keyboard.press("Enter")  # sends the form from its last field
    page.wait_for_url(re.compile(r"/staff/login/totp$"))
    assert heading(page) == "Enter your sign-in code"
    assert_no_horizontal_scroll(page)
    type_into(page, "#code", current_code())
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/authoring/readability$"))  # where the person was going

    page.goto(live_server.url("/staff/"))
    assert heading(page) == "Staff home"
    assert "Network coordinator" in page.locator("main").inner_text()
    assert_no_horizontal_scroll(page)
    tab_to(page, "main button.button-secondary")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/login\?signed_out=1$"))
    assert page.locator(".notice.success").inner_text() == "You are signed out."
    assert problems == []


# Each state of each staff page, reached the way a person reaches it.

def login(page, live_server, accounts):
    page.goto(live_server.url("/staff/login"))


def login_error(page, live_server, accounts):
    page.goto(live_server.url("/staff/login"))
    page.fill("#email", accounts())
    page.fill("#password", "not the password")
    with page.expect_response(re.compile(r"/staff/login$")) as response:
        page.get_by_role("button", name="Sign in").click()
    assert response.value.status == 422
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()


def login_blank(page, live_server, accounts):
    page.goto(live_server.url("/staff/login"))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.locator(".field-error").count() == 2


def login_code(page, live_server, accounts):
    sign_in(page, live_server, accounts(totp=True))
    assert heading(page) == "Enter your sign-in code"


def home(page, live_server, accounts):
    sign_in(page, live_server, accounts("admin"))
    assert heading(page) == "Staff home"


def totp_setup(page, live_server, accounts):
    sign_in(page, live_server, accounts())
    page.goto(live_server.url("/staff/account/totp"))
    assert page.locator(".qr svg").is_visible()


def totp_setup_error(page, live_server, accounts):
    totp_setup(page, live_server, accounts)
    page.fill("#code", "000000")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.wait_for_load_state()
    assert page.locator("#code-error").is_visible()


PAGES = [login, login_error, login_blank, login_code, home, totp_setup, totp_setup_error]


@pytest.mark.parametrize("prepare", PAGES, ids=[p.__name__ for p in PAGES])
def test_staff_pages_have_no_axe_violations(axe_page, axe_script, live_server, accounts,
                                            prepare):
    prepare(axe_page, live_server, accounts)
    assert_no_axe_violations(axe_page, axe_script)


@pytest.mark.parametrize("prepare", PAGES, ids=[p.__name__ for p in PAGES])
def test_staff_pages_fit_a_phone(mobile_page, live_server, accounts, prepare):
    prepare(mobile_page, live_server, accounts)
    assert_no_horizontal_scroll(mobile_page)
