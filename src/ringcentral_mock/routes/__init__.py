"""Thin request handlers: validate, call the state, return the model. The table is in app.py."""
