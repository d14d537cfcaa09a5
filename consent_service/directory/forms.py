"""Staff forms of the directory: search, and a hospital's details; shape only.

Whether a code is taken is the service's question (it needs the database).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

from ..i18n import _, _l
from .countries import COMMON_MISTAKES, ISO_3166_1, is_country, is_eu_eea
from .editing import HospitalDetails
from .models import MEMBER, PARTNER
from .normalise import InvalidDomain, normalise_domain, search_text
from .validation import HOSPITAL_CODE, MAX_DOMAINS, MAX_LENGTHS

NETWORK_FIELD = "network_"  # + the network's code: one select per network
KIND_LABELS = {"": _l("Not in this network"), MEMBER: _l("Full member"),
               PARTNER: _l("Affiliated partner")}


def country_name(code: str) -> str:
    """Return the country's name in the page's language (the code when Babel has none)."""
    return get_locale().territories.get(code, code)


def country_choices() -> list[SelectChoice]:
    """Return the countries by name in the page's language, EU/EEA first, in two groups."""
    def by_name(codes: Iterable[str], group: str) -> list[SelectChoice]:
        names = {code: country_name(code) for code in codes}
        return [SelectChoice(code, f"{names[code]} ({code})", optgroup=group)
                for code in sorted(names, key=lambda code: search_text(names[code]))]
    return [SelectChoice("", _("Choose a country")),
            *by_name((c for c in ISO_3166_1 if is_eu_eea(c)), _("EU and EEA")),
            *by_name((c for c in ISO_3166_1 if not is_eu_eea(c)), _("Other countries"))]


def _clean(value: str | None) -> str:
    """Trim and NFC-normalise, as the import does, so equal names compare equal."""
    return unicodedata.normalize("NFC", value.strip()) if isinstance(value, str) else ""


def _plain_text(form, field) -> None:
    if any(unicodedata.category(char) == "Cc" for char in field.data):
        raise ValidationError(_l("Remove the line breaks and other control characters."))
    limit = MAX_LENGTHS.get(field.name)
    if limit and len(field.data) > limit:
        raise ValidationError(_l("Write at most %(limit)d characters.", limit=limit))


def _code_shape(form, field) -> None:
    if not HOSPITAL_CODE.match(field.data):
        raise ValidationError(_l("Use 1 to 32 letters A to Z, digits, hyphens (-) or "
                                 "underscores (_)."))


def _country(form, field) -> None:
    if field.data in COMMON_MISTAKES:
        raise ValidationError(_l("%(given)s is not an ISO country code. Choose %(code)s.",
                                 given=field.data, code=COMMON_MISTAKES[field.data]))
    if not is_country(field.data):
        raise ValidationError(_l("Choose a country from the list."))


def _domains(form, field) -> None:
    """Normalise each line's domain; the Unicode form is kept in field.domains."""
    found: list[str] = []
    problems: list[str] = []
    for line in (field.data or "").splitlines():
        if not line.strip():
            continue
        try:
            domain = normalise_domain(line)
        except InvalidDomain:
            problems.append(line.strip()[:60])
            continue
        if domain not in found:
            found.append(domain)
    field.domains = tuple(found)
    if problems:
        raise ValidationError(_(
            "This is not a domain that can be stored: %(domains)s. Give only the domain, like "
            "hospital.example, without https:// or a name and @.", domains=", ".join(problems)))
    if len(found) > MAX_DOMAINS:
        raise ValidationError(_("Give at most %(limit)d domains.", limit=MAX_DOMAINS))


def _text_field(label, required_message=None, **render_kw) -> StringField:
    validators = [DataRequired(message=required_message)] if required_message else []
    return StringField(label, filters=[_clean], validators=[*validators, _plain_text],
                       render_kw={"maxlength": "400", **render_kw})


class SearchForm(FlaskForm):
    """The hospital search box: a GET form, so no CSRF token."""

    class Meta:
        csrf = False

    q = StringField(_l("Hospital name, city or code"), filters=[_clean],
                    render_kw={"spellcheck": "false", "maxlength": "200", "type": "search"})


class HospitalForm(FlaskForm):
    """A hospital's details; hospital_form() adds the code (new hospitals) and the networks."""

    name = _text_field(_l("Name"), _l("Enter the hospital's name."))
    country = SelectField(_l("Country"), choices=country_choices, validate_choice=False,
                          filters=[_clean], validators=[_country])
    city = _text_field(_l("City"), _l("Enter the city."))
    dpo_contact = _text_field(_l("Contact of the data protection officer"))
    email_domains = TextAreaField(
        _l("Email domains of the hospital's staff"), validators=[_domains],
        render_kw={"rows": 4, "spellcheck": "false", "autocapitalize": "none"})

    def network_fields(self) -> list:
        """Return the membership selects, in network order."""
        return [field for field in self if field.name.startswith(NETWORK_FIELD)]

    def details(self) -> HospitalDetails:
        """Return the validated answers for the editing services."""
        memberships = {field.name.removeprefix(NETWORK_FIELD): field.data
                       for field in self.network_fields() if field.data}
        return HospitalDetails(
            name=self.name.data, country=self.country.data, city=self.city.data,
            dpo_contact=self.dpo_contact.data, domains=self.email_domains.domains,
            memberships=memberships)


def hospital_form(network_codes: Iterable[str], *, new: bool, **kwargs) -> HospitalForm:
    """Build the form with a select per network (and a code field for a new hospital)."""

    class Form(HospitalForm):
        pass

    if new:
        Form.code = StringField(
            _l("Code"), filters=[_clean],
            validators=[DataRequired(message=_l("Enter the hospital's code.")), _code_shape],
            render_kw={"maxlength": "32", "spellcheck": "false", "autocapitalize": "characters"})
    for code in network_codes:
        setattr(Form, NETWORK_FIELD + code, SelectField(
            code, choices=[SelectChoice(kind, label) for kind, label in KIND_LABELS.items()],
            default="",
            invalid_choice_message=_l("Choose one of the options listed.")))
    return Form(**kwargs)


def form_data(hospital) -> dict:
    """Return a stored hospital as the form's starting answers."""
    data = {"name": hospital.name, "country": hospital.country, "city": hospital.city,
            "dpo_contact": hospital.dpo_contact,
            "email_domains": "\n".join(d.domain for d in hospital.domains)}
    data.update({NETWORK_FIELD + m.network.code: m.kind for m in hospital.memberships})
    return data
