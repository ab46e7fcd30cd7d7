"""Finding partners and asking to meet them: search, filters, suggestions, requests sent and received."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from models import Company
from schedules.company import partners as market
from schedules.company import profile
from schedules.company import requests as wishes
from schedules.company.late import waiting_requests
from schedules.company.suggestions import suggested_meetings
from schedules.company.unmet import unmet_requests
from schedules.errors import NotFound, Refused
from web.auth import current_company_id
from web.company import blueprint
from web.company.consent import flash_company_refusal, unmet_text
from web.company.forms import PRIORITY_NAMES, PartnerSearch, RequestForm, sector_choices
from web.database import get_db
from web.messages import flash_refusal
from web.urls import safe_next


@blueprint.before_request
def not_on_a_draft():
    """While the event is a draft nobody browses partners nor asks to meet them (404): it is not public yet."""
    if (
        request.endpoint in _PARTNER_PAGES
        and not profile.company_of(get_db(), current_company_id()).event.public
    ):
        abort(404)


_PARTNER_PAGES = ("company.partners", "company.partner", "company.send_request")


@blueprint.get("/partners")
def partners():
    """Possible partners narrowed by search, country and sector, with the best sector fits suggested."""
    search = PartnerSearch(request.args)
    wanted = market.PartnerFilter(search.q.data or "", search.country.data or "", search.sector.data or "")
    page = market.browse(get_db(), current_company_id(), wanted)
    names = dict(sector_choices(page.me.event, str(get_locale())))
    search.offer(page.countries, [(code, names.get(code, code)) for code in page.sectors])
    return render_template(
        "company/partners.html",
        search=search,
        page=page,
        ask=RequestForm(),
        sector_names=names,
        priorities=PRIORITY_NAMES,
        filtered=wanted != market.PartnerFilter(),
    )


@blueprint.get("/partners/<int:partner_id>")
def partner(partner_id: int):
    """A possible partner's profile (never its contact persons). Aborts 404 for a company it may not meet."""
    db = get_db()
    company_id = current_company_id()
    try:
        found = market.partner(db, company_id, partner_id)
    except NotFound:
        abort(404)
    ask = RequestForm(partner=str(partner_id), priority=found.sent.priority if found.sent else 2)
    names = dict(sector_choices(found.company.event, str(get_locale())))
    return render_template(
        "company/partner.html",
        partner=found,
        ask=ask,
        sector_names=names,
        priorities=PRIORITY_NAMES,
    )


@blueprint.post("/requests")
def send_request():
    """Ask to meet a partner (or change the priority). Aborts 404 for a company it may not meet."""
    form = RequestForm()
    if not form.validate_on_submit() or not form.partner.data.isdigit():
        abort(400)
    try:
        wishes.send_request(get_db(), current_company_id(), int(form.partner.data), form.priority.data)
    except NotFound:
        abort(404)
    except Refused as error:
        flash_refusal(error)
    else:
        flash(_("Your request is sent: %(priority)s.", priority=PRIORITY_NAMES[form.priority.data]))
    return redirect(safe_next(request.args.get("next")) or url_for("company.requests"))


@blueprint.get("/requests")
def requests():
    db = get_db()
    company_id = current_company_id()
    me = db.get(Company, company_id)
    names = dict(sector_choices(me.event, str(get_locale())))
    return render_template(
        "company/requests.html",
        me=me,
        sent=wishes.sent_requests(db, company_id),
        received=wishes.received_requests(db, company_id),
        priorities=PRIORITY_NAMES,
        waiting=waiting_requests(db, company_id),
        suggested=suggested_meetings(db, company_id),
        unmet={key: unmet_text(code) for key, code in unmet_requests(db, company_id).items()},
        deadline=wishes.deadline_text(me.event) if me.event.requests_close_at else None,
        deadline_passed=wishes.past_deadline(me.event),
        sector_names=names,
    )


@blueprint.post("/requests/<int:request_id>/withdraw")
def withdraw_request(request_id: int):
    """Withdraw a request the company sent. Aborts 404 for anyone else's."""
    try:
        wishes.withdraw_request(get_db(), current_company_id(), request_id)
    except NotFound:
        abort(404)
    except Refused as error:
        flash_company_refusal(error)
    else:
        flash(_("The request is withdrawn."))
    return redirect(safe_next(request.args.get("next")) or url_for("company.requests"))
