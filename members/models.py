"""People: the account (e-mail login) and their membership of the network.

A :class:`Membership` is the practitioner profile plus the vetting state that decides what the person may see
(the decision itself is taken only in :mod:`members.access`). Every change of state is a
:class:`VettingDecision`; every change of contact details a :class:`ContactChange`.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _


class AccountManager(UserManager):
    """Create accounts by e-mail: the network has no usernames."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """An account on Enlace. The e-mail address is the login; the name is what colleagues see."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    session_epoch = models.PositiveIntegerField(
        _("session generation"),
        default=0,
        editable=False,
        help_text=_("Raised to end every session of the account at once (suspension, expiry, leaving)."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = AccountManager()

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["last_name", "first_name"]
        # The directory's default order and the finder's tie-break sort 20,000 members by name.
        indexes = [models.Index(fields=["last_name", "first_name"], name="members_user_name")]

    def __str__(self):
        return self.get_full_name() or self.email

    def _get_session_auth_hash(self, secret=None):
        """Django checks this hash on every request: mixing in ``session_epoch`` lets us end all sessions at once."""
        return salted_hmac(
            "members.User.get_session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def end_all_sessions(self):
        """Sign the account out everywhere: every existing session fails its auth-hash check on its next request."""
        type(self).objects.filter(pk=self.pk).update(session_epoch=models.F("session_epoch") + 1)
        self.refresh_from_db(fields=["session_epoch"])


class ProfileChoice(models.Model):
    """A fixed list of choices kept as rows, so the directory filters members through an indexed join
    (on SQLite and PostgreSQL alike) instead of searching inside a list stored on each member."""

    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self):
        return str(self.get_code_display())


class Specialization(ProfileChoice):
    """A field of practice a member works in."""

    class Code(models.TextChoices):
        TRAFFICKING = "trafficking", _("Trafficking in persons")
        SMUGGLING = "smuggling", _("Smuggling of migrants")
        SEXUAL_EXPLOITATION = "sexual_exploitation", _("Sexual exploitation")
        LABOUR_EXPLOITATION = "labour_exploitation", _("Labour exploitation")
        FINANCIAL_INVESTIGATION = "financial_investigation", _("Financial investigation")
        DIGITAL_EVIDENCE = "digital_evidence", _("Digital evidence")
        MLA_EXTRADITION = "mla_extradition", _("MLA and extradition")
        VICTIM_WITNESS_PROTECTION = "victim_witness_protection", _("Victim and witness protection")

    code = models.CharField(_("code"), max_length=40, unique=True, choices=Code.choices)

    class Meta(ProfileChoice.Meta):
        verbose_name = _("specialization")
        verbose_name_plural = _("specializations")


class WorkingLanguage(ProfileChoice):
    """A language a member can work in with a counterpart (not the interface language of the site)."""

    class Code(models.TextChoices):
        SPANISH = "es", _("Spanish")
        ENGLISH = "en", _("English")
        PORTUGUESE = "pt", _("Portuguese")
        FRENCH = "fr", _("French")
        ITALIAN = "it", _("Italian")
        GERMAN = "de", _("German")

    code = models.CharField(_("code"), max_length=8, unique=True, choices=Code.choices)

    class Meta(ProfileChoice.Meta):
        verbose_name = _("working language")
        verbose_name_plural = _("working languages")


class PractitionerType(models.TextChoices):
    PROSECUTOR = "prosecutor", _("Prosecutor")
    POLICE_INVESTIGATOR = "police_investigator", _("Police investigator")
    INTERPOL_NCB = "interpol_ncb", _("INTERPOL National Central Bureau officer")
    CENTRAL_AUTHORITY = "central_authority", _("Mutual legal assistance / central authority focal point")
    JUDGE = "judge", _("Judge")
    VICTIM_PROTECTION = "victim_protection", _("Victim protection")
    LABOUR_INSPECTION = "labour_inspection", _("Labour inspection")
    MIGRATION = "migration", _("Migration authority")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation staff")
    TRAINER = "trainer", _("Trainer")


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    VETTED = "vetted", _("Vetted")
    SUSPENDED = "suspended", _("Suspended")
    EXPIRED = "expired", _("Expired")
    LEFT = "left", _("Left")
    REJECTED = "rejected", _("Rejected")


class JoinedVia(models.TextChoices):
    APPLICATION = "application", _("Application")
    INVITATION = "invitation", _("Invitation")
    IMPORT = "import", _("Import")


class ApplicationFlag(models.TextChoices):
    """What vetters should look at twice; a flag never rejects an application by itself."""

    EMAIL_DOMAIN = "email_domain", _("E-mail address is not on an official domain of the institution")
    NEW_INSTITUTION = "new_institution", _("Institution not in the directory yet")
    DUPLICATE_EMAIL = "duplicate_email", _("Another account uses a similar e-mail address")
    DUPLICATE_NAME = "duplicate_name", _("Someone with the same name is already in this institution")


def vetting_period():
    return datetime.timedelta(days=getattr(settings, "ENLACE_VETTING_PERIOD_DAYS", 365))


class MembershipQuerySet(models.QuerySet):
    def vetted(self):
        """Memberships vetted and not lapsed today (the database twin of :attr:`Membership.is_vetted`)."""
        return self.filter(status=MembershipStatus.VETTED, vetted_until__gte=timezone.localdate())

    def listed(self):
        """Vetted members who consented to appear in the directory."""
        return self.vetted().filter(consent_listed=True)

    def pending(self):
        return self.filter(status=MembershipStatus.APPLICANT)


class Membership(models.Model):
    """A practitioner's membership of the network: the profile colleagues see and the vetting state.

    States: applicant → vetted → suspended / expired / left; applicant → rejected. A vetted membership lasts
    ``ENLACE_VETTING_PERIOD_DAYS`` (12 months) and then lapses: members re-confirm who they are and where
    they work, because contact data of law-enforcement practitioners must stay current to stay trustworthy.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="membership"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.APPLICANT, db_index=True
    )
    vetted_until = models.DateField(_("vetted until"), null=True, blank=True)
    vetted_at = models.DateTimeField(_("vetted on"), null=True, blank=True, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed on"), default=timezone.now)
    joined_via = models.CharField(
        _("joined via"), max_length=20, choices=JoinedVia.choices, default=JoinedVia.APPLICATION
    )

    # The practitioner profile.
    country = models.ForeignKey(
        "network.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        related_name="memberships",
    )
    institution = models.ForeignKey(
        "network.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    proposed_institution = models.CharField(
        _("new institution"),
        max_length=255,
        blank=True,
        help_text=_("If the institution is not in the list, name it here and vetters will add it."),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    practitioner_type = models.CharField(
        _("practitioner type"), max_length=40, choices=PractitionerType.choices, blank=True, db_index=True
    )
    specializations = models.ManyToManyField(
        Specialization, verbose_name=_("specializations"), blank=True, related_name="memberships"
    )
    languages = models.ManyToManyField(
        WorkingLanguage, verbose_name=_("working languages"), blank=True, related_name="memberships"
    )
    phone = models.CharField(_("official phone"), max_length=50, blank=True)
    consent_listed = models.BooleanField(
        _("listed in the directory"),
        default=False,
        help_text=_("I agree that vetted members of the network can see my name, institution and contact details."),
    )
    language = models.CharField(
        _("language for e-mails"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    # Endorsement: a vetted member (linked) or a supervisor (named) who vouches for the applicant.
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("endorsed by (member)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="endorsements",
    )
    endorser_name = models.CharField(_("endorser's name"), max_length=200, blank=True)
    endorser_contact = models.CharField(_("endorser's e-mail or phone"), max_length=200, blank=True)
    endorsement_note = models.TextField(_("endorsement"), blank=True)

    flags = models.JSONField(_("flags for vetters"), default=list, blank=True)
    information_requested = models.TextField(_("information requested"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    left_at = models.DateTimeField(_("left on"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased on"), null=True, blank=True)
    reminders_sent = models.JSONField(_("re-validation reminders sent"), default=list, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "vetted_until"], name="membership_status_until")]
        permissions = [("vet_membership", _("Can decide on applications and memberships"))]

    def __str__(self):
        return str(self.user)

    def save(self, *args, **kwargs):
        if self.status == MembershipStatus.VETTED and self.vetted_until is None:
            self.vetted_until = timezone.localdate() + vetting_period()
            self.vetted_at = self.vetted_at or timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_vetted(self):
        """Vetted and not lapsed: a vetted membership past ``vetted_until`` no longer opens anything."""
        return (
            self.status == MembershipStatus.VETTED
            and self.vetted_until is not None
            and self.vetted_until >= timezone.localdate()
        )

    @property
    def is_pending(self):
        return self.status == MembershipStatus.APPLICANT

    @property
    def institution_label(self):
        return str(self.institution) if self.institution_id else self.proposed_institution

    institution_label.fget.short_description = _("Institution")

    def flag_labels(self):
        labels = dict(ApplicationFlag.choices)
        return [labels.get(flag, flag) for flag in self.flags]

    @admin.display(description=_("Flags"))
    def flag_summary(self):
        return "; ".join(str(label) for label in self.flag_labels()) or "—"

    @admin.display(description=_("Endorsement"))
    def endorsement_summary(self):
        if self.endorsed_by_id:
            return str(self.endorsed_by)
        return self.endorser_name or "—"


class VettingDecision(models.Model):
    """One change of a membership's state: who decided, when, why, and from which state.

    Kept after a member's personal data is erased (only the account id and the states remain), because the
    network must be able to show who let whom in.
    """

    class Action(models.TextChoices):
        APPLY = "apply", _("Applied")
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Rejected")
        REQUEST_INFO = "request_info", _("More information requested")
        SUSPEND = "suspend", _("Suspended")
        REINSTATE = "reinstate", _("Reinstated")
        EXPIRE = "expire", _("Expired")
        REVALIDATE = "revalidate", _("Re-confirmed")
        REENTER = "reenter", _("Back to vetting after a change")
        LEAVE = "leave", _("Left the network")
        IMPORT = "import", _("Imported")

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="decisions"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    previous_status = models.CharField(
        _("previous status"), max_length=20, choices=MembershipStatus.choices, blank=True
    )
    new_status = models.CharField(_("new status"), max_length=20, choices=MembershipStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided on"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("vetting decision")
        verbose_name_plural = _("vetting decisions")

    def __str__(self):
        return f"{self.get_action_display()} ({self.decided_at:%Y-%m-%d})"


class ContactChange(models.Model):
    """A change of a member's contact details, kept so vetters can see who changed what and when."""

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="contact_changes"
    )
    field_name = models.CharField(_("field"), max_length=50)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed on"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("contact change")
        verbose_name_plural = _("contact changes")

    def __str__(self):
        return f"{self.field_name} ({self.changed_at:%Y-%m-%d})"


