from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorstroom.apps.organisations.models import SEC_KINDS, Organisation, Province

from .services import DashboardQuery

BLANK = [("", _("Alle"))]


def _default_period(today: date) -> tuple[date, date]:
    return date(today.year - 4, 1, 1), date(today.year - 1, 12, 31)


class DashboardForm(forms.Form):
    period_from = forms.DateField(label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}))
    period_to = forms.DateField(label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}))
    as_of = forms.DateField(label=_("Stand van de gegevens op"), widget=forms.DateInput(attrs={"type": "date"}))
    instrument = forms.ChoiceField(
        label=_("Instrument"), required=False,
        choices=BLANK + [("CM", "CM"), ("LDE", "LDE"), ("IM", "IM")],
    )
    province = forms.ChoiceField(
        label=_("Provincie"), required=False, choices=BLANK + list(Province.choices)
    )
    age_band = forms.ChoiceField(
        label=_("Leeftijd"), required=False,
        choices=BLANK + [("<25", "<25"), ("25-54", "25-54"), ("55+", "55+")],
    )
    sex = forms.ChoiceField(
        label=_("Geslacht"), required=False,
        choices=BLANK + [("M", _("Man")), ("V", _("Vrouw")), ("X", "X")],
    )
    sector = forms.RegexField(
        label=_("Sector (NACE, 2 cijfers)"), required=False, regex=r"^\d{2}$", max_length=2
    )
    organisation = forms.ChoiceField(label=_("Organisatie"), required=False)

    def __init__(self, data=None, **kwargs):
        today = timezone.localdate()
        start, end = _default_period(today)
        initial = {"period_from": start, "period_to": end, "as_of": today}
        if data is not None and not any(k in data for k in initial):
            data = {**{k: v.isoformat() for k, v in initial.items()}, **data.dict()}
        super().__init__(data if data is not None else initial, **kwargs)
        self.fields["organisation"].choices = BLANK + [
            (o.external_id, o.name)
            for o in Organisation.objects.filter(kind__in=SEC_KINDS).order_by("name")
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            raise forms.ValidationError(_("De periode begint na haar einde."))
        return data

    def query(self) -> DashboardQuery:
        data = self.cleaned_data
        filters = {
            key: data[key]
            for key in ("instrument", "province", "age_band", "sex", "sector", "organisation")
            if data.get(key)
        }
        return DashboardQuery(
            period_from=data["period_from"],
            period_to=data["period_to"],
            as_of=data["as_of"],
            filters=filters,
        )
