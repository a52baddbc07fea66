from __future__ import annotations

from django.urls import path

from . import views

app_name = "casefiles"

urlpatterns = [
    path("personen/<int:pk>/traject/", views.timeline, name="timeline"),
    path(
        "personen/<int:pk>/traject/nieuw/", views.open_case_file, name="open_case_file"
    ),
    path("personen/<int:pk>/statuut/", views.set_worker_status, name="worker_status"),
    path("personen/<int:pk>/stage/nieuw/", views.stage_new, name="stage_new"),
    path("trajecten/<int:pk>/stap/", views.register_step, name="register_step"),
    path("trajecten/<int:pk>/status/", views.change_status, name="change_status"),
    path(
        "stages/<int:pk>/overeenkomst.pdf",
        views.stage_agreement,
        name="stage_agreement",
    ),
    path("herinneringen/", views.reminders, name="reminders"),
]
