"""The WSGI entry point for running gunicorn by hand: `gunicorn --workers 4 wsgi:app` (see docs/deploy.md)."""

from web import create_app

app = create_app()
