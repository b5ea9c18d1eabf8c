"""The directory of vetted members: which entries it lists, how they are filtered, and how a contact is named.

Who is listed is decided by :func:`members.access.listed_members` (vetted, current, consenting); this module only
shapes that queryset for display in a constant number of queries, and filters it for shareable GET URLs.
"""

import datetime

import django_filters
from django.conf import settings
from django.core import signing
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import access
from members.models import Membership, PractitionerType, Specialization, WorkingLanguage

from .models import Country, FocalPointDesignation, InstitutionType, Need

CONTACT_TOKEN_SALT = "network.directory.contact"  # noqa: S105 - a salt (namespace), not a secret
PAGE_SIZES = (20, 50, 100)


def stale_after(today=None):
    """Entries whose ``vetted_until`` falls on or before this date are *stale*.

    An entry is stale once its re-validation is overdue: the member was asked to re-confirm who they are and
    where they work (the first reminder goes out ``ENLACE_REVALIDATION_REMINDER_DAYS[0]`` days before the vetting
    lapses) and has not done so yet. Colleagues still see the entry, marked, until the vetting actually lapses.
    """
    window = max(getattr(settings, "ENLACE_REVALIDATION_REMINDER_DAYS", [30]) or [30])
    return (today or timezone.localdate()) + datetime.timedelta(days=window)


def is_stale(membership, today=None):
    return membership.vetted_until is not None and membership.vetted_until <= stale_after(today)


def active_designations():
    return FocalPointDesignation.objects.active().select_related("need", "institution")


def entry_prefetches():
    """What an entry shows besides its own row: specializations, languages and the active focal point roles.

    Also used with :func:`~django.db.models.prefetch_related_objects` on several lists of entries at once (the
    finder's focal points and other members), so that they share these queries.
    """
    return [
        "specializations",
        "languages",
        Prefetch("user__focal_point_designations", queryset=active_designations(), to_attr="focal_roles"),
    ]


def directory_entries():
    """Listed memberships with everything an entry shows, fetched in a fixed number of queries."""
    return (
        access.listed_members().select_related("user", "country", "institution").prefetch_related(*entry_prefetches())
    )


def contact_token(user):
    """The non-sequential, unforgeable identifier of a contact in URLs (a guessed one gives a 404)."""
    return signing.dumps(user.pk, salt=CONTACT_TOKEN_SALT)


def user_id_from_token(token):
    """The account id a token names, or ``None`` when it was not issued by us."""
    try:
        return signing.loads(token, salt=CONTACT_TOKEN_SALT)
    except signing.BadSignature:
        return None


def focal_point_for(need):
    """A filter condition: the membership's account is an active focal point for ``need``.

    An uncorrelated ``IN (subquery)``: the few designations of one need are found once through their index,
    rather than once per listed member (a correlated ``EXISTS`` took seconds at 20,000 members on SQLite).
    """
    return Q(user_id__in=FocalPointDesignation.objects.active().filter(need=need).values("member_id"))


class DirectoryFilter(django_filters.FilterSet):
    """The directory's filters; every one is a GET parameter, so a filtered listing is a shareable URL."""

    q = django_filters.CharFilter(label=_("Name, institution or position"), method="search")
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="code", empty_label=_("All countries")
    )
    institution_type = django_filters.ChoiceFilter(
        label=_("Institution type"),
        field_name="institution__institution_type",
        choices=InstitutionType.choices,
        empty_label=_("All types"),
    )
    practitioner_type = django_filters.ChoiceFilter(
        label=_("Practitioner type"), choices=PractitionerType.choices, empty_label=_("All practitioners")
    )
    specialization = django_filters.ModelChoiceFilter(
        label=_("Specialization"),
        field_name="specializations",
        queryset=Specialization.objects.all(),
        to_field_name="code",
        empty_label=_("All specializations"),
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Working language"),
        field_name="languages",
        queryset=WorkingLanguage.objects.all(),
        to_field_name="code",
        empty_label=_("All languages"),
    )
    need = django_filters.ModelChoiceFilter(
        label=_("Focal point for"),
        queryset=Need.objects.all(),
        to_field_name="slug",
        method="filter_need",
        empty_label=_("Any need"),
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("user__last_name", "name"),
            ("country__sort_order", "country"),
            ("institution__name", "institution"),
            ("vetted_at", "verified"),
        ),
        field_labels={
            "user__last_name": _("Name"),
            "country__sort_order": _("Country"),
            "institution__name": _("Institution"),
            "vetted_at": _("Verified on"),
        },
        empty_label=None,
    )

    class Meta:
        model = Membership
        fields = []

    def search(self, queryset, name, value):
        for word in value.split()[:6]:
            queryset = queryset.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(position__icontains=word)
                | Q(institution__name__icontains=word)
                | Q(institution__acronym__icontains=word)
            )
        return queryset

    def filter_need(self, queryset, name, value):
        return queryset.filter(focal_point_for(value)) if value else queryset

    @property
    def qs(self):
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("sort"):
            queryset = queryset.order_by("user__last_name", "user__first_name", "pk")
        else:
            queryset = queryset.order_by(*queryset.query.order_by, "pk")
        return queryset
