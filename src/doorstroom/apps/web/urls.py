from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from doorstroom.apps.accounts.two_factor import two_factor_view

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "aanmelden/",
        auth_views.LoginView.as_view(template_name="web/login.html"),
        name="login",
    ),
    path("aanmelden/code/", two_factor_view, name="two_factor"),
    path("afmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("personen/", views.caseload_view, name="caseload"),
    path("personen/<int:pk>/", views.person_detail, name="person_detail"),
    path("personen/<int:pk>/toestemming/", views.consent_add, name="consent_add"),
    path("personen/<int:pk>/anonimiseren/", views.person_erase, name="person_erase"),
    path(
        "toestemmingen/<int:pk>/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("mijn-dossier/", views.my_file, name="my_file"),
    path("mijn-dossier/inzage/", views.my_access_log, name="my_access_log"),
    path("mijn-dossier/toestemmingen/", views.my_consents, name="my_consents"),
    path(
        "mijn-dossier/export.<str:fmt>",
        views.my_export,
        name="my_export",
    ),
    path("stages/", views.placements_view, name="placements"),
    path("vacatures/", views.vacancies_view, name="vacancies"),
    path("beheer/audit/", views.audit_trail, name="audit_trail"),
    path("beheer/caseload/", views.caseload_overview, name="caseload_overview"),
    path("uitkomsten/toeleiding/", views.toeleiding_outcomes, name="outcomes"),
]
