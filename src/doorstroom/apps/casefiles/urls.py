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

urlpatterns += [
    path("stages/<int:pk>/opvolging/", views.stage_follow_up, name="stage_follow_up"),
    path(
        "stages/<int:pk>/aanwezigheid/",
        views.attendance_add,
        name="attendance_add",
    ),
    path("stages/<int:pk>/evaluatie/", views.evaluation_add, name="evaluation_add"),
    path("stages/<int:pk>/incident/", views.incident_add, name="incident_add"),
]

urlpatterns += [
    path("trajecten/<int:pk>/nazorg/", views.aftercare, name="aftercare"),
    path(
        "trajecten/<int:pk>/overgang/",
        views.transition_save,
        name="transition_save",
    ),
    path(
        "trajecten/<int:pk>/nazorgcontact/",
        views.aftercare_contact_add,
        name="aftercare_contact_add",
    ),
]

urlpatterns += [
    path("personen/<int:pk>/overdracht/", views.handover, name="handover"),
]
