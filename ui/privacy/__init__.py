"""Privacy screens: where a person's data has gone, erasure, and the retention review.

Widgets only: the main window and the stakeholder record place them.
"""
