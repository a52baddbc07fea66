from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.consents.models import Consent, DataScope, GivenHow, Purpose
from doorstroom.apps.organisations.models import Organisation
from doorstroom.apps.placements.models import Placement, Vacancy
from doorstroom.apps.target_workers.models import Person

from .fields import BoundedPrimaryKeyRelatedField


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "external_id",
            "name",
            "kind",
            "province",
            "postcode",
            "municipality",
        ]


class PersonListSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", default=None)

    class Meta:
        model = Person
        fields = [
            "id",
            "external_id",
            "first_name",
            "last_name",
            "municipality",
            "organisation",
        ]


class PersonDetailSerializer(serializers.Serializer):
    """A person's file, limited to the sections the caller may see."""

    id = serializers.IntegerField(source="person.pk")
    external_id = serializers.CharField(source="person.external_id")
    first_name = serializers.CharField(source="person.first_name")
    last_name = serializers.CharField(source="person.last_name")
    birth_date = serializers.DateField(source="person.birth_date", allow_null=True)
    municipality = serializers.CharField(source="person.municipality")
    sections = serializers.ListField(child=serializers.CharField())
    wop_dossiers = serializers.SerializerMethodField()
    employment = serializers.SerializerMethodField()
    trajectories = serializers.SerializerMethodField()

    def get_wop_dossiers(self, file) -> list[dict]:
        return [
            {
                "id": d.external_id,
                "employer": d.employer.name,
                "instrument": d.instrument,
                "start_date": d.start_date,
                "end_date": d.end_date,
            }
            for d in file.dossiers
        ]

    def get_employment(self, file) -> list[dict]:
        return [
            {
                "id": s.external_id,
                "employer": s.employer.name,
                "start_date": s.start_date,
                "end_date": s.end_date,
                "with_wop": s.wop_dossier_id is not None,
            }
            for s in file.spells
        ]

    def get_trajectories(self, file) -> list[dict]:
        return [
            {
                "id": t.external_id,
                "partner": t.partner.name,
                "start_date": t.start_date,
                "end_date": t.end_date,
                "stage": t.stage,
            }
            for t in file.trajectories
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["sections"] = sorted(instance.sections)
        return data


class ConsentSerializer(serializers.ModelSerializer):
    scope = serializers.ListField(
        child=serializers.ChoiceField(choices=DataScope.choices),
        allow_empty=False,
        max_length=5,
    )
    purpose = serializers.ChoiceField(choices=Purpose.choices)
    given_how = serializers.ChoiceField(choices=GivenHow.choices)
    person = BoundedPrimaryKeyRelatedField(queryset=Person.objects.none())
    organisation = BoundedPrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = Consent
        fields = [
            "id",
            "person",
            "organisation",
            "purpose",
            "scope",
            "given_at",
            "given_how",
            "withdrawn_at",
        ]
        read_only_fields = ["given_at", "withdrawn_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        visible = self.context.get("visible_persons")
        if visible is not None:
            self.fields["person"].queryset = visible


class PlacementSerializer(serializers.ModelSerializer):
    person_name = serializers.SerializerMethodField()
    host = serializers.CharField(source="host.name")

    class Meta:
        model = Placement
        fields = [
            "id",
            "person_name",
            "host",
            "kind",
            "start_date",
            "end_date",
            "work_post",
        ]

    def get_person_name(self, placement) -> str:
        person = placement.person
        return f"{person.first_name} {person.last_name[:1]}.".strip()


class VacancySerializer(serializers.ModelSerializer):
    employer = serializers.CharField(source="employer.name")

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "title",
            "employer",
            "hours_per_week",
            "postcode",
            "open_from",
            "open_until",
        ]


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "sequence",
            "occurred_at",
            "actor_username",
            "actor_role",
            "action",
            "object_type",
            "object_id",
            "person_id",
            "channel",
            "path",
        ]


@extend_schema_serializer(many=False)
class MeSerializer(serializers.Serializer):
    """The logged-in caller (schema only)."""

    username = serializers.CharField()
    role = serializers.CharField(help_text="The role code, e.g. coach")
    organisation = serializers.IntegerField(allow_null=True)
    person = serializers.IntegerField(
        allow_null=True, help_text="The caller's own person (a worker), else null"
    )
