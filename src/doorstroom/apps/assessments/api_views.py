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
from doorstroom.apps.api.fields import id_field
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import record

from . import adapters, permissions, services
from . import models as m
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


class JobProfileViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The job profiles of the caller's organisation.

    Coaches and administrators of the organisation create and change them. The
    requirements are checked against the framework version named by
    ``framework``. Every change stores a new version (``version``); earlier
    versions stay readable under ``versions/`` so results computed against them
    can be reproduced.
    """

    serializer_class = s.JobProfileSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return m.JobProfile.objects.none()
        return services.job_profiles_visible_to(user).order_by("name", "id")

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return s.JobProfileWriteSerializer
        if self.action == "versions":
            return s.JobProfileVersionSerializer
        return s.JobProfileSerializer

    def _save(self, request, profile: m.JobProfile | None, partial: bool):
        if not permissions.can_manage_job_profiles(request.user):
            raise PermissionDenied
        incoming = s.JobProfileWriteSerializer(data=request.data, partial=partial)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        if profile is not None:
            data.setdefault("name", profile.name)
            data.setdefault("framework", profile.framework_id)
            data.setdefault("requirements", profile.requirements)
        framework = (
            services.frameworks_visible_to(request.user)
            .filter(pk=data["framework"])
            .first()
        )
        if framework is None:
            raise ValidationError({"framework": ["Unknown framework."]})
        errors = s.requirement_errors(
            data["requirements"],
            adapters.framework_of(framework).competence_ids,
            f"{framework.framework_id} version {framework.version}",
        )
        if errors:
            raise ValidationError({"requirements": errors})
        return _django_errors(
            services.save_job_profile,
            actor=request.user,
            name=data["name"],
            framework=framework,
            requirements=data["requirements"],
            profile=profile,
        )

    @extend_schema(
        request=s.JobProfileWriteSerializer, responses={201: s.JobProfileSerializer}
    )
    def create(self, request, *args, **kwargs):
        profile = self._save(request, None, partial=False)
        return Response(
            s.JobProfileSerializer(profile).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=s.JobProfileWriteSerializer, responses=s.JobProfileSerializer
    )
    def update(self, request, *args, **kwargs):
        profile = self._save(
            request, self.get_object(), partial=kwargs.get("partial", False)
        )
        return Response(s.JobProfileSerializer(profile).data)

    @extend_schema(responses=s.JobProfileVersionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def versions(self, request, pk=None):
        """Every stored version of the profile, oldest first."""
        profile = self.get_object()
        rows = m.JobProfileVersion.objects.filter(profile=profile).order_by("version")
        return Response(s.JobProfileVersionSerializer(rows, many=True).data)


class _JobProfileQuery(serializers.Serializer):
    job_profile = id_field()
    version = id_field(
        required=False,
        help_text="An earlier version of the job profile (default: current)",
    )


class PersonDistanceViewSet(viewsets.GenericViewSet):
    """The distance between a person and a job profile (``DistanceResult.to_dict()``)."""

    serializer_class = s.DistanceSerializer
    pagination_class = None

    def get_queryset(self):
        return m.JobProfile.objects.none()

    @extend_schema(
        parameters=[
            OpenApiParameter("person_id", int, OpenApiParameter.PATH),
            _JobProfileQuery,
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
        version = query.validated_data.get("version")
        if (
            version is not None
            and not m.JobProfileVersion.objects.filter(
                profile=profile, version=version
            ).exists()
        ):
            raise NotFound
        view = _django_errors(
            services.person_distance,
            actor=request.user,
            person=person,
            job_profile=profile,
            version=version,
        )
        return Response(view.as_dict())


# --- workfloor observation (WAKKER) -------------------------------------------


def _audit_list(user, persons, object_type: str, detail: str) -> None:
    record(
        actor=user,
        action=Action.LIST,
        subjects=[services.competence_subject(p, object_type, "") for p in persons],
        detail=detail,
    )


class ObservationPlanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """WAKKER observation plans of the caller's organisation.

    A coach or werkvloerbegeleider creates a plan: one observer follows at most
    six persons at once (also counted over the observer's other running plans);
    more is refused with the guide's reason in Dutch. Reads are audited per
    person.
    """

    serializer_class = s.ObservationPlanSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return m.ObservationPlan.objects.none()
        return (
            services.observation_plans_visible_to(user)
            .prefetch_related("persons")
            .order_by("-starts_on", "-id")
        )

    def get_serializer_class(self):
        if self.action == "create":
            return s.ObservationPlanCreateSerializer
        if self.action == "add_person":
            return s.ObservationPersonSerializer
        return s.ObservationPlanSerializer

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        persons = {p.pk: p for plan in page for p in plan.persons.all()}
        _audit_list(
            request.user, persons.values(), "observation_plan", "observation plans"
        )
        return self.get_paginated_response(
            s.ObservationPlanSerializer(page, many=True).data
        )

    def retrieve(self, request, *args, **kwargs):
        view = _django_errors(
            services.open_observation_plan, actor=request.user, plan=self.get_object()
        )
        return Response(s.ObservationPlanSerializer(view.plan).data)

    @extend_schema(
        request=s.ObservationPlanCreateSerializer,
        responses={201: s.ObservationPlanSerializer},
    )
    def create(self, request, *args, **kwargs):
        user = request.user
        if not permissions.can_create_observation_plans(user):
            raise PermissionDenied
        incoming = s.ObservationPlanCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        observer = services.observers_for(user).filter(pk=data.get("observer", user.pk))
        if not observer.exists():
            raise ValidationError({"observer": ["Unknown observer."]})
        framework = (
            services.frameworks_visible_to(user).filter(pk=data["framework"]).first()
        )
        if framework is None:
            raise ValidationError({"framework": ["Unknown framework."]})
        known = set(adapters.framework_of(framework).competence_ids)
        unknown = [cid for cid in data["competence_ids"] if cid not in known]
        if unknown:
            raise ValidationError(
                {
                    "competence_ids": [
                        f"Unknown competence '{cid}': not in framework "
                        f"{framework.framework_id} version {framework.version}."
                        for cid in unknown
                    ]
                }
            )
        wanted = list(dict.fromkeys(data["persons"]))
        persons = list(
            policies.persons_visible_to(user).filter(
                pk__in=wanted, organisation_id=user.organisation_id
            )
        )
        missing = sorted(set(wanted) - {p.pk for p in persons})
        if missing:
            raise ValidationError(
                {"persons": [f"Unknown person: {pk}." for pk in missing]}
            )
        try:
            plan = services.create_observation_plan(
                actor=user,
                observer=observer.get(),
                framework=framework,
                persons=persons,
                competence_ids=data["competence_ids"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                name=data.get("name", ""),
            )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied from exc
        except DjangoValidationError as exc:
            raise ValidationError({"persons": exc.messages}) from exc
        return Response(
            s.ObservationPlanSerializer(plan).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=s.ObservationPersonSerializer, responses=s.ObservationPlanSerializer
    )
    @action(detail=True, methods=["post"], url_path="persons")
    def add_person(self, request, pk=None):
        """Follow one more person; a seventh is refused with the guide's reason."""
        plan = self.get_object()
        incoming = s.ObservationPersonSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        person = (
            policies.persons_visible_to(request.user)
            .filter(pk=incoming.validated_data["person"])
            .first()
        )
        if person is None:
            raise ValidationError({"person": ["Unknown person."]})
        try:
            services.add_person_to_plan(actor=request.user, plan=plan, person=person)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied from exc
        except DjangoValidationError as exc:
            raise ValidationError({"person": exc.messages}) from exc
        return Response(s.ObservationPlanSerializer(plan).data)


class _NoteFilter(serializers.Serializer):
    plan = id_field(required=False)
    person = id_field(required=False)


class ObservationNoteViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """STARR notes of workfloor observations, each attached to the competence it
    supports (and, once classified, to the observer's rating in a round).

    Filter with ``?plan=`` and ``?person=``. Only the plan's observer writes
    notes. Reads are audited per person.
    """

    serializer_class = s.ObservationNoteSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return m.ObservationNote.objects.none()
        notes = services.observation_notes_visible_to(user).order_by(
            "observed_on", "id"
        )
        if self.action != "list":
            return notes
        query = _NoteFilter(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        for name, value in query.validated_data.items():
            notes = notes.filter(**{f"{name}_id": value})
        return notes

    def get_serializer_class(self):
        if self.action == "create":
            return s.ObservationNoteCreateSerializer
        return s.ObservationNoteSerializer

    @extend_schema(parameters=[_NoteFilter])
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        persons = {note.person_id: note.person for note in page}
        _audit_list(
            request.user, persons.values(), "observation_note", "observation notes"
        )
        return self.get_paginated_response(
            s.ObservationNoteSerializer(page, many=True).data
        )

    def retrieve(self, request, *args, **kwargs):
        note = self.get_object()
        record(
            actor=request.user,
            action=Action.READ,
            subjects=services.competence_subject(
                note.person, "observation_note", note.pk
            ),
            detail="observation note",
        )
        return Response(s.ObservationNoteSerializer(note).data)

    @extend_schema(
        request=s.ObservationNoteCreateSerializer,
        responses={201: s.ObservationNoteSerializer},
    )
    def create(self, request, *args, **kwargs):
        incoming = s.ObservationNoteCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        plan = (
            services.observation_plans_visible_to(request.user)
            .filter(pk=data.pop("plan"))
            .first()
        )
        if plan is None:
            raise ValidationError({"plan": ["Unknown observation plan."]})
        person = plan.persons.filter(pk=data.pop("person")).first()
        if person is None:
            raise ValidationError({"person": ["Not a person of this plan."]})
        if data["competence_id"] not in plan.competence_ids:
            raise ValidationError(
                {"competence_id": ["This competence is not observed in this plan."]}
            )
        note = _django_errors(
            services.add_observation_note,
            actor=request.user,
            plan=plan,
            person=person,
            **data,
        )
        return Response(
            s.ObservationNoteSerializer(note).data, status=status.HTTP_201_CREATED
        )
