"""Accounts: who may sign in, their passwords, reset links and the outbox that mails them."""
