"""A person's case file (dossier): one trajectory of a type from the TOML data,
every step registered with date, who and result."""

from __future__ import annotations

import secrets
from pathlib import PurePath

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
    pop_sent_to_vdab_on = models.DateField(
        _("POP bezorgd aan de VDAB op"), null=True, blank=True
    )
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


# --- The forms of the voortraject (guide 000 L2031–2184, L2854–2913; 001 L114–132)


def _recorded_by():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )


class MotivationLevel(models.IntegerChoices):
    LOW = 1, _("Laag")
    RATHER_LOW = 2, _("Eerder laag")
    RATHER_HIGH = 3, _("Eerder hoog")
    HIGH = 4, _("Hoog")


class IntakeRecord(models.Model):
    """Intake 1: the intake form (past, present, future) and the motivation."""

    case_file = models.ForeignKey(
        CaseFile, on_delete=models.CASCADE, related_name="intakes"
    )
    date = models.DateField(_("datum"))
    situation = models.TextField(_("huidige situatie"))
    work_history = models.TextField(_("arbeidsverleden"), blank=True)
    education = models.TextField(_("opleiding"), blank=True)
    wishes = models.TextField(_("wensen en jobdoelwit"), blank=True)
    mobility = models.TextField(_("mobiliteit"), blank=True)
    barriers = models.TextField(_("context en belemmeringen"), blank=True)
    motivation = models.TextField(_("motivatie om door te stromen"))
    motivation_level = models.PositiveSmallIntegerField(
        _("motivatie (inschatting)"), choices=MotivationLevel.choices
    )
    recorded_by = _recorded_by()
    recorded_by_name = models.CharField(_("door"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("intakeformulier")
        verbose_name_plural = _("intakeformulieren")


class AcceptedHow(models.TextChoices):
    ON_SCREEN = "scherm", _("Aanvaard op het scherm, in gesprek met de coach")
    PORTAL = "portaal", _("Aanvaard door de werknemer in het eigen dossier")
    SIGNED = "getekend", _("Getekend exemplaar opgeladen")


def engagement_upload_to(instance: EngagementDeclaration, filename: str) -> str:
    """A random name under ``MEDIA_ROOT/casefiles/engagement/``: never guessable."""
    suffix = PurePath(filename).suffix.lower()
    return f"casefiles/engagement/{secrets.token_hex(16)}{suffix}"


class EngagementDeclaration(models.Model):
    """The engagement declaration of intake 1: accepted on screen or signed on paper."""

    case_file = models.ForeignKey(
        CaseFile, on_delete=models.CASCADE, related_name="engagements"
    )
    date = models.DateField(_("datum"))
    commitments = models.TextField(_("afspraken en wederzijdse verwachtingen"))
    accepted_how = models.CharField(
        _("aanvaard"), max_length=10, choices=AcceptedHow.choices, blank=True
    )
    accepted_at = models.DateTimeField(_("aanvaard op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_by_name = models.CharField(_("aanvaard door"), max_length=150, blank=True)
    signed_file = models.FileField(
        _("getekende verklaring"), upload_to=engagement_upload_to, blank=True
    )
    signed_content_type = models.CharField(max_length=32, blank=True)
    recorded_by = _recorded_by()
    recorded_by_name = models.CharField(_("door"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("engagementsverklaring")
        verbose_name_plural = _("engagementsverklaringen")

    @property
    def accepted(self) -> bool:
        return self.accepted_at is not None


class Screening(models.Model):
    """Intake 2: a screening by two coaches, as a competence round with STARR notes."""

    case_file = models.ForeignKey(
        CaseFile, on_delete=models.CASCADE, related_name="screenings"
    )
    assessment_round = models.OneToOneField(
        "assessments.AssessmentRound", on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("datum"))
    first_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eerste coach"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tweede coach"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = _recorded_by()
    recorded_by_name = models.CharField(_("door"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")


class TransitionPlan(models.Model):
    """The PDP (persoonlijk doorstroomplan) of a case file.

    ``version`` implements optimistic locking, as for the POP: a save names the
    version it started from and is refused when someone saved in between.
    """

    case_file = models.OneToOneField(
        CaseFile, on_delete=models.CASCADE, related_name="pdp"
    )
    where_now = models.TextField(_("waar sta ik nu?"), blank=True)
    wants = models.TextField(_("wat wil ik?"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = _recorded_by()
    updated_by_name = models.CharField(_("door"), max_length=150)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("persoonlijk doorstroomplan")
        verbose_name_plural = _("persoonlijke doorstroomplannen")


class PdpEvaluation(models.TextChoices):
    MINUS = "-", "−"
    NEUTRAL = "+/-", "±"
    PLUS = "+", "+"


class TransitionPlanRow(models.Model):
    """One row of the PDP: need, barrier, resource, action, who, when, done."""

    plan = models.ForeignKey(
        TransitionPlan, on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveSmallIntegerField(default=0)
    need = models.CharField(_("wat heb ik nodig?"), max_length=300, blank=True)
    barrier = models.CharField(_("belemmering"), max_length=300, blank=True)
    resource = models.CharField(_("hulpbron"), max_length=300, blank=True)
    action = models.TextField(_("concrete actie"))
    who = models.CharField(_("wie?"), max_length=200, blank=True)
    due_on = models.DateField(_("tegen wanneer?"), null=True, blank=True)
    done = models.BooleanField(_("voltooid?"), default=False)
    evaluation = models.CharField(
        _("evaluatie"), max_length=3, choices=PdpEvaluation.choices, blank=True
    )
    remarks = models.TextField(_("opmerkingen"), blank=True)

    class Meta:
        ordering = ["position", "id"]


class EvaluationReason(models.TextChoices):
    ON_REQUEST = "op_vraag", _("Op vraag")
    AFTER_FIVE_YEARS = "na_vijf_jaar", _("Na vijf jaar tewerkstelling")


class RequestedBy(models.TextChoices):
    WORKER = "werknemer", _("De werknemer")
    EMPLOYER = "werkgever", _("De werkgever")


class VdabEvaluationRequest(models.Model):
    """The request for a VDAB evaluation; the advice itself is a ``trajectories.Advice``."""

    case_file = models.ForeignKey(
        CaseFile, on_delete=models.CASCADE, related_name="vdab_requests"
    )
    advice = models.OneToOneField(
        "trajectories.Advice", on_delete=models.PROTECT, related_name="request"
    )
    requested_on = models.DateField(_("aangevraagd op"))
    requested_by = models.CharField(
        _("aangevraagd door"), max_length=12, choices=RequestedBy.choices
    )
    reason = models.CharField(
        _("reden"), max_length=14, choices=EvaluationReason.choices
    )
    note = models.TextField(_("notitie"), blank=True)
    recorded_by = _recorded_by()
    recorded_by_name = models.CharField(_("door"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_on", "-id"]
        verbose_name = _("aanvraag VDAB-evaluatie")
        verbose_name_plural = _("aanvragen VDAB-evaluatie")


class VdabEvaluationInterview(models.Model):
    """The evaluation interview of a VDAB evaluator (one per request)."""

    request = models.OneToOneField(
        VdabEvaluationRequest, on_delete=models.CASCADE, related_name="interview"
    )
    date = models.DateField(_("datum gesprek"))
    evaluator_name = models.CharField(_("VDAB-evaluator"), max_length=150)
    attendees = models.CharField(_("aanwezigen"), max_length=300, blank=True)
    worker_questionnaire = models.BooleanField(
        _("vragenlijst werknemer ingevuld"), default=False
    )
    employer_questionnaire = models.BooleanField(
        _("vragenlijst werkgever ingevuld"), default=False
    )
    pop_date = models.DateField(
        _("datum van het voorgelegde POP"), null=True, blank=True
    )
    summary = models.TextField(_("verslag"))
    recorded_by = _recorded_by()
    recorded_by_name = models.CharField(_("door"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluatiegesprek VDAB")
        verbose_name_plural = _("evaluatiegesprekken VDAB")


# --- Coaching hours of the mandated doorstroom trajectory (seed 004 L858–862)


class CoachingKind(models.TextChoices):
    CONVERSATION = "gesprek", _("Begeleidingsgesprek")
    TRAINING = "training", _("Sollicitatietraining")
    MATCHING = "jobmatching", _("Jobmatching")
    STAGE = "stage", _("Stagebegeleiding")
    AFTERCARE = "nazorg", _("Nazorgbegeleiding")
    OTHER = "ander", _("Ander")


class CoachingSession(models.Model):
    """Time a doorstroombegeleider spent on a case file (against the hours budget)."""

    case_file = models.ForeignKey(
        CaseFile, on_delete=models.CASCADE, related_name="coaching_sessions"
    )
    date = models.DateField(_("datum"))
    minutes = models.PositiveIntegerField(_("duur in minuten"))
    kind = models.CharField(_("soort"), max_length=12, choices=CoachingKind.choices)
    note = models.TextField(_("notitie"), blank=True)
    recorded_by = _recorded_by()
    recorded_by_name = models.CharField(_("door"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("begeleidingssessie")
        verbose_name_plural = _("begeleidingssessies")
