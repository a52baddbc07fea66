from __future__ import annotations

from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("netwerk/", views.index, name="index"),
    path("netwerk/partners/nieuw/", views.partner_create, name="partner_create"),
    path("netwerk/partners/<int:pk>/", views.partner_detail, name="partner"),
    path(
        "netwerk/partners/<int:pk>/wijzigen/", views.partner_edit, name="partner_edit"
    ),
    path("netwerk/doorstroomklaar/", views.readiness, name="readiness"),
    path("netwerk/doorstroomklaar/invullen/", views.readiness_fill, name="fill"),
    path("netwerk/doorstroomklaar/<int:pk>/", views.readiness_round, name="round"),
    path("netwerk/acties/<int:pk>/klaar/", views.action_done, name="action_done"),
]
