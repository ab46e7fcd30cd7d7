"""The company portal: every route here is for a signed-in company account, acting for its own company only."""

from __future__ import annotations

from flask import Blueprint

from web.auth import company_required

blueprint = Blueprint("company", __name__, url_prefix="/company")


@blueprint.before_request
@company_required
def only_companies():
    """Anonymous visitors go to sign in; organizers get 403."""


from web.company import agenda, outcomes, partners, profile  # noqa: E402,F401  (routes register on import)
