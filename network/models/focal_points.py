"""Focal points: the vetted member an institution answers through for one need (MLA, extradition…).

A designation is made by an editor or a vetter, for a member of the designated institution, and runs from a
start date to an optional end date, so the network can say who *was* the focal point when a request was sent.
The member is the account (``AUTH_USER_MODEL``) rather than the membership: the reference data must not import
the members app, and the account outlives any one membership renewal.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel

from .reference import Institution, Need


class FocalPointDesignationQuerySet(models.QuerySet):
    def active(self, on=None):
        """Designations in force on ``on`` (today by default): started, and not yet ended."""
        day = on or timezone.localdate()
        return self.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


class FocalPointDesignationForm(WagtailAdminModelForm):
    """Offers only vetted members, and records which editor or vetter made the designation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from members.models import Membership  # the members app builds on this one: import when used

        if "member" in self.fields:
            # The current member stays choosable, so a lapsed member's designation can still be ended.
            allowed = Q(pk__in=Membership.objects.vetted().values("user_id")) | Q(pk=self.instance.member_id)
            self.fields["member"].queryset = (
                self.fields["member"].queryset.filter(allowed).order_by("last_name", "first_name")
            )

    def save(self, commit=True):
        if self.instance.designated_by_id is None and self.for_user is not None:
            self.instance.designated_by = self.for_user
        return super().save(commit=commit)


class FocalPointDesignation(models.Model):
    """A vetted member designated as focal point of their institution for one need."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="focal_point_designations",
    )
    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.PROTECT, related_name="focal_points")
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="focal_points",
        blank=True,
        help_text=_("Leave empty to use the member's own institution."),
    )
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("designated by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = FocalPointDesignationQuerySet.as_manager()
    base_form_class = FocalPointDesignationForm

    panels = [
        FieldPanel("member"),
        FieldPanel("need"),
        FieldPanel("institution"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
    ]

    class Meta:
        ordering = ["need__sort_order", "-start_date"]
        verbose_name = _("focal point designation")
        verbose_name_plural = _("focal point designations")
        indexes = [models.Index(fields=["need", "start_date", "end_date"], name="focal_point_need_dates")]

    def __str__(self):
        return f"{self.need}: {self.member} ({self.institution})"

    @property
    def is_active(self):
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if not self.member_id:
            return
        membership = getattr(self.member, "membership", None)
        unchanged = (
            not self._state.adding
            and FocalPointDesignation.objects.filter(pk=self.pk, member_id=self.member_id).exists()
        )
        # An existing designation stays editable (to end it) even if the member's vetting lapsed since.
        if not unchanged and (membership is None or not membership.is_vetted):
            raise ValidationError({"member": _("Only a vetted member can be designated as a focal point.")})
        if membership is None:
            return
        if not self.institution_id:
            if membership.institution_id is None:
                raise ValidationError({"institution": _("The member has no institution: choose one.")})
            self.institution_id = membership.institution_id
        elif membership.institution_id and membership.institution_id != self.institution_id:
            raise ValidationError({"institution": _("A member can only be designated at their own institution.")})
