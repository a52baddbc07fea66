"""The one permission layer: every page and API endpoint asks these functions.

Not a Django app with models: it only decides who may see and do what, from the
organisations, roles, consents, trajectories and handovers of the other apps.
"""
