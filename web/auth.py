"""Who is signed in and what they may open: sign-in, sign-out, the idle timeout, changing and resetting a
password, and the access decorators.

Company views guard themselves with `company_required` (anonymous visitors are
sent to sign in, the wrong role gets 403); the organizer console is guarded as a
whole by `web.organizer.access`. `current_company_id()` is the only company a
company view may act for.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from functools import wraps

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import LoginManager, current_user, login_user, logout_user

from accounts import service
from accounts.passwords import MIN_LENGTH
from config import ROOT
from models import COMPANY, ORGANIZER, Account
from schedules.errors import Refused
from schedules.mail.account_mails import mail_language, queue_reset_mail
from web.auth_forms import ChangePasswordForm, ForgotForm, LoginForm, ResetForm
from web.database import get_db
from web.fields import attach_error, status
from web.security import login_limits, request_limits
from web.urls import safe_next

blueprint = Blueprint("auth", __name__)
log = logging.getLogger(__name__)
login_manager = LoginManager()
ORGANIZER_HOMES = ("organizer.home", "organizer.dashboard", "organizer.index")
LAST_SEEN = "seen"  # in the session: when (Unix seconds) the signed-in person last made a request


@dataclass(frozen=True)
class SignedIn:
    """The signed-in account as Flask-Login sees it; the cookie id carries the session key."""

    id: int
    role: str
    company_id: int | None
    email: str
    session_key: str
    is_authenticated: bool = True
    is_active: bool = True
    is_anonymous: bool = False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_key}"


def signed_in(account: Account) -> SignedIn:
    return SignedIn(account.id, account.role, account.company_id, account.email, account.session_key)


def configure(app: Flask) -> None:
    app.config.setdefault("MAIL_OUTBOX", str(ROOT / "instance" / "outbox"))
    login_manager.init_app(app)
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)
    login_manager.unauthorized_handler(ask_to_sign_in)
    app.jinja_env.globals.update(current_user=current_user)
    app.before_request(end_idle_session)
    app.after_request(note_last_seen)
    app.register_blueprint(blueprint)


def end_idle_session() -> None:
    """Sign out a session unused for SESSION_IDLE_MINUTES; the page asked for then asks to sign in."""
    if "_user_id" not in session:
        return
    seen = session.get(LAST_SEEN)
    if isinstance(seen, int) and time.time() - seen <= current_app.config["SESSION_IDLE_MINUTES"] * 60:
        return
    logout_user()
    session.clear()
    flash(_("You were signed out after a while without activity. Sign in again."))


def note_last_seen(response):
    """Keep the signed-in session's last request time, to the minute (the cookie is not rewritten each time)."""
    if "_user_id" in session:
        now = int(time.time())
        if now - session.get(LAST_SEEN, 0) >= 60:
            session[LAST_SEEN] = now
    return response


def load_user(cookie_id: str) -> SignedIn | None:
    """The account behind the cookie, unless its session key changed since (password reset)."""
    account_id, _, key = cookie_id.partition(":")
    account = get_db().get(Account, int(account_id)) if account_id.isdigit() else None
    if account is None or account.session_key != key:
        return None
    g.account_language = account.language
    return signed_in(account)


def ask_to_sign_in():
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _requires(role: str | None):
    def decorator(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return ask_to_sign_in()
            if role is not None and current_user.role != role:
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorator


login_required = _requires(None)
login_required.__doc__ = "Any signed-in account; anonymous visitors are sent to the sign-in page."
company_required = _requires(COMPANY)


def current_company_id() -> int:
    """The company the signed-in company account acts for (only inside `company_required` views)."""
    if not current_user.is_authenticated or current_user.company_id is None:
        abort(403)
    return current_user.company_id


def home_url(user: SignedIn) -> str:
    if user.role == COMPANY and "company.home" in current_app.view_functions:
        return url_for("company.home")
    if user.role == ORGANIZER:
        for endpoint in ORGANIZER_HOMES:
            if endpoint in current_app.view_functions:
                return url_for(endpoint)
    return url_for("public.home")


@blueprint.route("/login", methods=["GET", "POST"])
@login_limits
def login():
    """Sign in with email and password; a wrong pair re-shows the form with 401."""
    form = LoginForm()
    if form.validate_on_submit():
        account = service.authenticate(get_db(), form.email.data, form.password.data)
        if account is not None:
            user = signed_in(account)
            login_user(user)
            log.info("sign-in: account %s (%s) from %s", account.id, account.role, request.remote_addr)
            return redirect(safe_next(request.args.get("next")) or home_url(user))
        log.warning("failed sign-in for %r from %s", form.email.data, request.remote_addr)
        form.password.errors.append(_("The email or the password is wrong."))
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form), status(form)


@blueprint.post("/logout")
def logout():
    """Sign out, and void every copy of this account's cookie (a new session key)."""
    if current_user.is_authenticated:
        service.end_sessions(get_db(), current_user.id)
    logout_user()
    session.clear()
    flash(_("You are signed out."))
    return redirect(url_for("public.home"))


@blueprint.route("/password/forgot", methods=["GET", "POST"])
@request_limits
def forgot():
    """Ask for a reset link; the answer is the same whether or not the email has an account."""
    form = ForgotForm()
    if form.validate_on_submit():
        db, base, language = get_db(), current_app.config["MATCHWEEK_SETTINGS"].link_base, str(get_locale())
        service.send_reset_link(
            db,
            form.email.data,
            lambda account, token: queue_reset_mail(
                db, account, token, base, mail_language(account, language)
            ),
        )
        flash(_("If an account uses this email, a reset link is on its way. It works once, for two hours."))
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form), status(form)


@blueprint.route("/password/change", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's password with the current one: every other session of the account is signed out (this
    one stays signed in) and every reset link still unused stops working."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            account = service.change_password(
                get_db(), current_user.id, form.current.data, form.password.data
            )
        except Refused as error:
            attach_error(form, error)
        else:
            login_user(signed_in(account))
            log.info("password changed: account %s from %s", account.id, request.remote_addr)
            flash(_("Your password is changed. Every other session of your account is signed out."))
            return redirect(home_url(current_user))
    return render_template("auth/change.html", form=form, min_length=MIN_LENGTH), status(form)


@blueprint.route("/password/reset/<token>", methods=["GET", "POST"])
def reset(token: str):
    """Choose a new password with a one-time link. Aborts 404 for an unknown, used or expired link."""
    db = get_db()
    if service.find_reset(db, token) is None:
        abort(404, _("This reset link is unknown, already used or expired."))
    form = ResetForm()
    if form.validate_on_submit():
        try:
            service.reset_password(db, token, form.password.data)
        except Refused as error:
            attach_error(form, error)
        else:
            flash(_("Your password is changed. Sign in with it now."))
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, min_length=MIN_LENGTH), status(form)