def invitation_token():
    return secrets.token_urlsafe(32)


def invitation_expiry():
    return timezone.now() + datetime.timedelta(days=getattr(settings, "ENLACE_INVITATION_DAYS", 30))


class Invitation(models.Model):
    """A personal link a vetter, editor or event organiser sends to a practitioner they vouch for.

    Following it pre-fills the application and records the inviter as its endorsement; the application is
    still vetted, because an invitation says who vouched, not that the vetting was done.
    """

    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    country = models.ForeignKey(
        "network.Country", verbose_name=_("country"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    institution = models.ForeignKey(
        "network.Institution",
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("why you vouch for this person"), blank=True)
    language = models.CharField(
        _("language of the invitation"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    token = models.CharField(max_length=64, unique=True, default=invitation_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email

    @property
    def is_usable(self):
        return self.accepted_at is None and self.expires_at > timezone.now()


class OutgoingEmail(models.Model):
    """One e-mail Enlace wrote to a member (or an invited person), kept until it is delivered.

    :func:`members.emails.send_to_member` renders the message, records it here and sends it at once; when the mail
    server is down the action that wrote it still succeeds, and ``send_pending_emails`` (cron, every few minutes)
    sends it again with growing delays, giving up after ``MAX_ATTEMPTS``. Once delivered, the body (which may hold
    a one-time link) is erased and the row kept a while as a record of delivery. Administrators see what waits or
    failed in the admin's outbox (``members.wagtail_hooks.OutboxViewSet``), where they can send one again or cancel
    it; a cancelled e-mail loses its body too.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    #: States in which the e-mail has not gone out and may still be sent again or cancelled.
    UNDELIVERED = (Status.PENDING, Status.FAILED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outgoing_emails",
        help_text=_("The member written to, when the e-mail goes to their own address."),
    )
    to = models.EmailField(_("to"))
    template = models.CharField(_("message"), max_length=200)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=400)
    body = models.TextField(_("body"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="members_outgoing_due")]

    def __str__(self):
        return f"{self.template} ({self.get_status_display()})"

    @property
    def is_undelivered(self):
        return self.status in self.UNDELIVERED

    @admin.display(description=_("last error"))
    def last_error(self):
        """The mail server's last answer, shortened for a listing (the full text is on the inspect page)."""
        return Truncator(self.error).chars(120) or "—"

    @admin.display(description=_("next attempt"), ordering="next_attempt_at")
    def next_attempt(self):
        """When ``send_pending_emails`` tries again: only pending e-mails have a next attempt."""
        return self.next_attempt_at if self.status == self.Status.PENDING else None
