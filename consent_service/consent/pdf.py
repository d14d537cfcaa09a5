"""The PDF copy of a consent: the exact text shown, the choices, signer, time and hash."""

from __future__ import annotations

from flask_babel import force_locale, format_datetime

from ..config import PACKAGE_DIR
from ..i18n import _
from .display import role_label
from .formfiles import CHOICE_KEYS, FormText
from .models import Consent

FONT_DIR = PACKAGE_DIR / "static" / "fonts"


def _pdf_class():
    # fpdf2 is imported here so that importing the app does not load it.
    from fpdf import FPDF, XPos, YPos

    class ReceiptPDF(FPDF):
        def footer(self):
            self.set_y(-15)
            self.set_font("DejaVu", size=8)
            self.cell(0, 10, f"{self.receipt_id} · {self.page_no()}/{{nb}}", align="C")

    return ReceiptPDF, XPos, YPos


def render_receipt(consent: Consent, text: FormText) -> bytes:
    """Return the receipt as PDF bytes, in the language the consent was signed in."""
    ReceiptPDF, XPos, YPos = _pdf_class()
    with force_locale(consent.language):
        pdf = ReceiptPDF(format="A4")
        pdf.receipt_id = consent.receipt_id
        pdf.set_lang(consent.language)
        pdf.set_title(f"{text.title}: {consent.receipt_id}")
        pdf.set_creator("consent-service")
        pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdf.set_auto_page_break(auto=True, margin=20)
        pdf.add_page()

        def line(value: str, size: int = 10, bold: bool = False, gap: float = 1.5) -> None:
            pdf.set_font("DejaVu", "B" if bold else "", size)
            pdf.multi_cell(0, size * 0.5, value, align="L", new_x=XPos.LMARGIN,
                           new_y=YPos.NEXT)
            pdf.ln(gap)

        line(text.title, 16, bold=True, gap=3)
        summary = _("Decision: consent given") if consent.decision == "given" else _(
            "Decision: consent declined")
        line(summary, 12, bold=True)
        facts = [
            (_("Receipt"), consent.receipt_id),
            (_("Hospital"), consent.hospital.name),
            (_("Patient reference"), consent.patient_ref),
            (_("Signed by"), f"{consent.signer_name} ({role_label(consent.signer_role)})"),
        ]
        if consent.signer_relationship:
            facts.append((_("Relationship to the patient"), consent.signer_relationship))
        if consent.child_name:
            birth = consent.child_birth_date.isoformat() if consent.child_birth_date else ""
            facts.append((_("Child"), f"{consent.child_name}, {birth}"))
        facts += [
            (_("Signed at"), format_datetime(consent.signed_at, "long")),
            (_("Form"), _("%(form)s, version %(version)d", form=consent.form_id,
                          version=consent.form_version)),
            (_("SHA-256 of the text"), consent.text_sha256),
        ]
        for label, value in facts:
            line(f"{label}: {value}")
        pdf.ln(2)
        line(_("Your choices"), 12, bold=True)
        for key in CHOICE_KEYS:
            choice = text.choice(key)
            answer = choice["yes"] if consent.choices[key] else choice["no"]
            line(f"{choice['label']}: {answer}")
        if consent.withdrawn_at:
            line(_("Withdrawn at: %(when)s", when=format_datetime(consent.withdrawn_at, "long")),
                 bold=True)
        pdf.ln(4)
        line(_("The text you were shown"), 12, bold=True, gap=3)
        for paragraph in text.plain_text.strip().split("\n\n"):
            line(paragraph, 10, gap=2)
        return bytes(pdf.output())
