"""Helpers behind the notebooks: one module per notebook, holding the logic its cells call."""
