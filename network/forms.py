"""The counterpart finder's question: a country, a need, and optionally a working language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import WorkingLanguage

from .models import Country, Need


class FinderForm(forms.Form):
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="code", empty_label=_("Choose a country")
    )
    need = forms.ModelChoiceField(
        label=_("What do you need?"), queryset=Need.objects.all(), to_field_name="slug", empty_label=_("Choose a need")
    )
    language = forms.ModelChoiceField(
        label=_("Working language (optional)"),
        queryset=WorkingLanguage.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Any language"),
    )
