"""The organizer's operations after publication: withdrawals, change requests, notices (issue 10)."""
