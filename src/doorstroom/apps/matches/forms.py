from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import (
    language_level_choices,
    physical_demand_choices,
    shift_choices,
    travel_mode_choices,
)
from .models import DecisionStatus, RefusedBy


class VacancyImportForm(forms.Form):
    file = forms.FileField(
        label=_("Vacaturebestand (CSV of JSON)"),
        max_length=200,
        help_text=_(
            "Hoogstens 2 MiB; een Excel-bestand eerst bewaren als CSV (UTF-8)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json"}),
    )


class DecisionForm(forms.Form):
    vacancy = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(label=_("Beslissing"), choices=DecisionStatus.choices)
    refused_by = forms.ChoiceField(
        label=_("Afgewezen door"),
        choices=[("", "—"), *RefusedBy.choices],
        required=False,
    )
    reason = forms.CharField(label=_("Reden"), max_length=300, required=False)


def _codes(text: str) -> list[str]:
    return sorted({code.strip().lower() for code in text.split(",") if code.strip()})


class PreferencesForm(forms.Form):
    """What the worker accepts; never sex, age, origin or health."""

    hours_min = forms.DecimalField(
        label=_("Minimum uren per week"), min_value=0, max_value=50, decimal_places=1
    )
    hours_max = forms.DecimalField(
        label=_("Maximum uren per week"), min_value=0, max_value=50, decimal_places=1
    )
    shifts = forms.MultipleChoiceField(
        label=_("Kan werken in"),
        choices=shift_choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    travel_modes = forms.MultipleChoiceField(
        label=_("Vervoer"),
        choices=travel_mode_choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    max_travel_minutes = forms.IntegerField(
        label=_("Maximum minuten verplaatsing (enkel)"), min_value=0, max_value=240
    )
    language_level = forms.ChoiceField(
        label=_("Taalniveau Nederlands"),
        choices=language_level_choices(),
    )
    physical_limits = forms.MultipleChoiceField(
        label=_("Functionele fysieke grenzen (geen diagnose)"),
        choices=physical_demand_choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    limits_agreed = forms.BooleanField(
        label=_("De werknemer stemt in met het noteren van deze grenzen"),
        required=False,
    )
    wished_sectors = forms.CharField(
        label=_("Gewenste sectoren (codes, komma's)"), required=False, max_length=300
    )
    no_go_sectors = forms.CharField(
        label=_("Nooit deze sectoren (codes, komma's)"), required=False, max_length=300
    )

    def clean_wished_sectors(self) -> list[str]:
        return _codes(self.cleaned_data["wished_sectors"])

    def clean_no_go_sectors(self) -> list[str]:
        return _codes(self.cleaned_data["no_go_sectors"])

    @classmethod
    def initial_of(cls, prefs) -> dict:
        return {
            "hours_min": prefs.hours_min,
            "hours_max": prefs.hours_max,
            "shifts": prefs.shifts or ["day"],
            "travel_modes": prefs.travel_modes or ["public_transport"],
            "max_travel_minutes": prefs.max_travel_minutes,
            "language_level": prefs.language_level,
            "physical_limits": prefs.physical_limits,
            "limits_agreed": prefs.limits_agreed,
            "wished_sectors": ", ".join(prefs.wished_sectors),
            "no_go_sectors": ", ".join(prefs.no_go_sectors),
        }
