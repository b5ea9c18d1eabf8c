"""Front-end forms: the participant's contribution, a reply to a published experience, and the editors' forms
for registering and inviting participants in the admin."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from events.models import SECTIONS, Contribution, ContributionComment
from network.models import Country
from practices.models import CrimeType, Theme

SECTION_MAX_LENGTH = 6000


class ContributionForm(forms.ModelForm):
    """Share your experience. Saving a draft accepts anything (even an empty form); submitting asks for a title
    and at least two answered questions, so what reaches the library is worth reading."""

    countries = forms.ModelMultipleChoiceField(
        Country.objects.all(), label=_("Countries concerned"), required=False, widget=forms.CheckboxSelectMultiple
    )
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.all(), label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    crime_types = forms.ModelMultipleChoiceField(
        CrimeType.objects.all(), label=_("Crime types"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Contribution
        fields = ["title", *SECTIONS, "countries", "themes", "crime_types", "visibility", "credit_me"]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 5, "maxlength": SECTION_MAX_LENGTH}) for name in SECTIONS},
            "visibility": forms.RadioSelect,
        }
        labels = {"title": _("Title of your contribution")}
        help_texts = {"credit_me": _("If unticked, your contribution is published without your name.")}

    def __init__(self, *args, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        for name in SECTIONS:
            self.fields[name].validators.append(MaxLengthValidator(SECTION_MAX_LENGTH))

    def clean(self):
        cleaned = super().clean()
        if not self.submitting:
            return cleaned
        if not (cleaned.get("title") or "").strip():
            self.add_error("title", _("Give your contribution a title before submitting it."))
        answered = [name for name in SECTIONS if (cleaned.get(name) or "").strip()]
        if len(answered) < 2:
            raise forms.ValidationError(_("Answer at least two of the questions before submitting."))
        return cleaned


class CommentForm(forms.ModelForm):
    """A short reply to a published experience, seen by the event's participants once an editor approves it."""

    class Meta:
        model = ContributionComment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}
        labels = {"body": _("Your reply")}


class RegisterParticipantsForm(forms.Form):
    """Editors: register existing members as participants, chosen from a list or listed by e-mail (CSV)."""

    members = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Members"), required=False, widget=forms.SelectMultiple(attrs={"size": 12})
    )
    emails = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One address per line, or paste the first column of a spreadsheet."),
    )
    csv_file = forms.FileField(
        label=_("Or a CSV file of e-mail addresses"),
        required=False,
        help_text=_("The addresses in a column titled “email” or “correo”, or in the first column."),
    )

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        from members.models import Membership

        super().__init__(*args, **kwargs)
        user_ids = Membership.objects.vetted().values("user_id")
        self.fields["members"].queryset = get_user_model().objects.filter(pk__in=user_ids)

    def clean_emails(self):
        text = self.cleaned_data.get("emails", "")
        if len(text) > MAX_LIST_BYTES:
            raise forms.ValidationError(
                _("The list is too long: at most %(limit)d characters. Split it and register each part in turn.")
                % {"limit": MAX_LIST_BYTES}
            )
        return check_line_count(text)

    def clean_csv_file(self):
        upload = self.cleaned_data.get("csv_file")
        if upload is None:
            return ""
        if upload.size > MAX_LIST_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s): at most %(limit)s. Split it and upload each part in turn.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_LIST_BYTES)}
            )
        return check_line_count(decoded_list(upload.read(MAX_LIST_BYTES + 1)))

    def address_lists(self):
        """The lists of addresses given, by the name of their field (where their line-numbered errors go)."""
        return {name: self.cleaned_data[name] for name in ("emails", "csv_file") if self.cleaned_data.get(name)}


#: How long a list of participants may be: an event has tens or hundreds of participants, not thousands; a larger
#: file is a mistake (the wrong export), and checking it would hold the server for nothing.
MAX_LIST_LINES = 2000
MAX_LIST_BYTES = 512 * 1024

#: How files that are not CSV text start: spreadsheets (xlsx/ods are zip files; xls is an OLE file) and PDFs.
BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def decoded_list(data):
    """The text of an uploaded list, or a :class:`~django.forms.ValidationError` that says how to save it."""
    save_as = _("In your spreadsheet, use “Save as” and choose “CSV UTF-8”, then upload that file.")
    if data.startswith(UTF16_MARKS):
        raise forms.ValidationError(
            _("The file is saved as UTF-16 (“Unicode text”), not as CSV UTF-8. %(save_as)s") % {"save_as": save_as}
        )
    if data.startswith(BINARY_SIGNATURES) or b"\x00" in data:
        raise forms.ValidationError(
            _("This is not a text file (a spreadsheet or a document?). %(save_as)s") % {"save_as": save_as}
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise forms.ValidationError(
            _("The file is not saved as UTF-8: line %(line)d has characters it cannot read. %(save_as)s")
            % {"line": line, "save_as": save_as}
        ) from error


def check_line_count(text):
    """``text`` if it has at most :data:`MAX_LIST_LINES` lines, else the error that says so."""
    count = len(text.splitlines())
    if count > MAX_LIST_LINES:
        raise forms.ValidationError(
            _("The list has %(count)d lines: at most %(limit)d at once. Split it and register each part in turn.")
            % {"count": count, "limit": MAX_LIST_LINES}
        )
    return text


class InviteParticipantForm(forms.Form):
    """Editors: invite someone who is not a member yet; accepting makes them an applicant endorsed by the event."""

    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)
