"""An applicant's whole request on a 360 px phone, mostly by keyboard, axe-core on every page."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from consent_service.db import session
from consent_service.onboarding.models import AccessRequest
from tests import factories
from tests import onboarding_factories as of
from tests.browser.helpers import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    choose_radio,
    console_problems,
    heading,
    tab_to,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(new_context, axe_script):
    """A phone 360 CSS pixels wide that may inject axe-core (the app's CSP allows own scripts)."""
    context = new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                          is_mobile=True, has_touch=True, bypass_csp=True)
    return context.new_page()


@pytest.fixture
def directory(live_server):
    """A member hospital with a unique name, and a sponsor's address at another one."""
    tag = uuid.uuid4().hex[:8]
    with live_server.app.app_context():
        hospital = of.member_hospital(name=f"Ospedale Browser {tag}",
                                      domain=f"browser-{tag}.hospital.example")
        sponsor = of.address_at(of.member_hospital(domain=f"sponsor-{tag}.hospital.example"),
                                "maria.rossi")
        return {"tag": tag, "hospital_id": hospital.id, "sponsor": sponsor,
                "network_id": factories.network("ReCONNET").id}


def verify_link(live_server, email: str) -> str:
    with live_server.app.app_context():
        return live_server.url(of.link_in(of.last_email(email, "access_verify")))


def request_of(live_server, email: str) -> dict:
    with live_server.app.app_context():
        request = session().scalars(select(AccessRequest).where(
            AccessRequest.email == email)).one()
        return {"status": request.status, "sponsor": request.sponsor_email,
                "events": [event.kind for event in request.events]}


def check(page, axe_script, title: str) -> None:
    assert heading(page) == title, page.url
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page, axe_script)


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def send(page, url_pattern: str, button: str = 'main button[type="submit"].button') -> None:
    tab_to(page, button)
    with page.expect_navigation():  # also when the page comes back to the same address
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert re.search(url_pattern, page.url), page.url


def test_a_doctor_requests_access_on_a_phone(phone, live_server, axe_script, directory):
    page = phone
    problems = console_problems(page)
    # A private address: the pre-checks will explain the mismatch and ask for a sponsor.
    email = f"anna.{directory['tag']}@mail.example"

    page.goto(live_server.url("/"))
    page.get_by_role("link", name="Request access as a healthcare professional").click()
    page.wait_for_url(re.compile(r"/join$"))
    check(page, axe_script, "Request access as a healthcare professional")

    type_into(page, "#email", email)
    tab_to(page, "#country")
    page.select_option("#country", "IT")
    send(page, r"/join$")
    check(page, axe_script, "Check your email")

    page.goto(verify_link(live_server, email))
    page.wait_for_url(re.compile(r"/join/step/about$"))
    check(page, axe_script, "About you")
    assert page.locator(".step-indicator").inner_text() == "Step 1 of 6"

    # Sent empty first: the errors are listed and linked to their fields.
    send(page, r"/join/step/about$")
    assert page.locator(".error-summary").is_visible()
    check(page, axe_script, "About you")
    type_into(page, "#name", "Anna Bianchi")
    choose_radio(page, "profession", "physician")
    type_into(page, "#registration_number", "PD-12345")
    send(page, r"/join/step/workplace$")
    check(page, axe_script, "Where you work")

    # The search is a plain form: it works without script.
    type_into(page, "#q", directory["tag"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/join/step/workplace?q=" in page.url
    assert page.get_by_text("1 hospital found").is_visible()
    check(page, axe_script, "Where you work")
    choose_radio(page, "hospital", directory["hospital_id"])
    send(page, r"/join/step/network$")
    check(page, axe_script, "Network and role")

    tab_to(page, "#network")
    page.select_option("#network", directory["network_id"])
    choose_radio(page, "role", "member")
    send(page, r"/join/step/why$")
    check(page, axe_script, "Why you need access")
    type_into(page, "#reason", "I treat children with connective tissue diseases.")
    send(page, r"/join/step/checks$")

    check(page, axe_script, "Checks before you send")
    assert page.get_by_text("Your email address is not one of your hospital").is_visible()
    type_into(page, "#sponsor_email", directory["sponsor"])
    type_into(page, "#sponsor_name", "Maria Rossi")
    send(page, r"/join/step/summary$")

    check(page, axe_script, "Check your answers")
    assert page.get_by_text("Anna Bianchi").first.is_visible()
    send(page, r"/join/request/status$")
    check(page, axe_script, "Your request")
    assert "Status: Waiting for a reviewer" in page.locator("main").inner_text()
    assert page.get_by_text("We asked your sponsor to confirm your request.").is_visible()

    stored = request_of(live_server, email)
    assert stored["status"] == "submitted" and stored["sponsor"] == directory["sponsor"]
    assert stored["events"][-2:] == ["submitted", "sponsor_asked"]
    assert problems == []


def test_the_returned_request_page_has_no_axe_violations(phone, live_server, axe_script):
    with live_server.app.app_context():
        request = of.mark_returned(of.submitted_request(), fields=["registration_number"])
        link = live_server.url(of.link_in(
            of.last_email(request.email, "access_submitted")))
    phone.goto(link)
    phone.wait_for_url(re.compile(r"/join/request/edit$"))
    check(phone, axe_script, "Change your request")
    assert phone.locator(".flag").inner_text() == "Please check this"
    phone.goto(live_server.url("/join/request/status"))
    check(phone, axe_script, "Your request")
