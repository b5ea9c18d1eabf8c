"""Bulk onboarding of focal points nominated by their institutions, from a CSV file.

Columns: ``email, first_name, last_name, country, institution, position, practitioner_type, languages, phone,
status`` (country as ISO 3166-1 alpha-2; institution by name or acronym as in the directory; languages as
``es;en``; status ``applicant`` or ``vetted``). Uses the project's one import framework
(:mod:`practices.importing`): every error is reported with its line, and nothing is written unless the whole
file is valid. Each imported member then receives a "choose your password" e-mail in their language.
"""

from dataclasses import dataclass

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from network.models import Country, Institution
from practices.importing import ImportRun

from . import vetting
from .emails import send_to_member
from .models import JoinedVia, Membership, MembershipStatus, PractitionerType, VettingDecision, WorkingLanguage

COLUMNS = [
    "email",
    "first_name",
    "last_name",
    "country",
    "institution",
    "position",
    "practitioner_type",
    "languages",
    "phone",
    "status",
]
IMPORTABLE_STATUSES = {MembershipStatus.APPLICANT.value, MembershipStatus.VETTED.value}
SITE_LANGUAGES = {code for code, _name in settings.LANGUAGES}


@dataclass
class MemberRow:
    line: int
    email: str
    first_name: str
    last_name: str
    country: Country
    institution: Institution
    position: str
    practitioner_type: str
    languages: list
    phone: str
    status: str

    @property
    def language(self):
        """The member's e-mail language: their first working language the site speaks, else the default."""
        return next((code for code in self.languages if code in SITE_LANGUAGES), settings.LANGUAGE_CODE)


def institution_index():
    """Institutions by (country code, lower-case name or acronym)."""
    index = {}
    for institution in Institution.objects.select_related("country"):
        index[(institution.country.code, institution.name.lower())] = institution
        if institution.acronym:
            index.setdefault((institution.country.code, institution.acronym.lower()), institution)
    return index


def validate(path):
    """Read and check the whole file; return (rows, run) where ``run.errors`` lists every problem by line."""
    run = ImportRun()
    countries = {country.code: country for country in Country.objects.all()}
    institutions = institution_index()
    languages = set(WorkingLanguage.objects.values_list("code", flat=True))
    taken = set(get_user_model().objects.annotate(lower=Lower("email")).values_list("lower", flat=True))
    seen = {}
    rows = []
    for position, record in enumerate(run.read(path, "csv")):
        if position == 0:  # the header's columns, checked once on the first row (wherever blank lines put it)
            missing = [column for column in COLUMNS if column not in record.data]
            if missing:
                run.error(1, _("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
                break
        errors_before = len(run.errors)
        email = (run.require(record, "email") or "").lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                run.error(record.line, _("not a valid e-mail address"), "email")
            if email in taken:
                run.error(record.line, _("an account with this address already exists"), "email")
            if email in seen:
                run.error(record.line, _("same address as line %(line)d") % {"line": seen[email]}, "email")
            seen.setdefault(email, record.line)
        first_name = run.require(record, "first_name")
        last_name = run.require(record, "last_name")
        code = (run.require(record, "country") or "").upper()
        country = countries.get(code)
        if code and country is None:
            run.error(record.line, _("unknown country code %(code)r") % {"code": code}, "country")
        institution = None
        institution_name = run.require(record, "institution")
        if country and institution_name:
            institution = institutions.get((country.code, institution_name.lower()))
            if institution is None:
                run.error(
                    record.line,
                    _("no institution %(name)r in %(country)s in the directory")
                    % {"name": institution_name, "country": country.code},
                    "institution",
                )
        position = run.require(record, "position")
        practitioner_type = run.choice(record, "practitioner_type", set(PractitionerType.values))
        member_languages = run.codes(record, "languages", languages, required=True)
        status = run.choice(record, "status", IMPORTABLE_STATUSES)
        if len(run.errors) == errors_before:
            rows.append(
                MemberRow(
                    record.line,
                    email,
                    first_name,
                    last_name,
                    country,
                    institution,
                    position,
                    practitioner_type,
                    member_languages,
                    record.data.get("phone", ""),
                    status,
                )
            )
    return rows, run


def import_rows(rows, by=None):
    """Create the accounts and memberships of already-validated rows, in one transaction; return the users."""
    User = get_user_model()
    language_rows = {language.code: language for language in WorkingLanguage.objects.all()}
    users = []
    with transaction.atomic():
        for row in rows:
            user = User(email=row.email, first_name=row.first_name, last_name=row.last_name)
            user.set_unusable_password()
            user.save()
            # The institution nominated this address; the set-password link then proves the mailbox.
            EmailAddress.objects.create(user=user, email=row.email, verified=True, primary=True)
            membership = Membership.objects.create(
                user=user,
                status=MembershipStatus.APPLICANT,
                joined_via=JoinedVia.IMPORT,
                country=row.country,
                institution=row.institution,
                position=row.position,
                practitioner_type=row.practitioner_type,
                phone=row.phone,
                language=row.language,
            )
            membership.languages.set([language_rows[code] for code in row.languages])
            vetting.record(membership, VettingDecision.Action.IMPORT, row.status, by=by)
            users.append(user)
    return users


def send_set_password_emails(users):
    for user in users:
        language = user.membership.language
        with translation.override(language):
            reset_path = reverse(
                "account_reset_password_from_key",
                kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
            )
        send_to_member(user, "set_password", {"reset_path": reset_path}, language=language)
