"""Forms of the competence pages. Fields are built from the framework in use."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from doorstroom.domain.competences import Framework, Level

from .adapters import STARR_FIELDS

NOT_OBSERVED = "ng"
LEVEL_CHOICES = [
    ("", _("Niet ingevuld")),
    *[(str(int(level)), f"{int(level)} · {level.label_nl}") for level in Level],
    (NOT_OBSERVED, _("Niet geobserveerd")),
]
#: Plain-language labels for the worker's self-assessment, with pictogram files.
SELF_LEVELS = [
    ("1", _("Dat lukt nog niet"), "assessments/level-1.svg"),
    ("2", _("Soms"), "assessments/level-2.svg"),
    ("3", _("Goed"), "assessments/level-3.svg"),
    ("4", _("Heel goed"), "assessments/level-4.svg"),
    (NOT_OBSERVED, _("Weet ik niet"), "assessments/level-unknown.svg"),
]
STARR_LABELS = {
    "situation": _("Situatie"),
    "task": _("Taak"),
    "activities": _("Activiteiten"),
    "result": _("Resultaat"),
    "reflection": _("Reflectie"),
}


class StartRoundForm(forms.Form):
    framework = forms.ModelChoiceField(queryset=None, label=_("Kader"))
    held_on = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks


class RatingsForm(forms.Form):
    """One level (and, for case workers, a STARR note) per competence."""

    def __init__(self, *args, framework: Framework, starr: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.starr = starr
        choices = (
            LEVEL_CHOICES
            if starr
            else [("", _("Niet ingevuld"))]
            + [(v, label) for v, label, _f in SELF_LEVELS]
        )
        for competence in framework.competences:
            self.fields[f"level_{competence.id}"] = forms.ChoiceField(
                label=_("Niveau"),
                choices=choices,
                required=False,
                widget=forms.Select if starr else forms.RadioSelect,
            )
            if starr:
                for name in STARR_FIELDS:
                    self.fields[f"{name}_{competence.id}"] = forms.CharField(
                        label=STARR_LABELS[name],
                        required=False,
                        max_length=2000,
                        widget=forms.Textarea(attrs={"rows": 2}),
                    )
                self.fields[f"comment_{competence.id}"] = forms.CharField(
                    label=_("Opmerking"), required=False, max_length=2000
                )

    def rows(self):
        """Per competence: the competence and its bound fields (for templates)."""
        for competence in self.framework.competences:
            yield {
                "competence": competence,
                "level": self[f"level_{competence.id}"],
                "starr": [self[f"{n}_{competence.id}"] for n in STARR_FIELDS]
                if self.starr
                else [],
                "comment": self[f"comment_{competence.id}"] if self.starr else None,
            }

    def ratings(self) -> dict[str, dict]:
        """The filled-in ratings for ``services.save_ratings``."""
        result: dict[str, dict] = {}
        for competence in self.framework.competences:
            raw = self.cleaned_data.get(f"level_{competence.id}") or ""
            if raw == "":
                continue
            values: dict = {"level": None if raw == NOT_OBSERVED else int(raw)}
            if self.starr:
                for name in (*STARR_FIELDS, "comment"):
                    values[name] = self.cleaned_data.get(f"{name}_{competence.id}", "")
            result[competence.id] = values
        return result


class CopyFrameworkForm(forms.Form):
    name = forms.CharField(label=_("Naam van de kopie"), max_length=200, required=False)


class EditFrameworkForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    description = forms.CharField(
        label=_("Beschrijving"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, framework: Framework, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("name", framework.name)
        initial.setdefault("description", framework.description)
        super().__init__(*args, **kwargs)
        self.framework = framework
        for competence in framework.competences:
            self.fields[f"keep_{competence.id}"] = forms.BooleanField(
                label=_("Behouden"), required=False, initial=True
            )
            self.fields[f"name_{competence.id}"] = forms.CharField(
                label=_("Naam"), max_length=200, initial=competence.name
            )
            self.fields[f"definition_{competence.id}"] = forms.CharField(
                label=_("Omschrijving"),
                initial=competence.definition,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        for competence in self.framework.competences:
            yield {
                "competence": competence,
                "keep": self[f"keep_{competence.id}"],
                "name": self[f"name_{competence.id}"],
                "definition": self[f"definition_{competence.id}"],
            }

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "remove": [
                c.id for c in self.framework.competences if not data.get(f"keep_{c.id}")
            ],
            "competence_changes": {
                c.id: {
                    "name": data[f"name_{c.id}"],
                    "definition": data[f"definition_{c.id}"],
                }
                for c in self.framework.competences
            },
        }


class JobProfileForm(forms.Form):
    """Name plus, per competence of the framework, required level, weight, cut-off."""

    name = forms.CharField(label=_("Naam van de job"), max_length=200)

    def __init__(self, *args, framework: Framework, requirements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        current = {r["competence"]: r for r in requirements}
        level_choices = [("", _("Niet gevraagd"))] + [
            (str(int(level)), level.label_nl) for level in Level
        ]
        cutoff_choices = [("", _("Geen cut-off"))] + [
            (str(int(level)), level.label_nl) for level in Level
        ]
        for competence in framework.competences:
            req = current.get(competence.id, {})
            self.fields[f"required_{competence.id}"] = forms.ChoiceField(
                label=_("Gevraagd niveau"),
                choices=level_choices,
                required=False,
                initial=str(req.get("required", "")),
            )
            self.fields[f"weight_{competence.id}"] = forms.FloatField(
                label=_("Gewicht"),
                min_value=0.1,
                max_value=10,
                initial=req.get("weight", 1.0),
                required=False,
            )
            self.fields[f"cutoff_{competence.id}"] = forms.ChoiceField(
                label=_("Cut-off"),
                choices=cutoff_choices,
                required=False,
                initial=str(req.get("cutoff", "")),
            )

    def rows(self):
        for competence in self.framework.competences:
            yield {
                "competence": competence,
                "required": self[f"required_{competence.id}"],
                "weight": self[f"weight_{competence.id}"],
                "cutoff": self[f"cutoff_{competence.id}"],
            }

    def clean(self):
        data = super().clean()
        for competence in self.framework.competences:
            required = data.get(f"required_{competence.id}")
            cutoff = data.get(f"cutoff_{competence.id}")
            if cutoff and not required:
                self.add_error(
                    f"cutoff_{competence.id}",
                    _("Een cut-off kan enkel bij een gevraagd niveau."),
                )
            elif cutoff and required and int(cutoff) > int(required):
                self.add_error(
                    f"cutoff_{competence.id}",
                    _("De cut-off ligt niet hoger dan het gevraagde niveau."),
                )
        if not any(data.get(f"required_{c.id}") for c in self.framework.competences):
            raise forms.ValidationError(_("Vraag minstens één competentie."))
        return data

    def requirements(self) -> list[dict]:
        data = self.cleaned_data
        result = []
        for competence in self.framework.competences:
            required = data.get(f"required_{competence.id}")
            if not required:
                continue
            item = {
                "competence": competence.id,
                "required": int(required),
                "weight": data.get(f"weight_{competence.id}") or 1.0,
            }
            if data.get(f"cutoff_{competence.id}"):
                item["cutoff"] = int(data[f"cutoff_{competence.id}"])
            result.append(item)
        return result


class PopActionForm(forms.Form):
    competence_id = forms.CharField(required=False, widget=forms.HiddenInput)
    competence_name = forms.CharField(
        label=_("Competentie"), required=False, max_length=200
    )
    blocking = forms.BooleanField(required=False, widget=forms.HiddenInput)
    action = forms.CharField(
        label=_("Actie"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    helper = forms.CharField(label=_("Wie helpt"), required=False, max_length=200)
    due_date = forms.DateField(
        label=_("Tegen wanneer"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    measurable_result = forms.CharField(
        label=_("Meetbaar resultaat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


PopActionFormSet = formset_factory(PopActionForm, extra=1, max_num=40)


class PopMetaForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    job_profile = forms.IntegerField(widget=forms.HiddenInput, required=False)
    start_date = forms.DateField(
        label=_("Start van het POP"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


# --- workfloor observation (WAKKER) -------------------------------------------

_DATE = {"type": "date"}


class ObservationPlanForm(forms.Form):
    """A new observation plan: who observes whom, on which competences, when."""

    name = forms.CharField(label=_("Naam"), max_length=200, required=False)
    observer = forms.ModelChoiceField(queryset=None, label=_("Observator"))
    persons = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Te observeren personen (hoogstens 6)"),
        widget=forms.CheckboxSelectMultiple,
    )
    competences = forms.MultipleChoiceField(
        label=_("Competenties"), widget=forms.CheckboxSelectMultiple
    )
    starts_on = forms.DateField(
        label=_("Van"), widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Tot en met"), widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d")
    )

    def __init__(self, *args, framework: Framework, observers, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observer"].queryset = observers
        self.fields["persons"].queryset = persons
        self.fields["competences"].choices = [
            (c.id, c.name) for c in framework.competences
        ]


class AddPersonForm(forms.Form):
    person = forms.ModelChoiceField(queryset=None, label=_("Persoon"))

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons


class ObservationNoteForm(forms.Form):
    """One observation in STARR form, attached to a competence of the plan."""

    person = forms.ModelChoiceField(queryset=None, label=_("Persoon"))
    competence_id = forms.ChoiceField(label=_("Competentie"))
    observed_on = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d")
    )

    def __init__(self, *args, persons, competences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons
        self.fields["competence_id"].choices = [(c.id, c.name) for c in competences]
        for name in STARR_FIELDS:
            self.fields[name] = forms.CharField(
                label=STARR_LABELS[name],
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def starr_fields(self):
        return [self[name] for name in STARR_FIELDS]


NEW_ROUND = "new"


class ClassifyForm(forms.Form):
    """Klasseren and Kwantificeren: a level per observed competence, in a round."""

    round = forms.ChoiceField(label=_("Meting"))
    held_on = forms.DateField(
        label=_("Datum van een nieuwe meting"),
        required=False,
        widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
    )

    def __init__(self, *args, competences, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.competences = tuple(competences)
        self.fields["round"].choices = [(NEW_ROUND, _("Nieuwe meting"))] + [
            (str(r.pk), f"{r.held_on:%d/%m/%Y} · {r.framework}") for r in rounds
        ]
        for competence in self.competences:
            self.fields[f"level_{competence.id}"] = forms.ChoiceField(
                label=competence.name, choices=LEVEL_CHOICES, required=False
            )

    def level_fields(self):
        return [self[f"level_{c.id}"] for c in self.competences]

    def levels(self) -> dict[str, int | None]:
        result: dict[str, int | None] = {}
        for competence in self.competences:
            raw = self.cleaned_data.get(f"level_{competence.id}") or ""
            if raw:
                result[competence.id] = None if raw == NOT_OBSERVED else int(raw)
        return result
