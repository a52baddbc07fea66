"""A person's case file (dossier): one trajectory of a type from the TOML data,
every step registered with date, who and result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerStatus(models.Model):
    """Statuses that decide which stages are possible (art. 60, leerwerknemer)."""

    person = models.OneToOneField(
        "target_workers.Person", on_delete=models.CASCADE, related_name="worker_status"
    )
    article_60 = models.BooleanField(_("tewerkgesteld onder artikel 60"), default=False)
    learner_worker = models.BooleanField(_("leerwerknemer"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("statuut van de werknemer")
        verbose_name_plural = _("statuten van werknemers")


class CaseStatus(models.TextChoices):
    ACTIVE = "actief", _("Actief")
    PAUSED = "gepauzeerd", _("Gepauzeerd")
    STOPPED = "stopgezet", _("Stopgezet")
    CLOSED = "afgesloten", _("Afgesloten")


class CaseFile(models.Model):
    """One trajectory of a person, of a trajectory type at a fixed version."""

    person = models.ForeignKey(
        "target_workers.Person", on_delete=models.CASCADE, related_name="case_files"
    )
    trajectory_type = models.CharField(_("soort traject"), max_length=64)
    type_version = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CaseStatus.choices,
        default=CaseStatus.ACTIVE,
    )
    status_reason = models.TextField(_("reden"), blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=16, blank=True)
    started_on = models.DateField(_("gestart op"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("trajectdossier")
        verbose_name_plural = _("trajectdossiers")


class EntryKind(models.TextChoices):
    STEP = "stap", _("Stap")
    BACK = "terug", _("Stap terug naar een vorige fase")
    PAUSE = "pauze", _("Gepauzeerd")
    RESUME = "hervat", _("Hervat")
    STOP = "stop", _("Stopgezet")
    CLOSE = "afsluiting", _("Afgesloten")


class StepRecord(models.Model):
    """One registered step or status change: date, who, result, note, reason."""

    case_file = models.ForeignKey(
        CaseFile, on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("soort"), max_length=12, choices=EntryKind.choices)
    phase = models.CharField(_("fase"), max_length=64)
    step = models.CharField(_("stap"), max_length=64, blank=True)
    date = models.DateField(_("datum"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_by_name = models.CharField(_("door"), max_length=150)
    result = models.CharField(_("resultaat"), max_length=200, blank=True)
    note = models.TextField(_("notitie"), blank=True)
    reason = models.TextField(_("reden"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("geregistreerde stap")
        verbose_name_plural = _("geregistreerde stappen")


# --- Stage follow-up (guide 000 L3513): attendance, evaluations, critical incidents


class StageAttendance(models.Model):
    """One day of the attendance list of a stage (kept by the host organisation)."""

    placement = models.ForeignKey(
        "placements.Placement", on_delete=models.CASCADE, related_name="attendance"
    )
    date = models.DateField(_("datum"))
    present = models.BooleanField(_("aanwezig"), default=True)
    reason = models.TextField(_("reden van afwezigheid"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_by_name = models.CharField(_("door"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "date"], name="one_attendance_per_stage_day"
            )
        ]
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")


class EvaluationKind(models.TextChoices):
    INTERIM = "tussentijds", _("Tussentijdse evaluatie")
    FINAL = "eind", _("Eindevaluatie")


class Rating(models.IntegerChoices):
    POOR = 1, _("Onvoldoende")
    FAIR = 2, _("Voldoende")
    GOOD = 3, _("Goed")
    VERY_GOOD = 4, _("Zeer goed")


class StageEvaluation(models.Model):
    """An interim or final evaluation of a stage."""

    placement = models.ForeignKey(
        "placements.Placement", on_delete=models.CASCADE, related_name="evaluations"
    )
    kind = models.CharField(
        _("soort evaluatie"), max_length=12, choices=EvaluationKind.choices
    )
    date = models.DateField(_("datum"))
    evaluated_by = models.CharField(_("geëvalueerd door"), max_length=150)
    summary = models.TextField(_("samenvatting"))
    rating = models.PositiveSmallIntegerField(_("beoordeling"), choices=Rating.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("stage-evaluatie")
        verbose_name_plural = _("stage-evaluaties")


class CriticalIncident(models.Model):
    """A critical incident during a stage, and the action taken."""

    placement = models.ForeignKey(
        "placements.Placement", on_delete=models.CASCADE, related_name="incidents"
    )
    date = models.DateField(_("datum"))
    description = models.TextField(_("wat gebeurde er"))
    action = models.TextField(_("actie"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_by_name = models.CharField(_("door"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("kritisch incident")
        verbose_name_plural = _("kritische incidenten")


# --- Nazorg (guide 000 L3846–3892; 001 L100–105): the move to the NEC job and aftercare


class ContractKind(models.TextChoices):
    CONTRACT = "arbeidscontract", _("Arbeidscontract")
    INTENT = "intentieverklaring", _("Formele intentieverklaring (onbepaalde duur)")


class TransitionArrangement(models.Model):
    """How the move from the SEC to the NEC job was arranged (one per case file)."""

    case_file = models.OneToOneField(
        CaseFile, on_delete=models.CASCADE, related_name="transition"
    )
    job_start = models.DateField(_("eerste werkdag in het NEC"))
    employer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("NEC-werkgever"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    contract_kind = models.CharField(
        _("soort document"), max_length=20, choices=ContractKind.choices
    )
    c4_wording = models.BooleanField(
        _("het C4-formulier vermeldt de afgesproken formulering"), default=False
    )
    activa = models.BooleanField(_("ACTIVA-werkkaart aangevraagd"), default=False)
    return_guarantee = models.BooleanField(_("terugkeergarantie"), default=False)
    return_guarantee_until = models.DateField(
        _("terugkeergarantie tot"), null=True, blank=True
    )
    guidance_premium = models.BooleanField(_("begeleidingspremie"), default=False)
    hybrid = models.BooleanField(
        _("hybride tewerkstelling (deels SEC, deels NEC)"), default=False
    )
    hybrid_sec_hours = models.DecimalField(
        _("uren per week in het SEC"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
    )
    hybrid_nec_hours = models.DecimalField(
        _("uren per week in het NEC"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
    )
    note = models.TextField(_("notitie"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("overgangsregeling")
        verbose_name_plural = _("overgangsregelingen")


class ContactWith(models.TextChoices):
    WORKER = "werknemer", _("Werknemer")
    EMPLOYER = "werkgever", _("Werkgever")
    BOTH = "beiden", _("Werknemer en werkgever")


class ContactChannel(models.TextChoices):
    PHONE = "telefoon", _("Telefoon")
    VISIT = "bezoek", _("Bezoek")
    OTHER = "ander", _("Ander")


class AftercareContact(models.Model):
    """A nazorg contact, against a planned date of the schedule or extra."""

    case_file = models.ForeignKey(
        CaseFile, on_delete=models.CASCADE, related_name="aftercare_contacts"
    )
    planned_on = models.DateField(_("gepland op"), null=True, blank=True)
    date = models.DateField(_("datum"))
    with_whom = models.CharField(
        _("met wie"), max_length=12, choices=ContactWith.choices
    )
    channel = models.CharField(_("hoe"), max_length=12, choices=ContactChannel.choices)
    note = models.TextField(_("notitie"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_by_name = models.CharField(_("door"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("nazorgcontact")
        verbose_name_plural = _("nazorgcontacten")
