"""The organizer's use cases."""
