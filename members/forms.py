"""Forms of the members app: the application (allauth's signup plus the practitioner profile), the profile,
re-confirmation, vetting decisions and invitations."""

from allauth.account.forms import SignupForm
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from network.models import Country, Institution

from .models import Invitation, JoinedVia, Membership, Specialization, VettingDecision, WorkingLanguage

PROFILE_FIELDS = [
    "country",
    "institution",
    "proposed_institution",
    "position",
    "practitioner_type",
    "specializations",
    "languages",
    "phone",
    "consent_listed",
]


class ProfileFieldsMixin:
    """Shared clean-up of the practitioner profile: a known institution of the chosen country, or a new name."""

    def clean(self):
        cleaned = super().clean()
        institution = cleaned.get("institution")
        country = cleaned.get("country")
        if institution is None and not cleaned.get("proposed_institution"):
            self.add_error("institution", _("Pick your institution, or name it if it is not in the list."))
        if institution is not None and country is not None and institution.country_id != country.id:
            self.add_error("institution", _("This institution is in another country."))
        return cleaned


class MembershipProfileForm(ProfileFieldsMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = PROFILE_FIELDS
        widgets = {
            "specializations": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].required = True
        self.fields["country"].queryset = Country.objects.all()
        self.fields["institution"].queryset = Institution.objects.select_related("country")
        self.fields["specializations"].queryset = Specialization.objects.all()
        self.fields["languages"].queryset = WorkingLanguage.objects.all()
        self.fields["position"].required = True
        self.fields["practitioner_type"].required = True


class ApplicationForm(ProfileFieldsMixin, SignupForm):
    """The public "Join the network" form: an allauth signup (e-mail verification, rate limits, enumeration-safe
    answers) that also collects the practitioner profile and an optional endorsement."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all())
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.select_related("country"), required=False
    )
    proposed_institution = forms.CharField(
        label=_("Institution not in the list"),
        max_length=255,
        required=False,
        help_text=_("If the institution is not in the list, name it here and vetters will add it."),
    )
    position = forms.CharField(label=_("Position"), max_length=200)
    practitioner_type = forms.ChoiceField(
        label=_("Practitioner type"), choices=Membership._meta.get_field("practitioner_type").choices
    )
    specializations = forms.ModelMultipleChoiceField(
        label=_("Specializations"),
        queryset=Specialization.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Working languages"),
        queryset=WorkingLanguage.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    phone = forms.CharField(label=_("Official phone"), max_length=50, required=False)
    consent_listed = forms.BooleanField(
        label=_("List me in the directory"),
        required=False,
        help_text=_("I agree that vetted members of the network can see my name, institution and contact details."),
    )
    endorser_name = forms.CharField(label=_("Endorsed by (optional)"), max_length=200, required=False)
    endorser_contact = forms.CharField(label=_("Endorser's e-mail or phone"), max_length=200, required=False)
    endorsement_note = forms.CharField(
        label=_("How the endorser knows you"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    field_order = [
        *("email", "password1", "password2", "first_name", "last_name"),
        *PROFILE_FIELDS,
        *("endorser_name", "endorser_contact", "endorsement_note"),
    ]

    def __init__(self, *args, invitation=None, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def custom_signup(self, request, user):
        """Create the applicant's membership, flag what vetters should check, and record the application."""
        from . import vetting

        data = self.cleaned_data
        user.first_name = data["first_name"]
        user.last_name = data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        membership = Membership.objects.create(
            user=user,
            country=data["country"],
            institution=data.get("institution"),
            proposed_institution="" if data.get("institution") else data.get("proposed_institution", ""),
            position=data["position"],
            practitioner_type=data["practitioner_type"],
            phone=data.get("phone", ""),
            consent_listed=data.get("consent_listed", False),
            language=(get_language() or "es")[:2],
            endorser_name=data.get("endorser_name", ""),
            endorser_contact=data.get("endorser_contact", ""),
            endorsement_note=data.get("endorsement_note", ""),
        )
        membership.specializations.set(data.get("specializations") or [])
        membership.languages.set(data["languages"])
        invitation = self.invitation
        if invitation is not None and invitation.is_usable:
            membership.joined_via = JoinedVia.INVITATION
            membership.endorsed_by = invitation.invited_by
            if invitation.invited_by is not None:
                membership.endorser_name = membership.endorser_name or invitation.invited_by.get_full_name()
            membership.endorsement_note = membership.endorsement_note or invitation.note
            invitation.accepted_at = membership.created_at
            invitation.save(update_fields=["accepted_at"])
        membership.flags = vetting.application_flags(membership)
        membership.save()
        vetting.record(membership, VettingDecision.Action.APPLY, membership.status, by=user)
        return membership


class DecisionForm(forms.Form):
    """A vetter's decision on a membership, with the reason the member will read.

    The decisions offered depend on the state: an application can be approved, rejected or sent back with a
    question; a vetted member can be suspended; a suspended one reinstated.
    """

    DECISIONS = {
        "approve": _("Approve"),
        "request_info": _("Ask for more information"),
        "reject": _("Reject"),
        "suspend": _("Suspend"),
        "reinstate": _("Reinstate"),
    }
    BY_STATUS = {
        "applicant": ["approve", "request_info", "reject"],
        "vetted": ["suspend"],
        "suspended": ["reinstate"],
        "expired": ["approve"],
    }
    NEEDS_REASON = {"reject", "request_info", "suspend"}

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason or question for the member"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Required to reject, suspend or ask for more information. The member receives it by e-mail."),
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [
            (key, self.DECISIONS[key]) for key in self.BY_STATUS.get(membership.status, [])
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in self.NEEDS_REASON and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why, or what you need: the member receives this text."))
        return cleaned


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "first_name", "last_name", "country", "institution", "note", "language"]


class ProfileForm(MembershipProfileForm):
    """A member's own profile; names live on the account, the rest on the membership."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    class Meta(MembershipProfileForm.Meta):
        fields = PROFILE_FIELDS

    field_order = ["first_name", "last_name", *PROFILE_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].initial = self.instance.user.first_name
        self.fields["last_name"].initial = self.instance.user.last_name
        self.order_fields(self.field_order)

    def save(self, commit=True):
        membership = super().save(commit=False)
        membership.user.first_name = self.cleaned_data["first_name"]
        membership.user.last_name = self.cleaned_data["last_name"]
        if membership.institution_id:
            membership.proposed_institution = ""
        if commit:
            membership.user.save(update_fields=["first_name", "last_name"])
            membership.save()
            self.save_m2m()
        return membership


class ReconfirmForm(ProfileForm):
    """The yearly re-confirmation: the same facts, and the member's word that they are still true."""

    confirm = forms.BooleanField(
        label=_("I confirm that I still hold this position in this institution and that these details are correct."),
    )


class LeaveForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I want to leave the network. My directory entry disappears now; my personal data is erased later."),
    )
