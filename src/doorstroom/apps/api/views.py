"""REST API. Same access rules as the pages: every queryset comes from
``doorstroom.apps.access.policies`` and every read of a file is audited."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import person_subjects, record
from doorstroom.apps.consents import services as consent_services
from doorstroom.apps.consents.models import Consent
from doorstroom.apps.organisations.models import Organisation
from doorstroom.apps.privacy.services import export_person_data
from doorstroom.apps.target_workers.models import Person
from doorstroom.apps.target_workers.services import open_person_file

from . import serializers as s


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """Persons the caller may see. Listing and opening a file are audited."""

    serializer_class = s.PersonListSerializer

    def get_queryset(self):
        return policies.persons_visible_to(self.request.user).select_related(
            "organisation"
        )

    def get_object(self):
        """The person of the URL if the caller may see them (404 otherwise): the
        same rule as ``get_queryset``, with the one-look-up path of
        :func:`~doorstroom.apps.access.policies.visible_person`."""
        try:
            pk = int(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        except (TypeError, ValueError) as error:
            raise Http404 from error
        person = policies.visible_person(self.request.user, pk)
        if person is None:
            raise Http404
        self.check_object_permissions(self.request, person)
        return person

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        record(actor=request.user, action=Action.LIST, subjects=person_subjects(page))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(responses=s.PersonDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        file = open_person_file(actor=request.user, person=person)
        return Response(s.PersonDetailSerializer(file).data)

    @extend_schema(
        request=None,
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Every section of the person's data the export holds.",
            )
        },
    )
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        """The GDPR data export of one person (worker themself or their admin)."""
        person = self.get_object()
        if not policies.can_export_person(request.user, person):
            raise PermissionDenied
        return Response(export_person_data(actor=request.user, person=person))


class ConsentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.ConsentSerializer

    def _manageable_persons(self):
        user = self.request.user
        visible = policies.persons_visible_to(user)
        if user.role == Role.TARGET_WORKER:
            return visible
        return visible.filter(organisation_id=user.organisation_id)

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return Consent.objects.none()
        if user.role not in policies.EDIT_ROLES and user.role != Role.TARGET_WORKER:
            return Consent.objects.none()
        return Consent.objects.filter(
            person__in=self._manageable_persons()
        ).select_related("person", "organisation")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.request is not None and self.request.user.is_authenticated:
            context["visible_persons"] = self._manageable_persons()
        return context

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        persons = {c.person_id: c.person for c in page}
        record(
            actor=request.user,
            action=Action.LIST,
            subjects=person_subjects(persons.values()),
            detail="consents",
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def perform_create(self, serializer):
        data = serializer.validated_data
        person: Person = data["person"]
        if not policies.can_manage_consents(self.request.user, person):
            raise PermissionDenied
        serializer.instance = consent_services.give_consent(
            actor=self.request.user,
            person=person,
            organisation=data["organisation"],
            purpose=data["purpose"],
            scope=data["scope"],
            given_how=data["given_how"],
        )

    @extend_schema(request=None, responses=s.ConsentSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        consent = self.get_object()
        consent_services.withdraw_consent(actor=request.user, consent=consent)
        return Response(self.get_serializer(consent).data, status=status.HTTP_200_OK)


class PlacementViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.PlacementSerializer

    def get_queryset(self):
        return policies.placements_visible_to(self.request.user)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        record(
            actor=request.user,
            action=Action.LIST,
            subjects=person_subjects({p.person_id: p.person for p in page}.values()),
            detail="placements",
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class VacancyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.VacancySerializer

    def get_queryset(self):
        return policies.vacancies_visible_to(self.request.user)


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations are public facts (names, kinds); any logged-in user may list them."""

    serializer_class = s.OrganisationSerializer
    queryset = Organisation.objects.all()


class AuditEventViewSet(viewsets.ReadOnlyModelViewSet):
    """A worker's own access log, or an organisation administrator's trail."""

    serializer_class = s.AuditEventSerializer
    lookup_field = "sequence"

    def get_queryset(self):
        return policies.audit_events_visible_to(self.request.user).order_by("-sequence")


class MeViewSet(viewsets.ViewSet):
    @extend_schema(responses=s.MeSerializer)
    def list(self, request):
        """The caller: username, role, organisation and, for a worker, their person."""
        user = request.user
        person = Person.objects.active().filter(user_id=user.pk).first()
        return Response(
            {
                "username": user.username,
                "role": user.role,
                "organisation": user.organisation_id,
                "person": person.pk if person else None,
            }
        )
