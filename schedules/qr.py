"""QR codes for printed pages: inline SVG, so they print sharp at any size and need no image file."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(link: str, scale: int = 3) -> Markup:
    """The link as a QR code (error correction M: a smudged corner still scans), an <svg> element."""
    return Markup(segno.make(link, error="m").svg_inline(scale=scale, border=2, title=link))
