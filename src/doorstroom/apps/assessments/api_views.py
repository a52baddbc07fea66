"""REST endpoints for competences. Same permissions as the pages (see
:mod:`.permissions`); every read of a person's assessments is audited."""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from doorstroom.apps.access import policies
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import record

from . import models as m
from . import permissions, services
from . import serializers as s


def _django_errors(func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except DjangoPermissionDenied as exc:
        raise PermissionDenied from exc
    except DjangoValidationError as exc:
        raise ValidationError({"detail": exc.messages}) from exc


class FrameworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Competence frameworks: the built-in ones and the caller's organisation's
    copies, every stored version (frameworks hold no personal data)."""

    serializer_class = s.FrameworkSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return m.FrameworkVersion.objects.none()
        if permissions.can_read_frameworks(user):
            services.ensure_builtin_frameworks()
        return services.frameworks_visible_to(user).order_by("framework_id", "version")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.FrameworkDetailSerializer
        return s.FrameworkSerializer


class AssessmentRoundViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Assessment rounds of persons whose competences the caller may see.

    A worker sees only their own rounds, with only their self-assessment. Creating
    a round needs a case worker of the person's organisation; ``ratings`` then
    holds the caller's own ratings.
    """

    serializer_class = s.RoundSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return m.AssessmentRound.objects.none()
        return services.rounds_visible_to(user).order_by("-held_on", "-id")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.RoundDetailSerializer
        if self.action == "create":
            return s.RoundCreateSerializer
        return s.RoundSerializer

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        persons = {row.person_id: row.person for row in page}
        record(
            actor=request.user,
            action=Action.LIST,
            subjects=[
                services.competence_subject(p, "assessment_round", "")
                for p in persons.values()
            ],
            detail="assessment rounds",
        )
        return self.get_paginated_response(s.RoundSerializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        view = _django_errors(
            services.open_round, actor=request.user, round_row=self.get_object()
        )
        data = s.RoundSerializer(view.row).data
        data["sheets"] = s.SheetSerializer(view.sheets, many=True).data
        data["agreement"] = asdict(view.agreement) if view.agreement else None
        data["self_vs_others"] = [
            {
                **asdict(c),
                "self_level": None if c.self_level is None else int(c.self_level),
            }
            for c in view.comparisons
        ]
        return Response(data)

    @extend_schema(request=s.RoundCreateSerializer, responses={201: s.RoundSerializer})
    def create(self, request, *args, **kwargs):
        incoming = s.RoundCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        person = (
            policies.persons_visible_to(request.user).filter(pk=data["person"]).first()
        )
        if person is None:
            raise ValidationError({"person": ["Unknown person."]})
        if not permissions.can_start_round(request.user, person):
            raise PermissionDenied
        framework = (
            services.frameworks_visible_to(request.user)
            .filter(pk=data["framework"])
            .first()
        )
        if framework is None:
            raise ValidationError({"framework": ["Unknown framework."]})
        ratings = s.RatingsInputSerializer(
            data={"ratings": request.data.get("ratings", [])}
        )
        ratings.is_valid(raise_exception=True)
        row = _django_errors(
            services.start_round,
            actor=request.user,
            person=person,
            framework=framework,
            held_on=data["held_on"],
        )
        if ratings.validated_data["ratings"]:
            _django_errors(
                services.save_ratings,
                actor=request.user,
                round_row=row,
                ratings=ratings.ratings_map(),
            )
        return Response(s.RoundSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.RatingsInputSerializer, responses=s.SheetSerializer)
    @action(detail=True, methods=["post"])
    def ratings(self, request, pk=None):
        """Store the caller's ratings in this round (a worker: their self-assessment)."""
        row = self.get_object()
        incoming = s.RatingsInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        sheet = _django_errors(
            services.save_ratings,
            actor=request.user,
            round_row=row,
            ratings=incoming.ratings_map(),
        )
        return Response(s.SheetSerializer(sheet).data)


class JobProfileViewSet(viewsets.ReadOnlyModelViewSet):
    """The job profiles of the caller's organisation."""

    serializer_class = s.JobProfileSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return m.JobProfile.objects.none()
        return services.job_profiles_visible_to(user).order_by("name", "id")


class _JobProfileQuery(serializers.Serializer):
    job_profile = serializers.IntegerField(min_value=1)


class PersonDistanceViewSet(viewsets.GenericViewSet):
    """The distance between a person and a job profile (``DistanceResult.to_dict()``)."""

    serializer_class = s.DistanceSerializer
    pagination_class = None

    def get_queryset(self):
        return m.JobProfile.objects.none()

    @extend_schema(
        parameters=[
            OpenApiParameter("person_id", int, OpenApiParameter.PATH),
            OpenApiParameter("job_profile", int, OpenApiParameter.QUERY, required=True),
        ],
        responses=s.DistanceSerializer,
    )
    def list(self, request, person_id=None):
        query = _JobProfileQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            pk = int(person_id)
        except (TypeError, ValueError) as exc:
            raise NotFound from exc
        person = policies.persons_visible_to(request.user).filter(pk=pk).first()
        if person is None:
            raise NotFound
        if not permissions.can_read_assessments(request.user, person):
            raise PermissionDenied
        profile = (
            services.job_profiles_visible_to(request.user)
            .filter(pk=query.validated_data["job_profile"])
            .first()
        )
        if profile is None:
            raise NotFound
        view = _django_errors(
            services.person_distance,
            actor=request.user,
            person=person,
            job_profile=profile,
        )
        return Response(view.as_dict())
