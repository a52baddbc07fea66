"""API representations of competence data."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from doorstroom.apps.api.fields import id_field

from . import models as m
from .adapters import STARR_FIELDS


class FrameworkSerializer(serializers.ModelSerializer):
    builtin = serializers.BooleanField(source="is_builtin", read_only=True)

    class Meta:
        model = m.FrameworkVersion
        fields = [
            "id",
            "framework_id",
            "version",
            "content_hash",
            "name",
            "builtin",
            "organisation",
            "created_at",
        ]


class FrameworkDetailSerializer(FrameworkSerializer):
    data = serializers.JSONField(read_only=True)

    class Meta(FrameworkSerializer.Meta):
        fields = [*FrameworkSerializer.Meta.fields, "data"]


#: Most ratings and job requirements in one request (a framework has far fewer
#: competences).
MAX_RATINGS = 200
MAX_REQUIREMENTS = 200


class RatingSerializer(serializers.Serializer):
    competence_id = serializers.CharField(max_length=64)
    level = serializers.IntegerField(
        min_value=1,
        max_value=4,
        allow_null=True,
        help_text="1-4; null = niet geobserveerd",
    )
    situation = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    task = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    activities = serializers.CharField(
        max_length=2000, required=False, allow_blank=True
    )
    result = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    reflection = serializers.CharField(
        max_length=2000, required=False, allow_blank=True
    )
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class RatingsInputSerializer(serializers.Serializer):
    ratings = serializers.ListField(child=RatingSerializer(), max_length=MAX_RATINGS)

    def validate_ratings(self, value):
        ids = [item["competence_id"] for item in value]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError("Each competence at most once.")
        return value

    def ratings_map(self) -> dict[str, dict]:
        return {
            item["competence_id"]: {
                "level": item["level"],
                **{name: item.get(name, "") for name in (*STARR_FIELDS, "comment")},
            }
            for item in self.validated_data["ratings"]
        }


class SheetSerializer(serializers.ModelSerializer):
    ratings = serializers.SerializerMethodField()

    class Meta:
        model = m.RaterSheet
        fields = ["id", "role", "rater_name", "updated_at", "ratings"]

    def get_ratings(self, sheet) -> list[dict]:
        return [
            {
                "competence_id": r.competence_id,
                "level": r.level,
                "comment": r.comment,
                **{name: getattr(r, name) for name in STARR_FIELDS},
            }
            for r in sheet.ratings.all()
        ]


class RoundSerializer(serializers.ModelSerializer):
    framework_id = serializers.CharField(
        source="framework.framework_id", read_only=True
    )
    framework_version = serializers.IntegerField(
        source="framework.version", read_only=True
    )
    framework_hash = serializers.CharField(
        source="framework.content_hash", read_only=True
    )

    class Meta:
        model = m.AssessmentRound
        fields = [
            "id",
            "person",
            "framework",
            "framework_id",
            "framework_version",
            "framework_hash",
            "held_on",
            "created_at",
        ]


class AgreementSerializer(serializers.Serializer):
    method = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    rater_ids = serializers.ListField(child=serializers.CharField())
    competence_ids = serializers.ListField(child=serializers.CharField())
    excluded_ids = serializers.ListField(child=serializers.CharField())
    label_nl = serializers.CharField()
    reading_nl = serializers.CharField()


class ComparisonSerializer(serializers.Serializer):
    competence_id = serializers.CharField()
    self_level = serializers.IntegerField(allow_null=True)
    others_level = serializers.FloatField(allow_null=True)
    others_count = serializers.IntegerField()
    difference = serializers.FloatField(allow_null=True)
    reading_nl = serializers.CharField()


class RoundDetailSerializer(RoundSerializer):
    sheets = SheetSerializer(many=True, read_only=True)
    agreement = AgreementSerializer(allow_null=True, read_only=True)
    self_vs_others = ComparisonSerializer(many=True, read_only=True)

    class Meta(RoundSerializer.Meta):
        fields = [*RoundSerializer.Meta.fields, "sheets", "agreement", "self_vs_others"]


class RoundCreateSerializer(serializers.Serializer):
    person = id_field()
    framework = id_field()
    held_on = serializers.DateField()
    ratings = serializers.ListField(
        child=RatingSerializer(), required=False, max_length=MAX_RATINGS
    )


class JobProfileSerializer(serializers.ModelSerializer):
    requirements = serializers.SerializerMethodField()

    class Meta:
        model = m.JobProfile
        fields = [
            "id",
            "name",
            "organisation",
            "framework",
            "version",
            "requirements",
            "updated_at",
        ]

    def get_requirements(self, profile) -> list[dict]:
        return list(profile.requirements)


class RequirementInputSerializer(serializers.Serializer):
    competence = serializers.CharField(max_length=64)
    required = serializers.IntegerField(min_value=1, max_value=4)
    weight = serializers.FloatField(min_value=0.1, max_value=10, default=1.0)
    cutoff = serializers.IntegerField(
        min_value=1, max_value=4, required=False, allow_null=True
    )


class JobProfileWriteSerializer(serializers.Serializer):
    """Create or replace a job profile; the requirements are checked against the
    framework version named by ``framework``."""

    name = serializers.CharField(max_length=200)
    framework = id_field()
    requirements = serializers.ListField(
        child=RequirementInputSerializer(), min_length=1, max_length=MAX_REQUIREMENTS
    )


def requirement_errors(
    requirements: list[dict], competence_ids, framework_label: str
) -> dict[str, dict[str, list[str]]]:
    """English field errors per requirement, keyed by its index (the shape DRF
    uses for nested lists); empty when every requirement is fine."""
    known = set(competence_ids)
    seen: set[str] = set()
    errors: dict[str, dict[str, list[str]]] = {}
    for index, item in enumerate(requirements):
        error: dict[str, list[str]] = {}
        cid = item["competence"]
        if cid not in known:
            error["competence"] = [
                f"Unknown competence '{cid}': not in framework {framework_label}."
            ]
        elif cid in seen:
            error["competence"] = [f"Competence '{cid}' is listed more than once."]
        seen.add(cid)
        cutoff = item.get("cutoff")
        if cutoff is not None and cutoff > item["required"]:
            error["cutoff"] = [
                "The cut-off must not be higher than the required level."
            ]
        if error:
            errors[str(index)] = error
    return errors


class JobProfileVersionSerializer(serializers.ModelSerializer):
    requirements = serializers.SerializerMethodField()

    class Meta:
        model = m.JobProfileVersion
        fields = ["version", "name", "framework", "requirements", "created_at"]

    def get_requirements(self, row) -> list[dict]:
        return list(row.requirements)


# --- workfloor observation ------------------------------------------------------


class ObservationPlanSerializer(serializers.ModelSerializer):
    observer_name = serializers.SerializerMethodField()
    persons = serializers.SerializerMethodField()
    competence_ids = serializers.ListField(child=serializers.CharField())
    completed_steps = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = m.ObservationPlan
        fields = [
            "id",
            "name",
            "organisation",
            "observer",
            "observer_name",
            "framework",
            "persons",
            "competence_ids",
            "starts_on",
            "ends_on",
            "completed_steps",
            "created_at",
        ]

    def get_observer_name(self, plan) -> str:
        return plan.observer.get_full_name() or plan.observer.username

    def get_persons(self, plan) -> list[int]:
        return sorted(p.pk for p in plan.persons.all())


class ObservationPlanCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    observer = id_field(required=False, help_text="User id; default: the caller.")
    framework = id_field()
    persons = serializers.ListField(
        child=id_field(),
        min_length=1,
        max_length=50,
        help_text="At most six persons at once (the WAKKER guide's rule).",
    )
    competence_ids = serializers.ListField(
        child=serializers.CharField(max_length=64), min_length=1, max_length=100
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()

    def validate(self, attrs):
        if attrs["ends_on"] < attrs["starts_on"]:
            raise serializers.ValidationError(
                {"ends_on": ["The period ends before it starts."]}
            )
        return attrs


class ObservationPersonSerializer(serializers.Serializer):
    person = id_field()


class ObservationNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.ObservationNote
        fields = [
            "id",
            "plan",
            "person",
            "competence_id",
            "observed_on",
            *STARR_FIELDS,
            "author_name",
            "round",
            "created_at",
        ]


class ObservationNoteCreateSerializer(serializers.Serializer):
    plan = id_field()
    person = id_field()
    competence_id = serializers.CharField(max_length=64)
    observed_on = serializers.DateField()
    situation = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    task = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    activities = serializers.CharField(
        max_length=2000, required=False, allow_blank=True
    )
    result = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    reflection = serializers.CharField(
        max_length=2000, required=False, allow_blank=True
    )


class GapSerializer(serializers.Serializer):
    competence_id = serializers.CharField()
    name = serializers.CharField()
    required = serializers.IntegerField()
    weight = serializers.FloatField()
    cutoff = serializers.IntegerField(allow_null=True)
    actual = serializers.FloatField(allow_null=True)
    gap = serializers.FloatField(allow_null=True)
    blocking = serializers.BooleanField()
    status = serializers.ChoiceField(choices=["blocking", "gap", "unknown", "met"])


@extend_schema_serializer(many=False)
class DistanceSerializer(serializers.Serializer):
    """``DistanceResult.to_dict()`` (schema only)."""

    profile_id = serializers.CharField()
    profile_name = serializers.CharField()
    profile_version = serializers.IntegerField()
    fit = serializers.FloatField(allow_null=True)
    fit_lower = serializers.FloatField()
    fit_upper = serializers.FloatField()
    coverage = serializers.FloatField()
    total_weighted_gap = serializers.FloatField()
    within_reach = serializers.BooleanField(allow_null=True)
    blockers = serializers.ListField(child=serializers.CharField())
    gaps_open = serializers.ListField(child=serializers.CharField())
    unknown = serializers.ListField(child=serializers.CharField())
    met = serializers.ListField(child=serializers.CharField())
    gaps = GapSerializer(many=True)
    explanation = serializers.ListField(child=serializers.CharField())
