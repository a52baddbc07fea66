"""Case files in the REST API: list and read (audited), register a step."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import (
    person_subject,
    person_subjects,
    record,
)

from . import permissions, services
from .models import CaseFile, StepRecord


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
    note = serializers.CharField(required=False, default="", allow_blank=True)
    reason = serializers.CharField(required=False, default="", allow_blank=True)


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
