"""Mails about accounts: the password reset link, the invitation or the registration link to choose a first
password, and the notice to an account's owner that someone tried to register with its address."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from models import Account, Company, OutgoingMail
from schedules.mail.compose import Letter, render
from schedules.mail.composers import composer
from schedules.mail.language import mail_labels
from schedules.mail.links import forgot_link, password_link, sign_in_link
from schedules.mail.outbox import queue_mail, queue_to_compose

PASSWORD_RESET = "password-reset"
INVITATION = "invitation"
REGISTRATION = "registration"
REGISTRATION_ATTEMPT = "registration-attempt"


def mail_language(account: Account, fallback: str = "ko") -> str:
    """The account's own language, else its company's, else `fallback`."""
    for language in (account.language, account.company.language if account.company else None, fallback):
        if language in ("ko", "en"):
            return language
    return "ko"


def _queue(db: Session, account: Account, kind: str, letter: Letter, event_id: int | None) -> OutgoingMail:
    text, html = render(letter)
    return queue_mail(
        db,
        to=account.email,
        kind=kind,
        language=letter.language,
        subject=letter.subject,
        text=text,
        html=html,
        company_id=account.company_id,
        event_id=event_id,
    )


def queue_reset_mail(db: Session, account: Account, token: str, base: str, language: str) -> OutgoingMail:
    labels = mail_labels(language)
    letter = Letter(
        language=language,
        subject=labels("MatchWeek: reset your password"),
        greeting=labels("Hello,"),
        paragraphs=(
            labels(
                "Someone asked to reset the password of your MatchWeek account %(email)s.",
                email=account.email,
            ),
            labels(
                "Open this link within two hours to choose a new password. It works once. "
                "If you did not ask for it, ignore this message."
            ),
        ),
        link=password_link(base, token),
        link_label=labels("Choose a new password"),
    )
    return _queue(db, account, PASSWORD_RESET, letter, account.company.event_id if account.company else None)


def queue_invitation_mail(
    db: Session, account: Account, company: Company, person: str, token: str, base: str, valid_for: timedelta
) -> OutgoingMail:
    labels = mail_labels(company.language)
    event = company.event
    letter = Letter(
        language=company.language,
        subject=labels("%(event)s: your MatchWeek account", event=event.name),
        greeting=labels("Dear %(name)s,", name=person),
        paragraphs=(
            labels(
                "%(company)s takes part in %(event)s. The organizer made you an account on MatchWeek, where you "
                "find partners, ask to meet them and see your agenda.",
                company=company.name,
                event=event.name,
            ),
            labels(
                "You sign in with %(email)s. Choose your password with this link within %(days)s days; "
                "it works once.",
                email=account.email,
                days=valid_for.days,
            ),
        ),
        link=password_link(base, token),
        link_label=labels("Choose your password"),
    )
    return _queue(db, account, INVITATION, letter, event.id)


def queue_registration_mail(
    db: Session, account: Account, company: Company, token: str, base: str, valid_for: timedelta
) -> OutgoingMail:
    """The link a newly registered company's person follows to choose a password (and so prove the address)."""
    labels = mail_labels(company.language)
    event = company.event
    letter = Letter(
        language=company.language,
        subject=labels("%(event)s: choose your MatchWeek password", event=event.name),
        greeting=labels("Hello,"),
        paragraphs=(
            labels(
                "%(company)s is registered for %(event)s with this address.",
                company=company.name,
                event=event.name,
            ),
            labels(
                "You sign in with %(email)s. Choose your password with this link within %(days)s days; "
                "it works once. If you did not register, ignore this message.",
                email=account.email,
                days=valid_for.days,
            ),
        ),
        link=password_link(base, token),
        link_label=labels("Choose your password"),
    )
    return _queue(db, account, REGISTRATION, letter, event.id)


def queue_registration_attempt_mail(db: Session, account: Account, language: str) -> OutgoingMail:
    """Tell the owner of an address that someone tried to register with it; written at delivery."""
    return queue_to_compose(
        db,
        composer=REGISTRATION_ATTEMPT,
        to=account.email,
        kind=REGISTRATION_ATTEMPT,
        language=language,
        subject=mail_labels(language)("MatchWeek: someone tried to register with your address"),
        company_id=account.company_id,
        event_id=account.company.event_id if account.company else None,
    )


@composer(REGISTRATION_ATTEMPT)
def write_registration_attempt(db: Session, mail: OutgoingMail, base: str) -> None:
    labels = mail_labels(mail.language)
    letter = Letter(
        language=mail.language,
        subject=mail.subject,
        greeting=labels("Hello,"),
        paragraphs=(
            labels(
                "Someone tried to register a company on MatchWeek with your address %(email)s, which already "
                "has an account. Nothing was changed.",
                email=mail.recipient,
            ),
            labels(
                "If it was you, sign in with this link. If you forgot your password, ask for a new one "
                "here: %(forgot)s. If it was not you, ignore this message.",
                forgot=forgot_link(base),
            ),
        ),
        link=sign_in_link(base),
        link_label=labels("Sign in"),
    )
    mail.text, mail.html = render(letter)
