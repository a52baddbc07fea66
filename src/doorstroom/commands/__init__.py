"""Subcommands of the ``doorstroom`` command line (see ``doorstroom.cli``)."""
