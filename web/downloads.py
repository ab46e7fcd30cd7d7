"""Exported files sent to the browser, named by Flask's `send_file` (RFC 5987 for any non-ASCII name)."""

from __future__ import annotations

import io

from flask import Response, send_file

from schedules.exported import ExportedFile


def send_exported(file: ExportedFile, download: bool = True) -> Response:
    """The file as an attachment to save (or `download=False`: shown in the browser), under its own name."""
    return send_file(
        io.BytesIO(file.content),
        mimetype=file.content_type,
        as_attachment=download,
        download_name=file.filename,
        etag=False,
        conditional=False,
    )
