"""Staff report pages: the onboarding funnel."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from sqlalchemy import select

from ..db import session as db_session
from ..db import utcnow
from ..directory.models import Network
from ..i18n import _
from ..onboarding.labels import REASON_LABELS
from ..review.auth import current_staff, staff_required
from . import labels, services
from .forms import FunnelFilterForm

bp = Blueprint("reports", __name__, template_folder="templates")


@bp.context_processor
def staff_for_templates() -> dict:
    """Give the staff layout the signed-in member."""
    return {"staff": current_staff()}


@bp.get("/staff/reports/funnel")
@staff_required()
def funnel():
    """Show how many access requests reached each step; coordinators see their network only."""
    staff = current_staff()
    db = db_session()
    form = FunnelFilterForm(formdata=request.args)
    coordinator = staff.role == "coordinator"
    if coordinator:
        if (request.args.get("network") or staff.network_code) != staff.network_code:
            abort(403, _("You can only see the report of your own network."))
        form.network.choices = [(staff.network_code, staff.network_code)]
        form.network.data = staff.network_code
    else:
        networks = db.scalars(select(Network).order_by(Network.code))
        form.network.choices = [("", _("All networks"))] + [
            (network.code, f"{network.code} – {network.name}") for network in networks]
    if not form.validate():
        return render_template("reports/funnel.html", form=form, funnel=None,
                               coordinator=coordinator), 422
    result = services.funnel(db, network_code=form.network.data or None, since=form.since.data,
                             until=form.until.data, now=utcnow())
    return render_template("reports/funnel.html", form=form, funnel=result,
                           coordinator=coordinator, labels=labels, reason_labels=REASON_LABELS)
