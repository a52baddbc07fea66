from __future__ import annotations

from django.urls import path

from . import views

app_name = "matches"

urlpatterns = [
    path(
        "matching/vacatures/importeren/",
        views.vacancy_import,
        name="vacancy_import",
    ),
    path(
        "matching/vacatures/<int:pk>/kandidaten/",
        views.vacancy_candidates,
        name="vacancy",
    ),
    path("matching/personen/<int:pk>/", views.person_matches, name="person"),
    path(
        "matching/personen/<int:pk>/beslissing/",
        views.record_decision,
        name="decision",
    ),
    path(
        "matching/personen/<int:pk>/voorkeuren/",
        views.preferences,
        name="preferences",
    ),
    path(
        "matching/personen/<int:pk>/jobcarving/<int:vacancy_pk>/",
        views.carving,
        name="carving",
    ),
    path("matching/eerlijkheid/", views.fairness_index, name="fairness_index"),
    path(
        "matching/eerlijkheid/<int:organisation_pk>/",
        views.fairness_report,
        name="fairness",
    ),
    path("matching/week/", views.digest, name="digest"),
    path("matching/week.pdf", views.digest_pdf, name="digest_pdf"),
    path("matching/uitkomsten.csv", views.outcomes_csv, name="outcomes_csv"),
]
