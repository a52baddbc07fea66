from __future__ import annotations

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import Role


def navigation(request):
    """Booleans for the menu; templates only read them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    role = user.role
    return {
        "nav": {
            "caseload": role in policies.FILE_ROLES,
            "my_file": role == Role.TARGET_WORKER,
            "placements": role
            in {
                Role.EMPLOYER_CONTACT,
                Role.COACH,
                Role.ORG_ADMIN,
                Role.FLOOR_SUPERVISOR,
            },
            "vacancies": role in {Role.EMPLOYER_CONTACT, Role.COACH, Role.ORG_ADMIN},
            "reminders": role in policies.EDIT_ROLES,
            "audit": role == Role.ORG_ADMIN,
            "figures": policies.can_see_aggregates(user),
            "outcomes": policies.can_see_outcome_figures(user),
            "competences": role in policies.FILE_ROLES or role == Role.TARGET_WORKER,
            "matching": role in policies.EDIT_ROLES or role == Role.TARGET_WORKER,
            "network": policies.can_use_network(user),
        }
    }
