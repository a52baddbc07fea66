from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstroom.apps.consents.models import DataScope, GivenHow, Purpose
from doorstroom.apps.organisations.models import Organisation


class ConsentForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie die mag inkijken"),
        queryset=Organisation.objects.order_by("name"),
    )
    purpose = forms.ChoiceField(label=_("Doel"), choices=Purpose.choices)
    scope = forms.MultipleChoiceField(
        label=_("Welke gegevens"),
        choices=DataScope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[DataScope.IDENTITY, DataScope.TRAJECTORY],
    )
    given_how = forms.ChoiceField(label=_("Hoe gegeven"), choices=GivenHow.choices)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek op naam of gemeente"), required=False, max_length=100
    )


class ConfirmEraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat naam en contactgegevens definitief gewist worden."),
        required=True,
    )
