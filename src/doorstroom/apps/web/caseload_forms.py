"""The filters of the caseload table (search, phase, overdue only, my persons or
all persons of the organisation, sort)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstroom.apps.casefiles.caseload import SORT_KEYS, CaseloadQuery

SORT_CHOICES = [(k, k) for k in SORT_KEYS] + [(f"-{k}", f"-{k}") for k in SORT_KEYS]
#: The scope of the table: only the persons whose current case file the user
#: opened, or all persons of the organisation. Absent: the user's default.
SCOPES = {"mijn": True, "alle": False}
SCOPE_CHOICES = [
    ("mijn", _("Mijn personen")),
    ("alle", _("Alle personen van de organisatie")),
]


class CaseloadForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek op naam of gemeente"), required=False, max_length=100
    )
    fase = forms.CharField(label=_("Fase"), required=False, max_length=100)
    achterstand = forms.BooleanField(label=_("Alleen met achterstand"), required=False)
    personen = forms.ChoiceField(
        label=_("Personen"),
        choices=SCOPE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
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
            mine_only=SCOPES.get(data["personen"]),
            sort=data["sort"] or "naam",
            page=data["pagina"] or 1,
        )
