"""Subcommands of ``kizuna``, one module per area, each with ``register(sub)``."""
