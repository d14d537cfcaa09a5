"""The funnel report as the network would read it: service, `flask report funnel`, staff page."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from consent_service.db import session, utcnow
from consent_service.onboarding.models import APPROVED, DRAFT, EMAIL_VERIFIED, REJECTED, SUBMITTED
from consent_service.reports import services
from tests.unit.reminders.factories import access_request, day, event
from tests.unit.review.factories import sign_in, staff_member

REASONS = ("registration_number", "email_domain", "hospital_not_member")


def network_report_situation():
    """Build the network's figures: 49 requests, 23 rejected, 6 of those never tried again.

    Every rejected request was decided 3 days after it was sent, every approved one 5 days.
    """
    for number in range(1, 24):
        email = f"rejected{number:02d}@hospital.example"
        request = access_request(REJECTED, email=email, created_at=day(number),
                                 verified_at=day(number), submitted_at=day(number + 1),
                                 decided_at=day(number + 4), submissions=1)
        event(request, "rejected", day(number + 4), reason_codes=[REASONS[number % 3]])
        if number <= 17:  # 17 doctors asked again, with the same address
            later = APPROVED if number <= 12 else SUBMITTED
            access_request(later, email=email, created_at=day(number + 10),
                           verified_at=day(number + 10), submitted_at=day(number + 11),
                           decided_at=day(number + 16) if later == APPROVED else None,
                           submissions=1)
    for number in range(4):  # approved at the first try
        access_request(APPROVED, created_at=day(number), verified_at=day(number),
                       submitted_at=day(number), decided_at=day(number + 5), submissions=1)
    for status in (DRAFT, DRAFT, EMAIL_VERIFIED, SUBMITTED, SUBMITTED):
        access_request(status, created_at=day(40), updated_at=day(40),
                       submitted_at=day(40) if status == SUBMITTED else None)


def row(html: str, label: str) -> str:
    match = re.search(rf'<th scope="row">{re.escape(label)}</th>\s*<td>\s*([^<]*?)\s*</td>', html)
    assert match, f"no row {label!r}"
    return match.group(1)


@pytest.fixture
def situation(app):
    network_report_situation()


def test_the_service_reads_the_network_figures(situation):
    funnel = services.funnel(session(), now=day(100))
    assert (funnel.started, funnel.rejected, funnel.never_retried) == (49, 23, 6)
    assert funnel.approved == 16
    assert funnel.rejected_by_reason == {"registration_number": 7, "email_domain": 8,
                                         "hospital_not_member": 8}
    assert funnel.median_days_to_decision == 3.0  # 23 rejected after 3 days, 16 approved after 5


def test_the_command_prints_the_figures_as_a_table_and_as_json(situation, runner):
    result = runner.invoke(args=["report", "funnel"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Onboarding funnel: all networks, requests started from the start to today"
    assert re.search(r"^Requests started +49$", result.output, re.M)
    assert re.search(r"^Rejected +23$", result.output, re.M)
    assert re.search(r"^Rejected and never asked again +6$", result.output, re.M)
    assert re.search(r"^Median days from first sending to decision +3\.0$", result.output, re.M)
    assert re.search(r"^  rejected for registration_number +7$", result.output, re.M)
    assert "@" not in result.output
    as_json = runner.invoke(args=["report", "funnel", "--json", "--network", "ReCONNET"])
    values = json.loads(as_json.output)
    assert (values["started"], values["rejected"], values["never_retried"]) == (49, 23, 6)
    assert values["network_code"] == "ReCONNET"


def test_the_command_filters_by_network_and_days(situation, runner):
    other = runner.invoke(args=["report", "funnel", "--network", "ERKNet", "--json"])
    assert json.loads(other.output)["started"] == 0
    first_day = day(1).date().isoformat()
    result = runner.invoke(args=["report", "funnel", "--json", "--since", first_day,
                                 "--until", first_day])
    assert json.loads(result.output)["started"] == 2  # rejected01, and one approved at once


@pytest.mark.parametrize(("args", "message"), [
    (["--network", "NOPE"], "no network has the code NOPE"),
    (["--since", "2025-02-30"], "YYYY-MM-DD"),
    (["--since", "2025-03-10", "--until", "2025-03-01"], "the last day is before the first"),
])
def test_the_command_refuses_bad_filters_clearly(runner, args, message):
    result = runner.invoke(args=["report", "funnel", *args])
    assert result.exit_code != 0
    assert message in result.output


@pytest.mark.parametrize("role", ["admin", "helpdesk", "coordinator"])
def test_the_staff_page_shows_the_figures_to_every_role(situation, client, role):
    sign_in(client, staff_member(role, network_code="ReCONNET" if role == "coordinator"
                                 else None))
    page = client.get("/staff/reports/funnel")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    html = page.text
    assert row(html, "Requests started") == "49"
    assert row(html, "Rejected") == "23"
    assert row(html, "Rejected and never asked again") == "6"
    assert row(html, "Median days from first sending to decision") == "3.0"
    assert row(html, "The professional registration number is missing or wrong.") == "7"
    assert "<caption>" in html and '<th scope="col">' in html
    assert "@hospital.example" not in html


def test_a_coordinator_sees_only_their_own_network(situation, client):
    sign_in(client, staff_member("coordinator", network_code="ERKNet"))
    page = client.get("/staff/reports/funnel")
    assert page.status_code == 200
    assert row(page.text, "Requests started") == "0"
    assert 'name="network"' not in page.text
    assert client.get("/staff/reports/funnel?network=ERKNet").status_code == 200
    assert client.get("/staff/reports/funnel?network=ReCONNET").status_code == 403


def test_other_staff_can_filter_by_network_and_days(situation, client):
    sign_in(client, staff_member("helpdesk"))
    page = client.get("/staff/reports/funnel?network=ERKNet")
    assert row(page.text, "Requests started") == "0"
    first_day = day(1).date().isoformat()
    page = client.get(f"/staff/reports/funnel?network=&since={first_day}&until={first_day}")
    assert row(page.text, "Requests started") == "2"
    assert f'value="{first_day}"' in page.text  # the filter keeps what was asked


@pytest.mark.parametrize(("query", "message"), [
    ("network=NOPE", "No network has the code NOPE."),
    ("since=2025-02-30", "Enter the date as year-month-day, for example 2025-03-27."),
    ("since=2025-03-10&until=2025-03-01", "The last day must not be before the first day."),
])
def test_bad_filters_answer_422_with_a_clear_message(client, query, message):
    sign_in(client, staff_member("admin"))
    page = client.get(f"/staff/reports/funnel?{query}")
    assert page.status_code == 422
    assert message in page.text
    assert 'class="error-summary"' in page.text
    assert "<table>" not in page.text


def test_signed_out_visitors_are_sent_to_sign_in(client):
    page = client.get("/staff/reports/funnel")
    assert page.status_code == 302
    assert "/staff/login" in page.location


def test_abandoned_requests_show_after_30_quiet_days(client):
    access_request(DRAFT, created_at=utcnow() - timedelta(days=31),
                   updated_at=utcnow() - timedelta(days=31))
    access_request(DRAFT, created_at=utcnow() - timedelta(days=2),
                   updated_at=utcnow() - timedelta(days=2))
    sign_in(client, staff_member("helpdesk"))
    page = client.get("/staff/reports/funnel")
    assert row(page.text, "Left unfinished for 30 days or more") == "1"


def test_the_page_works_in_another_language(situation, client):
    sign_in(client, staff_member("helpdesk"))
    page = client.get("/staff/reports/funnel?lang=de")
    assert page.status_code == 200
    assert 'lang="de"' in page.text
    assert "3,0" in page.text  # the median, written the German way
