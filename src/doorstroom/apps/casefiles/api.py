"""Case files in the REST API: list and read (audited), register a step; stage
follow-up and nazorg: read (audited) and register through the services."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from doorstroom.apps.access import policies
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import (
    Subject,
    person_subject,
    person_subjects,
    record,
)
from doorstroom.apps.placements.models import Placement

from . import permissions, services
from .models import (
    CaseFile,
    ContactChannel,
    ContactWith,
    EvaluationKind,
    StepRecord,
    TransitionArrangement,
)

#: Longest free texts accepted through the API.
TEXT_LIMIT = 5000
REASON_LIMIT = 1000


class StepRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = StepRecord
        fields = [
            "id",
            "kind",
            "phase",
            "step",
            "date",
            "recorded_by_name",
            "result",
            "note",
            "reason",
        ]


class CaseFileSerializer(serializers.ModelSerializer):
    entries = StepRecordSerializer(many=True, read_only=True)

    class Meta:
        model = CaseFile
        fields = [
            "id",
            "person",
            "trajectory_type",
            "type_version",
            "status",
            "status_reason",
            "outcome",
            "started_on",
            "entries",
        ]


class StepInputSerializer(serializers.Serializer):
    phase = serializers.CharField(max_length=64)
    step = serializers.CharField(max_length=64)
    date = serializers.DateField()
    result = serializers.CharField(max_length=200, required=False, default="")
    note = serializers.CharField(
        max_length=TEXT_LIMIT, required=False, default="", allow_blank=True
    )
    reason = serializers.CharField(
        max_length=REASON_LIMIT, required=False, default="", allow_blank=True
    )


class CaseFileViewSet(viewsets.ReadOnlyModelViewSet):
    """Case files whose person's trajectory the caller may see."""

    serializer_class = CaseFileSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return CaseFile.objects.none()
        return permissions.case_files_visible_to(user).prefetch_related("entries")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        record(
            actor=request.user,
            action=Action.LIST,
            subjects=person_subjects({c.person_id: c.person for c in page}.values()),
            detail="case files",
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        case_file = self.get_object()
        record(
            actor=request.user,
            action=Action.READ,
            subjects=person_subject(case_file.person),
            detail=f"case file {case_file.pk}",
        )
        return Response(self.get_serializer(case_file).data)

    @extend_schema(request=StepInputSerializer, responses={201: StepRecordSerializer})
    @action(detail=True, methods=["post"])
    def steps(self, request, pk=None):
        """Register a step (date, result, note; a reason for a step back)."""
        case_file = self.get_object()
        if not permissions.can_work_in_case_file(request.user, case_file.person):
            raise ApiPermissionDenied
        data = StepInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            entry = services.register_step(
                actor=request.user,
                case_file=case_file,
                phase=values["phase"],
                step=values["step"],
                on=values["date"],
                result=values["result"],
                note=values["note"],
                reason=values["reason"],
            )
        except services.CaseFileError as exc:
            raise ValidationError({"step": [str(exc)]}) from exc
        return Response(
            StepRecordSerializer(entry).data, status=status.HTTP_201_CREATED
        )


# --- Stage follow-up and nazorg (issue 4): reads and registrations.
#
# Reads: case workers as for case files; an NEC employer contact after a warm
# handover with a consent in force whose scope names ``traject``
# (``permissions.persons_with_readable_follow_up``), nothing more. Every read is
# audited. Writes go through the services (permission check, transaction, audit).
# Choice fields are plain strings checked here, so that the schema's enum names
# ("kind", "channel") do not collide with other components.


def _check_choice(value: str, choices) -> str:
    if value not in choices.values:
        raise serializers.ValidationError(
            "Kies uit: " + ", ".join(str(v) for v in choices.values)
        )
    return value


class AttendanceSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    date = serializers.DateField()
    present = serializers.BooleanField()
    reason = serializers.CharField(
        max_length=REASON_LIMIT, required=False, default="", allow_blank=True
    )
    recorded_by_name = serializers.CharField(read_only=True)


class EvaluationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(max_length=12, help_text="tussentijds | eind")
    date = serializers.DateField()
    evaluated_by = serializers.CharField(max_length=150)
    summary = serializers.CharField(max_length=TEXT_LIMIT)
    rating = serializers.IntegerField(
        min_value=1, max_value=4, help_text="1 onvoldoende … 4 zeer goed"
    )

    def validate_kind(self, value: str) -> str:
        return _check_choice(value, EvaluationKind)


class IncidentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    date = serializers.DateField()
    description = serializers.CharField(max_length=TEXT_LIMIT)
    action = serializers.CharField(
        max_length=TEXT_LIMIT, required=False, default="", allow_blank=True
    )
    recorded_by_name = serializers.CharField(read_only=True)


class StageFollowUpSerializer(serializers.Serializer):
    placement = serializers.IntegerField(source="placement.pk")
    person = serializers.IntegerField(source="placement.person_id")
    attendance = AttendanceSerializer(many=True)
    evaluations = EvaluationSerializer(many=True)
    incidents = IncidentSerializer(many=True)
    days_present = serializers.IntegerField()
    days_absent = serializers.IntegerField()
    show_evaluations = serializers.BooleanField()


class AftercareContactSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    planned_on = serializers.DateField(required=False, allow_null=True, default=None)
    date = serializers.DateField()
    with_whom = serializers.CharField(
        max_length=12, help_text="werknemer | werkgever | beiden"
    )
    channel = serializers.CharField(
        max_length=12, help_text="telefoon | bezoek | ander"
    )
    note = serializers.CharField(
        max_length=TEXT_LIMIT, required=False, default="", allow_blank=True
    )
    recorded_by_name = serializers.CharField(read_only=True)

    def validate_with_whom(self, value: str) -> str:
        return _check_choice(value, ContactWith)

    def validate_channel(self, value: str) -> str:
        return _check_choice(value, ContactChannel)


class TransitionSerializer(serializers.ModelSerializer):
    contract_kind = serializers.CharField(read_only=True)

    class Meta:
        model = TransitionArrangement
        fields = [
            "id",
            "job_start",
            "employer",
            "contract_kind",
            "c4_wording",
            "activa",
            "return_guarantee",
            "return_guarantee_until",
            "guidance_premium",
            "hybrid",
            "hybrid_sec_hours",
            "hybrid_nec_hours",
            "note",
        ]


class AftercareSerializer(serializers.Serializer):
    case_file = serializers.IntegerField()
    transition = TransitionSerializer(allow_null=True)
    planned = serializers.ListField(child=serializers.DateField())
    contacts = AftercareContactSerializer(many=True)


def _case_file_subject(case_file: CaseFile) -> Subject:
    return Subject(
        person_id=case_file.person_id,
        person_organisation_id=case_file.person.organisation_id,
        object_type="case_file",
        object_id=str(case_file.pk),
    )


def _service_call(call, **kwargs):
    """Run a service; its Dutch refusal becomes a 400 with the message."""
    try:
        return call(**kwargs)
    except services.CaseFileError as exc:
        raise ValidationError({"detail": [str(exc)]}) from exc


class FollowUpCaseFileViewSet(viewsets.GenericViewSet):
    """Nazorg of a case file: transition arrangement and aftercare contacts."""

    serializer_class = AftercareSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return CaseFile.objects.none()
        return CaseFile.objects.filter(
            person__in=permissions.persons_with_readable_follow_up(user)
        ).select_related("person")

    @extend_schema(responses=AftercareSerializer)
    def retrieve(self, request, pk=None):
        """The transition arrangement, the planned contact dates and the contacts."""
        case_file = self.get_object()
        transition = TransitionArrangement.objects.filter(case_file=case_file).first()
        data = {
            "case_file": case_file.pk,
            "transition": transition,
            "planned": services.planned_aftercare(case_file),
            "contacts": list(case_file.aftercare_contacts.all()),
        }
        record(
            actor=request.user,
            action=Action.READ,
            subjects=_case_file_subject(case_file),
            detail="aftercare (api)",
        )
        return Response(AftercareSerializer(data).data)

    @extend_schema(
        request=AftercareContactSerializer,
        responses={201: AftercareContactSerializer},
    )
    @action(detail=True, methods=["post"], url_path="contacts")
    def contacts(self, request, pk=None):
        """Register a nazorg contact (against a planned date, or extra)."""
        case_file = self.get_object()
        data = AftercareContactSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        contact = _service_call(
            services.register_aftercare_contact,
            actor=request.user,
            case_file=case_file,
            on=values["date"],
            with_whom=values["with_whom"],
            channel=values["channel"],
            note=values["note"],
            planned_on=values["planned_on"],
        )
        return Response(
            AftercareContactSerializer(contact).data, status=status.HTTP_201_CREATED
        )


class StageFollowUpViewSet(viewsets.GenericViewSet):
    """Follow-up of a stage: attendance, evaluations, critical incidents."""

    serializer_class = StageFollowUpSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return Placement.objects.none()
        visible = policies.placements_visible_to(user).values("pk")
        handed_over = policies.placements_after_handover(user).values("pk")
        return Placement.objects.filter(
            Q(pk__in=visible) | Q(pk__in=handed_over)
        ).select_related("person")

    @extend_schema(responses=StageFollowUpSerializer)
    def retrieve(self, request, pk=None):
        """Attendance (whoever sees the stage); evaluations and incidents for
        those who may read the trajectory. Audited."""
        placement = self.get_object()
        data = services.stage_follow_up(actor=request.user, placement=placement)
        return Response(StageFollowUpSerializer(data).data)

    @extend_schema(request=AttendanceSerializer, responses={201: AttendanceSerializer})
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        """Record a stage day as present or absent (absence needs a reason)."""
        placement = self.get_object()
        data = AttendanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        row = _service_call(
            services.register_attendance,
            actor=request.user,
            placement=placement,
            on=values["date"],
            present=values["present"],
            reason=values["reason"],
        )
        return Response(AttendanceSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EvaluationSerializer, responses={201: EvaluationSerializer})
    @action(detail=True, methods=["post"])
    def evaluations(self, request, pk=None):
        """Record an interim or final evaluation."""
        placement = self.get_object()
        data = EvaluationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        row = _service_call(
            services.register_evaluation,
            actor=request.user,
            placement=placement,
            kind=values["kind"],
            on=values["date"],
            evaluated_by=values["evaluated_by"],
            summary=values["summary"],
            rating=values["rating"],
        )
        return Response(EvaluationSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=IncidentSerializer, responses={201: IncidentSerializer})
    @action(detail=True, methods=["post"])
    def incidents(self, request, pk=None):
        """Record a critical incident and the action taken."""
        placement = self.get_object()
        data = IncidentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        row = _service_call(
            services.register_incident,
            actor=request.user,
            placement=placement,
            on=values["date"],
            description=values["description"],
            action=values["action"],
        )
        return Response(IncidentSerializer(row).data, status=status.HTTP_201_CREATED)
