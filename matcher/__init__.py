"""The pure scheduling core: value types, file formats, solver and validator.

Plain data in, plain data out: nothing here imports Flask, SQLAlchemy or the
web and database layers.
"""
