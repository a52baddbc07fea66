from __future__ import annotations

from datetime import date

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from doorstroom.apps.organisations.models import Organisation, OrganisationKind
from doorstroom.apps.placements.models import Placement
from doorstroom.apps.trajectories.models import AdviceResult, StageKind
from doorstroom.domain.trajectory_types import TrajectoryType, latest_types

from .models import (
    CaseStatus,
    CoachingKind,
    ContactChannel,
    ContactWith,
    EvaluationKind,
    EvaluationReason,
    IntakeRecord,
    PdpEvaluation,
    Rating,
    RequestedBy,
    TransitionArrangement,
    VdabEvaluationInterview,
)
from .services import (
    ADVICE_INSTRUMENTS,
    HANDOVER_KINDS,
    INTAKE_FIELDS,
    INTERVIEW_FIELDS,
    STAGE_FIELDS,
    TRANSITION_FIELDS,
    CaseFileError,
    check_signed_upload,
)


def _text(label: str, rows: int, *, required: bool = True) -> forms.CharField:
    """A free-text field shown as a text area of ``rows`` rows."""
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class OpenCaseFileForm(forms.Form):
    type_id = forms.ChoiceField(label=_("Soort traject"))
    started_on = forms.DateField(label=_("Startdatum"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type_id"].choices = [(t.id, t.name) for t in latest_types()]


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Stap"))
    on = forms.DateField(label=_("Datum"), widget=DateInput)
    result = forms.CharField(label=_("Resultaat"), max_length=200, required=False)
    note = _text(_("Notitie"), 3, required=False)
    reason = forms.CharField(
        label=_("Reden (bij een stap terug naar een vorige fase)"),
        max_length=500,
        required=False,
    )

    def __init__(self, *args, trajectory_type: TrajectoryType, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [
            (phase.name, [(f"{phase.id}:{s.id}", s.name) for s in phase.steps])
            for phase in trajectory_type.phases
        ]

    def phase_and_step(self) -> tuple[str, str]:
        phase, _sep, step = self.cleaned_data["step"].partition(":")
        return phase, step


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=[
            (CaseStatus.PAUSED, _("Pauzeren")),
            (CaseStatus.ACTIVE, _("Hervatten")),
            (CaseStatus.STOPPED, _("Stopzetten")),
            (CaseStatus.CLOSED, _("Afsluiten")),
        ],
    )
    on = forms.DateField(label=_("Datum"), widget=DateInput)
    reason = forms.CharField(label=_("Reden"), max_length=500, required=False)
    outcome = forms.ChoiceField(label=_("Uitkomst"), required=False)

    def __init__(self, *args, trajectory_type: TrajectoryType, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "werk": _("Werk"),
            "opleiding": _("Opleiding"),
            "werkzoekend": _("Werkzoekend"),
            "niet_actief": _("Niet beroepsactief"),
        }
        self.fields["outcome"].choices = [("", "—")] + [
            (o, labels.get(o, o)) for o in trajectory_type.outcomes
        ]
        if not trajectory_type.outcomes:
            del self.fields["outcome"]


class WorkerStatusForm(forms.Form):
    article_60 = forms.BooleanField(
        label=_("Tewerkgesteld onder artikel 60"), required=False
    )
    learner_worker = forms.BooleanField(label=_("Leerwerknemer"), required=False)


class StageForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = STAGE_FIELDS
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "programme": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (k.value, k.label) for k in StageKind if k != StageKind.NONE
        ]
        self.fields["host"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.NEC_EMPLOYER
        ).order_by("name")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt voor de startdatum."))
        return data


class AttendanceForm(forms.Form):
    on = forms.DateField(label=_("Datum"), widget=DateInput)
    present = forms.TypedChoiceField(
        label=_("Aanwezig"),
        choices=[("1", _("Aanwezig")), ("0", _("Afwezig"))],
        coerce=lambda v: v == "1",
        initial="1",
    )
    reason = forms.CharField(
        label=_("Reden van afwezigheid"), max_length=500, required=False
    )


class EvaluationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort evaluatie"), choices=EvaluationKind.choices)
    on = forms.DateField(label=_("Datum"), widget=DateInput)
    evaluated_by = forms.CharField(label=_("Geëvalueerd door"), max_length=150)
    summary = _text(_("Samenvatting"), 4)
    rating = forms.TypedChoiceField(
        label=_("Beoordeling"), choices=Rating.choices, coerce=int
    )


class IncidentForm(forms.Form):
    on = forms.DateField(label=_("Datum"), widget=DateInput)
    description = _text(_("Wat gebeurde er"), 3)
    action = _text(_("Actie"), 2, required=False)


class TransitionForm(forms.ModelForm):
    class Meta:
        model = TransitionArrangement
        fields = TRANSITION_FIELDS
        widgets = {
            "job_start": DateInput,
            "return_guarantee_until": DateInput,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.NEC_EMPLOYER
        ).order_by("name")


class AftercareContactForm(forms.Form):
    planned_on = forms.TypedChoiceField(
        label=_("Gepland contact"),
        required=False,
        coerce=date.fromisoformat,
        empty_value=None,
    )
    on = forms.DateField(label=_("Datum"), widget=DateInput)
    with_whom = forms.ChoiceField(label=_("Met wie"), choices=ContactWith.choices)
    channel = forms.ChoiceField(label=_("Hoe"), choices=ContactChannel.choices)
    note = _text(_("Notitie"), 3, required=False)

    def __init__(self, *args, open_dates: list[date], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_on"].choices = [("", _("Extra contact"))] + [
            (d.isoformat(), d.strftime("%d/%m/%Y")) for d in open_dates
        ]


class HandoverForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Naar organisatie"), queryset=Organisation.objects.none()
    )
    on = forms.DateField(label=_("Datum"), widget=DateInput)
    note = _text(_("Overdrachtsnota"), 5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = Organisation.objects.filter(
            kind__in=HANDOVER_KINDS
        ).order_by("name")


class EndHandoverForm(forms.Form):
    on = forms.DateField(
        label=_("Laatste dag van de overdracht"),
        widget=DateInput,
        help_text=_(
            "De ontvangende organisatie heeft toegang tot en met deze dag, "
            "daarna niet meer."
        ),
    )


# --- The forms of the voortraject


class IntakeForm(forms.ModelForm):
    class Meta:
        model = IntakeRecord
        fields = INTAKE_FIELDS
        widgets = {
            "date": DateInput,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in INTAKE_FIELDS
                if name not in ("date", "motivation_level")
            },
        }


