"""Destructive actions ask first: a POST without `confirm=1` answers with a page saying what will happen and a
button that posts the same form again, confirmed. Nothing relies on the browser's JavaScript."""

from __future__ import annotations

from flask import render_template, request


def confirmed() -> bool:
    return request.form.get("confirm") == "1"


def ask(
    title: str, lines: list[str], button: str, back: str, fields: dict | None = None, items: list[str] = ()
):
    """The confirmation page of the current POST: `lines` say what will happen, `items` list what it touches;
    the button posts `fields` (and the CSRF token) back to the same address with `confirm=1`."""
    return render_template(
        "organizer/confirm.html",
        title=title,
        lines=lines,
        items=list(items),
        button=button,
        back=back,
        action=request.path,
        fields=fields or {},
    )
