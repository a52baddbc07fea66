"""Backups of the database and uploaded files, and their restore (no models)."""
