"""What the organizer console does to an event: setup, files, solve runs, edits, review and figures.

Views call one function from here; nothing here imports Flask, so RQ workers and
commands can call the same operations.
"""