class SignedFileField(forms.FileField):
    """A signed declaration: PDF, JPEG or PNG (by its content), at most 5 MB."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            try:
                check_signed_upload(upload)
            except CaseFileError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return upload


class EngagementForm(forms.Form):
    on = forms.DateField(label=_("Datum"), widget=DateInput)
    commitments = _text(_("Afspraken en wederzijdse verwachtingen"), 5)
    accepted_on_screen = forms.BooleanField(
        label=_("De werknemer aanvaardt de verklaring nu, op het scherm"),
        required=False,
    )
    signed_file = SignedFileField(
        label=_("Getekend exemplaar (PDF, JPEG of PNG, hoogstens 5 MB)"),
        required=False,
    )


class SignedUploadForm(forms.Form):
    signed_file = SignedFileField(
        label=_("Getekend exemplaar (PDF, JPEG of PNG, hoogstens 5 MB)")
    )


class ScreeningForm(forms.Form):
    framework = forms.ModelChoiceField(label=_("Kader"), queryset=None)
    on = forms.DateField(label=_("Datum"), widget=DateInput)
    second_coach = forms.ModelChoiceField(label=_("Tweede coach"), queryset=None)

    def __init__(self, *args, frameworks, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks
        self.fields["second_coach"].queryset = colleagues


class PdpMetaForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    on = forms.DateField(label=_("Datum"), widget=DateInput)
    where_now = _text(_("Waar sta ik nu?"), 2, required=False)
    wants = _text(_("Wat wil ik?"), 2, required=False)


class PdpRowForm(forms.Form):
    need = forms.CharField(label=_("Wat heb ik nodig?"), required=False, max_length=300)
    barrier = forms.CharField(label=_("Belemmering"), required=False, max_length=300)
    resource = forms.CharField(label=_("Hulpbron"), required=False, max_length=300)
    action = forms.CharField(label=_("Concrete actie"), required=False, max_length=2000)
    who = forms.CharField(label=_("Wie?"), required=False, max_length=200)
    due_on = forms.DateField(
        label=_("Tegen wanneer?"), required=False, widget=DateInput
    )
    done = forms.BooleanField(label=_("Voltooid?"), required=False)
    evaluation = forms.ChoiceField(
        label=_("Evaluatie"),
        required=False,
        choices=[("", "—"), *PdpEvaluation.choices],
    )
    remarks = forms.CharField(label=_("Opmerkingen"), required=False, max_length=2000)


PdpRowFormSet = formset_factory(PdpRowForm, extra=2, max_num=40)


class VdabRequestForm(forms.Form):
    requested_on = forms.DateField(label=_("Aangevraagd op"), widget=DateInput)
    requested_by = forms.ChoiceField(
        label=_("Aangevraagd door"), choices=RequestedBy.choices
    )
    reason = forms.ChoiceField(label=_("Reden"), choices=EvaluationReason.choices)
    instrument = forms.ChoiceField(
        label=_("Instrument"), choices=[(i, i) for i in ADVICE_INSTRUMENTS]
    )
    evaluator_organisation = forms.ModelChoiceField(
        label=_("VDAB"),
        required=False,
        queryset=Organisation.objects.filter(kind=OrganisationKind.VDAB),
    )
    note = _text(_("Notitie"), 2, required=False)


class VdabInterviewForm(forms.ModelForm):
    class Meta:
        model = VdabEvaluationInterview
        fields = INTERVIEW_FIELDS
        widgets = {
            "date": DateInput,
            "pop_date": DateInput,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }


class VdabAdviceForm(forms.Form):
    result = forms.ChoiceField(label=_("Advies"), choices=AdviceResult.choices)
    on = forms.DateField(label=_("Datum advies"), widget=DateInput)
    instrument = forms.ChoiceField(
        label=_("Instrument"), choices=[(i, i) for i in ADVICE_INSTRUMENTS]
    )


# --- Coaching hours and the POP to the VDAB (mandated doorstroom trajectory)


class CoachingSessionForm(forms.Form):
    on = forms.DateField(label=_("Datum"), widget=DateInput)
    minutes = forms.IntegerField(
        label=_("Duur in minuten"), min_value=1, max_value=24 * 60
    )
    kind = forms.ChoiceField(label=_("Soort begeleiding"), choices=CoachingKind.choices)
    note = _text(_("Notitie"), 2, required=False)


class PopSentForm(forms.Form):
    on = forms.DateField(label=_("POP bezorgd aan de VDAB op"), widget=DateInput)
