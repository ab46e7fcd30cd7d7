"""A company's own operations that a published schedule guards (issue 10)."""
