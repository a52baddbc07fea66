from __future__ import annotations

from .context import AuditContext, reset_context, set_context


class AuditContextMiddleware:
    """Tells the audit trail whether a read came from a page or the API, and where."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        channel = "api" if request.path.startswith("/api/") else "page"
        token = set_context(AuditContext(channel=channel, path=request.path[:300]))
        try:
            return self.get_response(request)
        finally:
            reset_context(token)
