"""The company portal: every route here is for a signed-in company account, acting for its own company only."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from models import Company
from web.auth import company_required, current_company_id
from web.database import get_db

blueprint = Blueprint("company", __name__, url_prefix="/company")


@blueprint.before_request
@company_required
def only_companies():
    """Anonymous visitors go to sign in; organizers get 403."""


@blueprint.before_request
def not_withdrawn():
    """A withdrawn company sees only that it is withdrawn (403): it cannot act for the event any more."""
    company = get_db().get(Company, current_company_id())
    if company is not None and company.withdrawn_at is not None:
        return render_template("company/withdrawn.html", company=company), 403
    return None


@blueprint.context_processor
def event_state():
    """Whether the company's event is public: a draft's company has no partners to browse yet (its menu hides them)."""
    company_id = getattr(current_user, "company_id", None)  # also while an error page is shown to anyone else
    company = get_db().get(Company, company_id) if company_id is not None else None
    return {"partners_open": company is None or company.event.public}


from web.company import agenda, changes, consent, outcomes, partners, profile  # noqa: E402,F401  (routes register on import)
