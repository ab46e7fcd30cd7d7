"""Accounts: who may sign in, their passwords and one-time links to set them."""
