"""REST endpoints for matching. Same permissions as the pages (see
:mod:`.permissions`); every read of a person's matching data is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from doorstroom.apps.access import policies
from doorstroom.apps.api.errors import ErrorSerializer
from doorstroom.domain.matching import VacancyImportError

from . import permissions, services
from .models import VacancyProfile


class MatchVacancySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    vacancy_id = serializers.CharField()
    title = serializers.CharField()
    employer = serializers.CharField()
    postcode = serializers.CharField()


class MatchPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MatchSerializer(serializers.Serializer):
    """One ranked entry: rank, fit, the pair and the domain's explanation."""

    rank = serializers.IntegerField()
    fit = serializers.FloatField()
    vacancy = MatchVacancySerializer()
    person = MatchPersonSerializer()
    reasons = serializers.ListField(child=serializers.CharField())
    explanation = serializers.DictField(help_text="MatchExplanation.to_dict()")


def _match_data(row: services.MatchRow) -> dict:
    return {
        "rank": row.rank,
        "fit": row.fit,
        "vacancy": {
            "id": row.vacancy.pk,
            "vacancy_id": row.vacancy.match_profile.external_id,
            "title": row.vacancy.title,
            "employer": row.vacancy.employer.name,
            "postcode": row.vacancy.postcode,
        },
        "person": {"id": row.person.pk, "name": str(row.person)},
        "reasons": row.reasons,
        "explanation": row.explanation.to_dict(),
    }


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise NotFound from exc


class PersonMatchesViewSet(viewsets.GenericViewSet):
    """The person's top 10 open vacancies, with reasons."""

    serializer_class = MatchSerializer
    pagination_class = None

    def get_queryset(self):
        return VacancyProfile.objects.none()

    @extend_schema(
        parameters=[OpenApiParameter("person_id", int, OpenApiParameter.PATH)],
        responses=MatchSerializer(many=True),
    )
    def list(self, request, person_id=None):
        person = policies.persons_visible_to(request.user).filter(pk=_pk(person_id))
        person = person.first()
        if person is None:
            raise NotFound
        try:
            rows = services.vacancies_for_person(actor=request.user, person=person)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied from exc
        return Response([_match_data(row) for row in rows])


class VacancyCandidatesViewSet(viewsets.GenericViewSet):
    """The vacancy's top 10 candidates among persons the caller may match."""

    serializer_class = MatchSerializer
    pagination_class = None

    def get_queryset(self):
        return VacancyProfile.objects.none()

    @extend_schema(
        parameters=[OpenApiParameter("vacancy_id", int, OpenApiParameter.PATH)],
        responses=MatchSerializer(many=True),
    )
    def list(self, request, vacancy_id=None):
        if not permissions.can_match(request.user):
            raise PermissionDenied
        vacancy = policies.vacancies_visible_to(request.user).filter(pk=_pk(vacancy_id))
        vacancy = vacancy.first()
        if vacancy is None:
            raise NotFound
        try:
            rows = services.candidates_for_vacancy(actor=request.user, vacancy=vacancy)
        except VacancyProfile.DoesNotExist as exc:
            raise NotFound from exc
        return Response([_match_data(row) for row in rows])


class VacancyImportSerializer(serializers.Serializer):
    file = serializers.FileField(
        max_length=200,
        help_text=(
            "CSV (UTF-8) or JSON vacancy file, at most 2 MiB; the type is checked "
            "by name and content"
        ),
    )


class VacancyImportResultSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
    vacancies = serializers.ListField(child=serializers.IntegerField())


class VacancyImportProblemSerializer(serializers.Serializer):
    source = serializers.CharField()
    line = serializers.IntegerField(allow_null=True)
    field = serializers.CharField()
    message_nl = serializers.CharField()
    message_en = serializers.CharField()


class VacancyImportErrorSerializer(serializers.Serializer):
    """The file's problems (name, type, size, or by line and field); a request
    without a file gets the general error shape instead."""

    problems = VacancyImportProblemSerializer(many=True)


class VacancyImportViewSet(viewsets.GenericViewSet):
    """Import a vacancy file: every vacancy or none (problems in Dutch and English)."""

    serializer_class = VacancyImportSerializer
    parser_classes = [MultiPartParser]

    def get_queryset(self):
        return VacancyProfile.objects.none()

    @extend_schema(
        request={"multipart/form-data": VacancyImportSerializer},
        responses={
            201: VacancyImportResultSerializer,
            400: PolymorphicProxySerializer(
                component_name="VacancyImportRefusal",
                serializers=[VacancyImportErrorSerializer, ErrorSerializer],
                resource_type_field_name=None,
            ),
        },
    )
    def create(self, request):
        if not permissions.can_import_vacancies(request.user):
            raise PermissionDenied
        data = VacancyImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            rows = services.import_vacancies(
                actor=request.user,
                filename=upload.name,
                content=upload.read(services.MAX_IMPORT_BYTES + 1),
            )
        except VacancyImportError as exc:
            problems = [
                {
                    "source": p.source,
                    "line": p.line,
                    "field": p.field,
                    "message_nl": p.message_nl,
                    "message_en": p.message_en,
                }
                for p in exc.problems
            ]
            return Response({"problems": problems}, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            {"imported": len(rows), "vacancies": [r.pk for r in rows]},
            status=status.HTTP_201_CREATED,
        )
