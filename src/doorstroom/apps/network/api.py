"""The network in the REST API: read and create partners, contacts and
"doorstroomklaar?" rounds. Same rules as the pages (``permissions.py``)."""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from doorstroom.apps.api.fields import id_field

from . import permissions, services
from .models import Contact, ContactKind, Partner, PartnerKind, ReadinessRound


class PartnerSerializer(serializers.ModelSerializer):
    partner_kind = serializers.ChoiceField(
        source="kind", choices=PartnerKind.choices, read_only=True
    )

    class Meta:
        model = Partner
        fields = [
            "id",
            "name",
            "partner_kind",
            "contact_name",
            "contact_email",
            "contact_phone",
            "municipality",
            "employment_target_percent",
            "notes",
        ]


class PartnerInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    partner_kind = serializers.ChoiceField(choices=PartnerKind.choices)
    contact_name = serializers.CharField(
        max_length=120, required=False, default="", allow_blank=True
    )
    contact_email = serializers.EmailField(
        max_length=254, required=False, default="", allow_blank=True
    )
    contact_phone = serializers.CharField(
        max_length=30, required=False, default="", allow_blank=True
    )
    municipality = serializers.CharField(
        max_length=100, required=False, default="", allow_blank=True
    )
    employment_target_percent = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
        default=None,
    )
    notes = serializers.CharField(
        max_length=2000, required=False, default="", allow_blank=True
    )


class ContactSerializer(serializers.ModelSerializer):
    contact_kind = serializers.ChoiceField(
        source="kind", choices=ContactKind.choices, read_only=True
    )

    class Meta:
        model = Contact
        fields = [
            "id",
            "partner",
            "contact_kind",
            "date",
            "who",
            "notes",
            "follow_up",
            "follow_up_on",
        ]


class ContactInputSerializer(serializers.Serializer):
    partner = id_field()
    contact_kind = serializers.ChoiceField(choices=ContactKind.choices)
    date = serializers.DateField()
    who = serializers.CharField(max_length=200)
    notes = serializers.CharField(
        max_length=2000, required=False, default="", allow_blank=True
    )
    follow_up = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True
    )
    follow_up_on = serializers.DateField(required=False, allow_null=True, default=None)


class ThemeScoreSerializer(serializers.Serializer):
    theme_id = serializers.CharField()
    name = serializers.CharField()
    points = serializers.IntegerField()
    max_points = serializers.IntegerField()
    percent = serializers.IntegerField()
    reading = serializers.CharField()


class ScoreSerializer(serializers.Serializer):
    points = serializers.IntegerField()
    max_points = serializers.IntegerField()
    percent = serializers.IntegerField()
    reading = serializers.CharField()
    themes = ThemeScoreSerializer(many=True)
    weak_statements = serializers.ListField(child=serializers.CharField())


class ReadinessRoundSerializer(serializers.ModelSerializer):
    answers = serializers.SerializerMethodField()
    score = serializers.SerializerMethodField()

    class Meta:
        model = ReadinessRound
        fields = [
            "id",
            "checklist_id",
            "checklist_version",
            "filled_on",
            "note",
            "answers",
            "score",
        ]

    def get_answers(self, obj: ReadinessRound) -> dict[str, str]:
        return obj.answers_by_statement()

    @extend_schema_field(ScoreSerializer)
    def get_score(self, obj: ReadinessRound) -> dict:
        return asdict(services.round_score(obj))


#: Most answers in one round, and the longest statement id.
MAX_ANSWERS = 200
STATEMENT_ID_LIMIT = 64


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string", "maxLength": 32},
        "maxProperties": MAX_ANSWERS,
        "description": (
            "Statement id (at most 64 characters) -> answer code (akkoord, "
            "gedeeltelijk, niet_akkoord)."
        ),
    }
)
class AnswersField(serializers.DictField):
    """Statement id -> answer code, with a bounded number of bounded keys."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if len(value) > MAX_ANSWERS:
            raise serializers.ValidationError(
                f"At most {MAX_ANSWERS} answers are accepted."
            )
        long_ids = [key for key in value if len(key) > STATEMENT_ID_LIMIT]
        if long_ids:
            raise serializers.ValidationError(
                f"A statement id has at most {STATEMENT_ID_LIMIT} characters."
            )
        return value


class ReadinessRoundInputSerializer(serializers.Serializer):
    filled_on = serializers.DateField()
    note = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True
    )
    answers = AnswersField(child=serializers.CharField(max_length=32))


def _service(func, **kwargs):
    """Call a service; its refusals and Dutch validation errors become API errors."""
    try:
        return func(**kwargs)
    except DjangoPermissionDenied as exc:
        raise PermissionDenied from exc
    except services.NetworkError as exc:
        raise ValidationError({exc.field: [str(exc)]}) from exc


class _NetworkViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    def _user_queryset(self, visible):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return visible(None)
        return visible(user)

    def _require_network(self) -> None:
        if not permissions.can_use_network(self.request.user):
            raise PermissionDenied


class NetworkPartnerViewSet(_NetworkViewSet):
    """Partners of the caller's organisation (its coaches and administrators)."""

    serializer_class = PartnerSerializer

    def get_queryset(self):
        return self._user_queryset(permissions.partners_visible_to)

    @extend_schema(request=PartnerInputSerializer, responses={201: PartnerSerializer})
    def create(self, request, *args, **kwargs):
        self._require_network()
        incoming = PartnerInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        partner = _service(
            services.create_partner,
            actor=request.user,
            kind=data.pop("partner_kind"),
            **data,
        )
        return Response(PartnerSerializer(partner).data, status=status.HTTP_201_CREATED)


class NetworkContactViewSet(_NetworkViewSet):
    """The contact log with the caller's organisation's partners."""

    serializer_class = ContactSerializer

    def get_queryset(self):
        return self._user_queryset(permissions.contacts_visible_to)

    @extend_schema(request=ContactInputSerializer, responses={201: ContactSerializer})
    def create(self, request, *args, **kwargs):
        self._require_network()
        incoming = ContactInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        partner = (
            permissions.partners_visible_to(request.user)
            .filter(pk=data.pop("partner"))
            .first()
        )
        if partner is None:
            raise ValidationError({"partner": ["Onbekende partner."]})
        contact = _service(
            services.log_contact,
            actor=request.user,
            partner=partner,
            kind=data.pop("contact_kind"),
            on=data.pop("date"),
            **data,
        )
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)


class ReadinessRoundViewSet(_NetworkViewSet):
    """ "Organisatie doorstroomklaar?" rounds of the caller's organisation, with
    their scores per theme and overall."""

    serializer_class = ReadinessRoundSerializer

    def get_queryset(self):
        return self._user_queryset(permissions.rounds_visible_to).prefetch_related(
            "answers"
        )

    @extend_schema(
        request=ReadinessRoundInputSerializer,
        responses={201: ReadinessRoundSerializer},
    )
    def create(self, request, *args, **kwargs):
        self._require_network()
        incoming = ReadinessRoundInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        readiness_round = _service(
            services.submit_readiness_round,
            actor=request.user,
            **incoming.validated_data,
        )
        return Response(
            ReadinessRoundSerializer(readiness_round).data,
            status=status.HTTP_201_CREATED,
        )
