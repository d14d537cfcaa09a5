"""Display helpers shared by pages and the PDF: form text as HTML, translated labels."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..i18n import _


def paragraphs(text: str) -> Markup:
    """Render form text: blank lines separate paragraphs, lines starting '- ' are a list."""
    html = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        elif lines:
            html.append(f"<p>{escape(' '.join(lines))}</p>")
    return Markup("\n".join(html))  # noqa: S704  (every piece of text was escaped above)


def role_label(role: str) -> str:
    """Return the translated name of a signer role."""
    return {
        "patient": _("The patient"),
        "guardian": _("Parent or guardian of a child"),
        "representative": _("Legal representative"),
    }[role]


def event_label(kind: str) -> str:
    """Return the translated name of a consent history entry."""
    return {
        "signed": _("Consent given"),
        "declined": _("Consent declined"),
        "changed": _("Choices changed"),
        "withdrawn": _("Consent withdrawn"),
    }[kind]
