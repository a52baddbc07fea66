from __future__ import annotations

from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("competenties/", views.index, name="index"),
    path("competenties/kaders/", views.framework_list, name="frameworks"),
    path(
        "competenties/kaders/<int:pk>/", views.framework_detail, name="framework_detail"
    ),
    path(
        "competenties/kaders/<int:pk>/kopieren/",
        views.framework_copy,
        name="framework_copy",
    ),
    path(
        "competenties/kaders/<int:pk>/aanpassen/",
        views.framework_edit,
        name="framework_edit",
    ),
    path("competenties/jobprofielen/", views.job_profile_list, name="job_profiles"),
    path(
        "competenties/jobprofielen/nieuw/",
        views.job_profile_edit,
        name="job_profile_new",
    ),
    path(
        "competenties/jobprofielen/<int:pk>/",
        views.job_profile_edit,
        name="job_profile_edit",
    ),
    path("competenties/personen/<int:pk>/", views.person_overview, name="person"),
    path(
        "competenties/personen/<int:pk>/nieuwe-meting/",
        views.round_start,
        name="round_start",
    ),
    path("competenties/metingen/<int:pk>/", views.round_detail, name="round"),
    path(
        "competenties/personen/<int:pk>/afstand/", views.distance_page, name="distance"
    ),
    path(
        "competenties/personen/<int:pk>/afstand.pdf",
        views.distance_pdf,
        name="distance_pdf",
    ),
    path("competenties/personen/<int:pk>/pop/", views.pop_edit, name="pop_edit"),
    path("competenties/observaties/", views.observation_list, name="observations"),
    path(
        "competenties/observaties/nieuw/",
        views.observation_new,
        name="observation_new",
    ),
    path(
        "competenties/observaties/<int:pk>/",
        views.observation_detail,
        name="observation",
    ),
    path(
        "competenties/observaties/<int:pk>/personen/",
        views.observation_add_person,
        name="observation_add_person",
    ),
    path(
        "competenties/observaties/<int:pk>/stap/",
        views.observation_step,
        name="observation_step",
    ),
    path(
        "competenties/observaties/<int:pk>/notities/",
        views.observation_note,
        name="observation_note",
    ),
    path(
        "competenties/observaties/<int:pk>/personen/<int:person_pk>/kwantificeren/",
        views.observation_classify,
        name="observation_classify",
    ),
    path(
        "competenties/observaties/<int:pk>/personen/<int:person_pk>/",
        views.observation_report,
        name="observation_report",
    ),
    path(
        "competenties/observaties/<int:pk>/personen/<int:person_pk>/verslag.pdf",
        views.observation_report_pdf,
        name="observation_report_pdf",
    ),
    path("mijn-competenties/", views.mine, name="mine"),
    path(
        "mijn-competenties/metingen/<int:pk>/",
        views.self_assess,
        name="self_assess",
    ),
    path("mijn-competenties/pop/akkoord/", views.pop_agree, name="pop_agree"),
]
