"""Why a meeting exists, from one company's side: it asked, the partner asked, both asked, or neither did and
the schedule suggested the pair for a sector fit."""

from __future__ import annotations

from collections.abc import Iterable

from matcher.domain.instance import Instance, Request
from schedules.labels import Labels

YOU_ASKED, THEY_ASKED, BOTH_ASKED, SUGGESTED = "you", "they", "both", "suggested"


def meeting_origin(requests: Iterable[Request], company_id: str, partner_id: str) -> str:
    """`you`, `they`, `both` or `suggested`, from the (accepted) requests between the two companies."""
    asked = {(r.from_id, r.to_id) for r in requests}
    mine, theirs = (company_id, partner_id) in asked, (partner_id, company_id) in asked
    if mine and theirs:
        return BOTH_ASKED
    if mine:
        return YOU_ASKED
    return THEY_ASKED if theirs else SUGGESTED


def origin_text(origin: str, labels: Labels) -> str:
    """The origin as a short line in the labels' language."""
    return {
        YOU_ASKED: labels("Why: you asked for this meeting"),
        THEY_ASKED: labels("Why: they asked for this meeting"),
        BOTH_ASKED: labels("Why: both of you asked for this meeting"),
        SUGGESTED: labels("Why: suggested by sector match"),
    }[origin]


def why(instance: Instance, company_id: str, partner_id: str, labels: Labels) -> str:
    """Why the company meets the partner, in words, from the instance's requests."""
    return origin_text(meeting_origin(instance.requests, company_id, partner_id), labels)
