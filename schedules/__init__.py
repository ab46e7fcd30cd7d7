"""Turning events into schedules and back: the database store, time grid and exports."""
