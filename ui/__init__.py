"""The PySide6 desktop app over the `convener` core."""
