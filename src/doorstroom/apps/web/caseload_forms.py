"""The filters of the caseload table (search, phase, overdue only, sort)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstroom.apps.casefiles.caseload import SORT_KEYS, CaseloadQuery

SORT_CHOICES = [(k, k) for k in SORT_KEYS] + [(f"-{k}", f"-{k}") for k in SORT_KEYS]


class CaseloadForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek op naam of gemeente"), required=False, max_length=100
    )
    fase = forms.CharField(label=_("Fase"), required=False, max_length=100)
    achterstand = forms.BooleanField(label=_("Alleen met achterstand"), required=False)
    mijn = forms.BooleanField(label=_("Alleen mijn personen"), required=False)
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False)
    pagina = forms.IntegerField(min_value=1, max_value=100_000, required=False)

    def query(self) -> CaseloadQuery:
        """The filters as a :class:`CaseloadQuery` (defaults when invalid)."""
        if not self.is_valid():
            return CaseloadQuery()
        data = self.cleaned_data
        return CaseloadQuery(
            q=data["q"],
            phase=data["fase"],
            overdue_only=data["achterstand"],
            mine_only=data["mijn"],
            sort=data["sort"] or "naam",
            page=data["pagina"] or 1,
        )
