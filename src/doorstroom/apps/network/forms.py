"""Forms with limits and Dutch errors; the services check the rules across fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstroom.domain.readiness import Checklist, Theme

from .models import ContactKind, PartnerKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    kind = forms.ChoiceField(label=_("Soort partner"), choices=PartnerKind.choices)
    contact_name = forms.CharField(
        label=_("Contactpersoon"), max_length=120, required=False
    )
    contact_email = forms.EmailField(
        label=_("E-mail contactpersoon"), max_length=254, required=False
    )
    contact_phone = forms.CharField(
        label=_("Telefoon contactpersoon"), max_length=30, required=False
    )
    municipality = forms.CharField(label=_("Gemeente"), max_length=100, required=False)
    employment_target_percent = forms.DecimalField(
        label=_("Streefcijfer tewerkstelling personen met een arbeidshandicap (%)"),
        help_text=_("Enkel voor een lokaal bestuur (lokale besturen: meestal 2%)."),
        min_value=0,
        max_value=100,
        max_digits=4,
        decimal_places=1,
        required=False,
    )
    notes = forms.CharField(
        label=_("Notities"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort contact"), choices=ContactKind.choices)
    date = forms.DateField(label=_("Datum"), widget=DateInput)
    who = forms.CharField(
        label=_("Wie"),
        max_length=200,
        help_text=_("Wie was erbij, van beide kanten."),
    )
    notes = forms.CharField(
        label=_("Notities"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    follow_up = forms.CharField(label=_("Opvolging"), max_length=300, required=False)
    follow_up_on = forms.DateField(
        label=_("Opvolgen tegen"), widget=DateInput, required=False
    )


def statement_field(statement_id: str) -> str:
    """The form field name of a statement."""
    return f"s_{statement_id}"


class ReadinessForm(forms.Form):
    """One radio group per statement, on the checklist's scale."""

    filled_on = forms.DateField(label=_("Ingevuld op"), widget=DateInput)
    note = forms.CharField(label=_("Opmerking"), max_length=300, required=False)

    def __init__(self, *args, checklist: Checklist, **kwargs):
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        choices = [(step.code, step.label) for step in checklist.scale]
        for statement in checklist.statements:
            self.fields[statement_field(statement.id)] = forms.ChoiceField(
                label=statement.text,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies een antwoord bij deze stelling.")},
            )

    def themes(self) -> list[tuple[Theme, list[forms.BoundField]]]:
        """The bound fields theme by theme, for the template."""
        return [
            (theme, [self[statement_field(s.id)] for s in theme.statements])
            for theme in self.checklist.themes
        ]

    def answers(self) -> dict[str, str]:
        """Statement id → answer code (after ``is_valid``)."""
        return {
            s.id: self.cleaned_data[statement_field(s.id)]
            for s in self.checklist.statements
        }


class ActionForm(forms.Form):
    statement_id = forms.ChoiceField(label=_("Stelling"))
    action = forms.CharField(label=_("Actie"), max_length=300)
    owner = forms.CharField(label=_("Wie neemt het op"), max_length=120)
    due_on = forms.DateField(label=_("Tegen"), widget=DateInput)

    def __init__(self, *args, weak: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement_id"].choices = weak
