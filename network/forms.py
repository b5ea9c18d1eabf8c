"""The counterpart finder's question: a country, a need, and optionally a working language."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from members.models import WorkingLanguage

from .models import Country, Need


class ReferenceChoiceIterator(ModelChoiceIterator):
    """The select's options from the field's rows, already read when the submitted answer was checked."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.queryset:
            yield self.choice(row)


class ReferenceChoiceField(forms.ModelChoiceField):
    """A choice in a short list of reference data (countries, needs, working languages), read once per form.

    Django's field queries once to check the submitted value and once more to draw the select; here the value is
    looked up among the rows read for the select, so a page with the form answered costs one query per field.
    """

    iterator = ReferenceChoiceIterator

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        for row in self.queryset:
            if str(getattr(row, key)) == str(value):
                return row
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})


class FinderForm(forms.Form):
    country = ReferenceChoiceField(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="code", empty_label=_("Choose a country")
    )
    need = ReferenceChoiceField(
        label=_("What do you need?"), queryset=Need.objects.all(), to_field_name="slug", empty_label=_("Choose a need")
    )
    language = ReferenceChoiceField(
        label=_("Working language (optional)"),
        queryset=WorkingLanguage.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Any language"),
    )
