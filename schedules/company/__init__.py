"""A company's use cases."""
