from __future__ import annotations

from datetime import date

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.network import services
from doorstroom.apps.network.demo import ensure_network_demo
from doorstroom.apps.network.models import Contact, Partner


def test_demo_network_is_filled_once(world):
    coach = world.users[Role.COACH]
    today = date(2026, 3, 10)
    ensure_network_demo(world.home, coach, today)
    ensure_network_demo(world.home, coach, today)  # idempotent
    assert sorted(Partner.objects.values_list("kind", flat=True)) == [
        "consultancy",
        "interimkantoor",
        "lokaal_bestuur",
        "nec_werkgever",
    ]
    assert Contact.objects.count() == 3
    [row] = services.round_history(coach)
    # 3 gedeeltelijk + 2 niet akkoord + 6 akkoord = 3 + 0 + 12 = 15 of 22 -> 68%
    assert row.score.percent == 68
    assert [a.overdue for a in services.action_rows(coach, today)] == [True, False]
