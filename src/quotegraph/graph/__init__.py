"""Relations and events stated in the text (``relations.py``, ``events.py``)."""
