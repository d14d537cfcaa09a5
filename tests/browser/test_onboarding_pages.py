"""The directory, reports, professionals and decided-request pages for staff, and the public
onboarding pages (start, not eligible, invitation, sponsor, invalid link): axe-core, a 360 px
phone and the console on each; the new-hospital form by keyboard."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

import pytest
from sqlalchemy import delete

from consent_service.api.models import ApiClient
from consent_service.db import session
from consent_service.directory.models import Hospital
from consent_service.invitations.links import accept_url
from consent_service.invitations.models import Invitation
from consent_service.onboarding.links import sponsor_url
from consent_service.onboarding.models import AccessRequest, Professional
from consent_service.outbox.models import OutboxMessage
from consent_service.review.models import StaffMember
from tests import onboarding_factories as of
from tests.browser.helpers import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    console_problems,
    focused,
    heading,
    press,
    tab_to,
)
from tests.browser.test_staff_login import sign_in
from tests.unit.invitations.factories import invitation, inviting_client
from tests.unit.review.factories import staff_member

pytestmark = pytest.mark.browser


@dataclass
class Site:
    """Rows made on the live server for one test; deleted afterwards (its database is shared)."""

    live_server: object
    tag: str = field(default_factory=lambda: uuid.uuid4().hex[:10])
    rows: list[tuple[type, str]] = field(default_factory=list)  # deleted last first
    emails: list[str] = field(default_factory=list)  # their outbox messages are deleted

    def context(self):
        return self.live_server.app.app_context()

    def admin(self) -> str:
        with self.context():
            member = staff_member("admin", email=f"browser-{self.tag}@example.org")
            self.rows.append((StaffMember, member.id))
            return member.email

    def hospital(self) -> str:
        """A member hospital of ReCONNET named and with a domain after the tag; its id."""
        with self.context():
            hospital = of.member_hospital(name=f"Ospedale Onboarding {self.tag}",
                                          domain=f"onb-{self.tag}.hospital.example")
            self.rows.append((Hospital, hospital.id))
            return hospital.id

    def approved_request(self) -> str:
        hospital_id = self.hospital()
        with self.context():
            email = f"anna-{self.tag}@onb-{self.tag}.hospital.example"
            request = of.submitted_request(email=email, name=f"Anna Bianchi {self.tag}")
            professional = of.mark_approved(request)
            self.emails.append(email)
            self.rows += [(AccessRequest, request.id), (Professional, professional.id)]
            assert request.hospital_id == hospital_id
            return request.id

    def sponsor_link(self) -> str:
        self.hospital()
        with self.context():
            sponsor = f"maria.rossi@onb-{self.tag}.hospital.example"
            email = f"guest-{self.tag}@clinic.example"
            request = of.guest_submitted_request(email=email, sponsor_email=sponsor)
            self.emails += [email, sponsor]
            self.rows.append((AccessRequest, request.id))
            return sponsor_url(request)

    def invitation_link(self) -> str:
        with self.context():
            client = inviting_client(f"panel system {self.tag}")[0]
            email = f"invitee-{self.tag}@example.org"
            row = invitation(client, email=email)
            self.emails.append(email)
            self.rows += [(ApiClient, client.id), (Invitation, row.id)]
            return accept_url(row)

    def clean_up(self) -> None:
        with self.context():
            db = session()
            for model, row_id in reversed(self.rows):
                row = db.get(model, row_id)
                if row is not None:
                    db.delete(row)
                    db.flush()
            if self.emails:
                db.execute(delete(OutboxMessage).where(OutboxMessage.recipient.in_(self.emails)))
            db.commit()


@pytest.fixture
def site(live_server):
    made = Site(live_server)
    yield made
    made.clean_up()


def staff(page, site, path: str) -> None:
    """Sign in as an admin through the login page, then open path."""
    sign_in(page, site.live_server, site.admin())
    page.goto(site.live_server.url(path))


# Each page, reached the way a person reaches it.

def directory(page, site):
    staff(page, site, "/staff/directory")
    assert heading(page) == "Directory of hospitals and networks"


def directory_search(page, site):
    site.hospital()
    staff(page, site, f"/staff/directory?q={site.tag}")
    assert f"Ospedale Onboarding {site.tag}" in page.locator("main").inner_text()


def hospital_page(page, site):
    staff(page, site, f"/staff/directory/hospitals/{site.hospital()}")
    assert heading(page) == f"Ospedale Onboarding {site.tag}"


def network_page(page, site):
    site.hospital()
    staff(page, site, "/staff/directory/networks/ReCONNET")
    assert heading(page) == "ReCONNET"
    assert f"Ospedale Onboarding {site.tag}" in page.locator("main").inner_text()


def new_hospital(page, site):
    staff(page, site, "/staff/directory/hospitals/new")
    assert heading(page) == "Add a hospital"


def new_hospital_errors(page, site):
    new_hospital(page, site)
    with page.expect_response(re.compile(r"/hospitals/new$")) as response:
        page.get_by_role("button", name="Save the hospital").click()
    assert response.value.status == 422
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()


def funnel(page, site):
    staff(page, site, "/staff/reports/funnel")
    assert heading(page) == "Onboarding funnel"


def professionals(page, site):
    site.approved_request()
    staff(page, site, "/staff/professionals")
    assert heading(page) == "People with access"
    assert f"Anna Bianchi {site.tag}" in page.locator("main").inner_text()


def decided_request(page, site):
    staff(page, site, f"/staff/requests/{site.approved_request()}")
    assert heading(page) == f"Request from Anna Bianchi {site.tag}"
    assert page.locator("main p.status").inner_text() == "Approved"
    assert page.locator('main input[name="decision"]').count() == 0  # decided: no form


def join(page, site):
    page.goto(site.live_server.url("/join"))
    assert heading(page) == "Request access as a healthcare professional"


def join_not_eligible(page, site):
    join(page, site)
    page.fill("#email", f"someone-{site.tag}@hospital.example")
    page.select_option("#country", "US")
    page.get_by_role("button", name="Send me a link").click()
    page.wait_for_load_state()
    assert heading(page) == "You cannot request access"


def invitation_accept(page, site):
    page.goto(site.invitation_link())
    assert heading(page) == "Your invitation to ReCONNET"


def invitation_not_eligible(page, site):
    invitation_accept(page, site)
    page.select_option("#country", "outside")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert heading(page) == "You cannot join from outside the EU or EEA"


def sponsor(page, site):
    page.goto(site.sponsor_link())
    assert heading(page) == "Confirm a request for access"


def sponsor_thanks(page, site):
    sponsor(page, site)
    page.get_by_label("Yes, I know this person and confirm the request").check()
    page.get_by_role("button", name="Send my answer").click()
    page.wait_for_load_state()
    assert heading(page) == "Thank you"


def invalid_verify_link(page, site):
    response = page.goto(site.live_server.url("/join/verify/forged.token.value"))
    assert response.status == 404
    assert heading(page) == "This link does not work"


def admin_staff_errors(page, site):
    staff(page, site, "/staff/admin/staff")
    assert heading(page) == "Staff accounts"
    with page.expect_response(re.compile(r"/staff/admin/staff$")) as response:
        page.get_by_role("button", name="Add the account").click()
    assert response.value.status == 422
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()


def admin_clients_errors(page, site):
    staff(page, site, "/staff/admin/clients")
    assert heading(page) == "API clients"
    with page.expect_response(re.compile(r"/staff/admin/clients$")) as response:
        page.get_by_role("button", name="Add the client").click()
    assert response.value.status == 422
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()


PAGES = [directory, directory_search, hospital_page, network_page, new_hospital,
         new_hospital_errors, funnel, professionals, decided_request, join, join_not_eligible,
         invitation_accept, invitation_not_eligible, sponsor, sponsor_thanks,
         invalid_verify_link, admin_staff_errors, admin_clients_errors]
IDS = [prepare.__name__ for prepare in PAGES]


@pytest.mark.parametrize("prepare", PAGES, ids=IDS)
def test_pages_have_no_axe_violations(axe_page, axe_script, site, prepare):
    prepare(axe_page, site)
    assert_no_axe_violations(axe_page, axe_script)


@pytest.mark.parametrize("prepare", PAGES, ids=IDS)
def test_pages_fit_a_phone_without_console_errors(mobile_page, site, prepare):
    # Without bypass_csp: a script or style the app's CSP refuses shows up as a console error.
    problems = console_problems(mobile_page)
    prepare(mobile_page, site)
    assert_no_horizontal_scroll(mobile_page)
    assert problems == []


FORM_CONTROLS = """() => [...document.querySelectorAll(
    'main form[action$="/hospitals/new"] :is(input, select, textarea, button)')]
  .filter(el => el.type !== 'hidden' && !el.disabled)
  .map(el => el.id ? '#' + el.id : 'main form button[type="submit"]')"""


def test_the_new_hospital_form_by_keyboard(desktop_page, site):
    page = desktop_page
    new_hospital(page, site)
    controls = page.evaluate(FORM_CONTROLS)
    assert controls[0] == "#code" and controls[-1] == 'main form button[type="submit"]'
    assert len(controls) > 7  # code, details, domains, one select per network, the button
    tab_to(page, controls[0])  # also checks that the focus is visible on the way
    for selector in controls[1:]:
        info = press(page, "Tab", selector)
        assert info and info["matches"], (
            f"Tab went to {info and info['describe']} instead of {selector}; order: {controls}")
    assert focused(page)["describe"].startswith("button")
