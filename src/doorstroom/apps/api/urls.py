from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)
from rest_framework.routers import DefaultRouter

from doorstroom.apps.assessments import api_views as assessment_api
from doorstroom.apps.casefiles.api import CaseFileViewSet
from doorstroom.apps.casefiles.api import FollowUpCaseFileViewSet as AftercareApi
from doorstroom.apps.casefiles.api import StageFollowUpViewSet as StageFollowUpApi
from doorstroom.apps.matches import api_views as matches_api
from doorstroom.apps.network import api as network_api

from . import views

router = DefaultRouter()
router.register("persons", views.PersonViewSet, basename="person")
router.register("consents", views.ConsentViewSet, basename="consent")
router.register("placements", views.PlacementViewSet, basename="placement")
router.register("vacancies", views.VacancyViewSet, basename="vacancy")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("audit-events", views.AuditEventViewSet, basename="audit-event")
router.register("me", views.MeViewSet, basename="me")
router.register("case-files", CaseFileViewSet, basename="case-file")
router.register("aftercare", AftercareApi, basename="aftercare")
router.register("stage-follow-up", StageFollowUpApi, basename="stage-follow-up")
router.register(
    "competence-frameworks",
    assessment_api.FrameworkViewSet,
    basename="competence-framework",
)
router.register(
    "assessment-rounds",
    assessment_api.AssessmentRoundViewSet,
    basename="assessment-round",
)
router.register(
    "job-profiles", assessment_api.JobProfileViewSet, basename="job-profile"
)
router.register(
    "observation-plans",
    assessment_api.ObservationPlanViewSet,
    basename="observation-plan",
)
router.register(
    "observation-notes",
    assessment_api.ObservationNoteViewSet,
    basename="observation-note",
)
router.register(
    r"persons/(?P<person_id>[^/.]+)/distance",
    assessment_api.PersonDistanceViewSet,
    basename="person-distance",
)
router.register(
    r"persons/(?P<person_id>[^/.]+)/matches",
    matches_api.PersonMatchesViewSet,
    basename="person-matches",
)
router.register(
    r"vacancies/(?P<vacancy_id>[^/.]+)/candidates",
    matches_api.VacancyCandidatesViewSet,
    basename="vacancy-candidates",
)
router.register(
    "vacancy-imports", matches_api.VacancyImportViewSet, basename="vacancy-import"
)
router.register(
    "network/partners", network_api.NetworkPartnerViewSet, basename="network-partner"
)
router.register(
    "network/contacts", network_api.NetworkContactViewSet, basename="network-contact"
)
router.register(
    "network/readiness-rounds",
    network_api.ReadinessRoundViewSet,
    basename="readiness-round",
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
    path("", include(router.urls)),
]
