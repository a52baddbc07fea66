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
    path("overdrachten/<int:pk>/einde/", views.handover_end, name="handover_end"),
]

urlpatterns += [
    path("trajecten/<int:pk>/intake/", views.intake, name="intake"),
    path("trajecten/<int:pk>/intake/bewaar/", views.intake_save, name="intake_save"),
    path(
        "trajecten/<int:pk>/engagement/",
        views.engagement_save,
        name="engagement_save",
    ),
    path(
        "engagementen/<int:pk>/opladen/",
        views.engagement_upload,
        name="engagement_upload",
    ),
    path(
        "engagementen/<int:pk>/bestand/",
        views.engagement_file,
        name="engagement_file",
    ),
    path(
        "mijn-dossier/engagementsverklaring/",
        views.my_engagements,
        name="my_engagements",
    ),
    path(
        "mijn-dossier/engagementsverklaring/<int:pk>/aanvaarden/",
        views.my_engagement_accept,
        name="my_engagement_accept",
    ),
    path(
        "trajecten/<int:pk>/screening/",
        views.screening_start,
        name="screening_start",
    ),
    path("screenings/<int:pk>/", views.screening, name="screening"),
    path("trajecten/<int:pk>/plannen/", views.plans, name="plans"),
    path("trajecten/<int:pk>/pdp/", views.pdp_save, name="pdp_save"),
    path("trajecten/<int:pk>/pop/", views.pop_save, name="pop_save"),
    path("trajecten/<int:pk>/pop.pdf", views.pop_pdf, name="pop_pdf"),
    path("trajecten/<int:pk>/vdab/", views.vdab, name="vdab"),
    path("trajecten/<int:pk>/vdab/aanvraag/", views.vdab_request, name="vdab_request"),
    path("vdab/<int:pk>/gesprek/", views.vdab_interview, name="vdab_interview"),
    path("vdab/<int:pk>/advies/", views.vdab_advice, name="vdab_advice"),
]

urlpatterns += [
    path("trajecten/<int:pk>/begeleiding/", views.coaching, name="coaching"),
    path(
        "trajecten/<int:pk>/begeleiding/sessie/",
        views.coaching_add,
        name="coaching_add",
    ),
    path("trajecten/<int:pk>/pop-vdab/", views.pop_sent_save, name="pop_sent_save"),
]
