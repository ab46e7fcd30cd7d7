"""Mails as letters: paragraphs, a button-like link and an agenda, rendered as plain text and as HTML.

The words come translated from the caller (`mail_labels(language)`), so the
two templates hold layout only; HTML is autoescaped, names included.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class Line:
    """One line of an agenda: `09:00–09:30`, what, and details (table, interpreter, session)."""

    time: str
    what: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Day:
    heading: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Letter:
    language: str
    subject: str
    greeting: str
    paragraphs: tuple[str, ...]
    link: str = ""
    link_label: str = ""
    days: tuple[Day, ...] = ()
    closing: tuple[str, ...] = ()


def render(letter: Letter) -> tuple[str, str]:
    """The plain text and the HTML of a letter."""
    text = _templates.get_template("letter.txt").render(letter=letter)
    html = _templates.get_template("letter.html").render(letter=letter)
    return text, html
