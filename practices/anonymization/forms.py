"""The editor's decision that a finding is not personal data: a reason is required, it is the audit record."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DismissFindingForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this not personal data?"),
        min_length=5,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: “the name of a public institution”, “a fictional pseudonym”. Kept with your name."),
    )
