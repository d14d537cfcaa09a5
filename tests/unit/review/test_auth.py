"""Open-redirect protection and coordinator scoping."""

from __future__ import annotations

import pytest

from consent_service.review.auth import can_see_network, safe_next
from consent_service.review.models import StaffMember


@pytest.mark.parametrize(("value", "expected"), [
    ("/authoring/readability", "/authoring/readability"),
    ("/staff/?lang=de", "/staff/?lang=de"),
    ("/%2F%2Fevil.example", "/%2F%2Fevil.example"),  # a path here: browsers do not decode it
    ("", None),
    (None, None),
    (["/staff/"], None),
    ("staff/", None),
    ("https://evil.example/", None),
    ("//evil.example/", None),
    ("/\\evil.example/", None),
    ("/\\/evil.example/", None),
    ("/ok\\..\\", None),
    ("/\t/evil.example", None),
    ("/\n/evil.example", None),
    ("javascript:alert(1)", None),
    ("http:/evil.example", None),
    ("/" + "a" * 2000, None),
])
def test_safe_next_keeps_only_paths_on_this_site(value, expected):
    assert safe_next(value) == expected


@pytest.mark.parametrize(("role", "own", "network", "allowed"), [
    ("admin", None, "ReCONNET", True),
    ("admin", None, None, True),
    ("helpdesk", None, "ERN-RND", True),
    ("coordinator", "ReCONNET", "ReCONNET", True),
    ("coordinator", "ReCONNET", "ERN-RND", False),
    ("coordinator", "ReCONNET", None, False),
    ("coordinator", "ReCONNET", "reconnet", False),  # codes are compared exactly
])
def test_coordinators_see_their_own_network_only(role, own, network, allowed):
    staff = StaffMember(role=role, network_code=own)
    assert can_see_network(staff, network) is allowed
