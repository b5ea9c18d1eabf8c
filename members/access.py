"""THE one place that decides what a request may see.

Every view, listing, facet count, feed, sitemap, search and cache key that could show restricted content asks
here. Nothing else in the project compares visibility levels or membership states by itself.

Three visibility levels exist for content (library items, event materials, contributions):

- ``public``: everyone, including anonymous visitors and crawlers;
- ``members``: full members only: a vetted membership *and* a session that passed MFA;
- ``groups``: full members who belong to one of the item's named groups (a working group, the participants of
  an event). Editors and administrators who manage the content see it through the Wagtail admin, not here.

Models that carry a visibility level declare a ``visibility`` field with :class:`Visibility` choices and, for the
``groups`` level, a many-to-many ``restricted_to_groups`` to ``auth.Group``.
"""

from dataclasses import dataclass, field
from enum import Enum

from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    GROUPS = "groups", _("Restricted to named groups")


@dataclass(frozen=True)
class Audience:
    """Who is asking, reduced to what access decisions need. Computed once per request."""

    is_authenticated: bool = False
    is_full_member: bool = False
    group_ids: frozenset = field(default_factory=frozenset)

    @property
    def cache_key(self):
        """A key part that separates cached fragments of different audiences (public, members, groups)."""
        if not self.is_full_member:
            return "public"
        return "members-" + "-".join(str(g) for g in sorted(self.group_ids))


ANONYMOUS = Audience()


def session_passed_mfa(request):
    """True when this session's login included a second factor.

    allauth records each authentication step of the session (``{"method": "password"}``, ``{"method": "mfa",
    "type": "totp"}``…) together with the user they belong to; records of another user are ignored, so the
    user must be passed.
    """
    from allauth.account.authentication import get_authentication_records

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


def membership_of(user):
    """The user's :class:`~members.models.Membership`, or ``None`` (anonymous, staff without one)."""
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "membership", None)


def has_mfa(user):
    """Whether the account has a second factor set up (TOTP or a security key; recovery codes alone do not count)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user_id=user.pk).exclude(type=Authenticator.Type.RECOVERY_CODES).exists()


def second_factor_check(user):
    """The allauth page where a signed-in session passes the account's second factor: the code page when the account
    has TOTP (it takes recovery codes too), the security-key page when it has only keys (and recovery codes)."""
    from allauth.mfa.models import Authenticator

    if Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists():
        return "mfa_reauthenticate"
    if Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.WEBAUTHN).exists():
        return "mfa_reauthenticate_webauthn"
    return "mfa_reauthenticate"


def must_set_up_mfa(user):
    """A vetted member without a second factor: sent to set one up before anything else (middleware)."""
    membership = membership_of(user)
    return membership is not None and membership.is_vetted and not has_mfa(user)


class Denial(Enum):
    """Why a request is not let into members-only content, so views can answer each case helpfully."""

    LOGIN = "login"  # anonymous: sign in first
    UNDER_REVIEW = "under_review"  # an applicant: the application is being vetted
    MFA_SETUP = "mfa_setup"  # vetted, no second factor yet
    MFA_VERIFY = "mfa_verify"  # vetted with a second factor, but this session did not pass it
    NOT_A_MEMBER = "not_a_member"  # suspended, expired, left, rejected, or no membership at all


def denial(request):
    """``None`` when the request may see members-only content, else the :class:`Denial` that explains why not."""
    from .models import MembershipStatus

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return Denial.LOGIN
    if is_full_member(request):
        return None
    membership = membership_of(user)
    if membership is None:
        return Denial.NOT_A_MEMBER
    if membership.status == MembershipStatus.APPLICANT:
        return Denial.UNDER_REVIEW
    if membership.is_vetted:
        return Denial.MFA_VERIFY if has_mfa(user) else Denial.MFA_SETUP
    return Denial.NOT_A_MEMBER


def listed_members():
    """Memberships the directory shows to full members: vetted, current, and consenting to be listed."""
    from .models import Membership

    return Membership.objects.listed()


def is_full_member(request):
    """A vetted membership whose session passed MFA: the only key to members-only content."""
    return audience(request).is_full_member


def audience(request):
    """The :class:`Audience` of a request, memoised on it (per user, since a login can happen mid-request)."""
    user = getattr(request, "user", None)
    who = (getattr(user, "pk", None), session_passed_mfa(request)) if user is not None else (None, False)
    cached = getattr(request, "_enlace_audience", None)
    if cached is not None and cached[0] == who:
        return cached[1]
    if user is None or not user.is_authenticated or not user.is_active:
        result = ANONYMOUS
    else:
        membership = membership_of(user)
        vetted = membership is not None and membership.is_vetted
        full = bool(vetted and session_passed_mfa(request))
        group_ids = frozenset(user.groups.values_list("id", flat=True)) if full else frozenset()
        result = Audience(is_authenticated=True, is_full_member=full, group_ids=group_ids)
    request._enlace_audience = (who, result)
    return result


def visibility_filter(request, prefix=""):
    """A ``Q`` selecting the rows a request may see, for a model with ``visibility``/``restricted_to_groups``.

    ``prefix`` reaches the fields through a relation (``"practice__"``).
    """
    who = audience(request)
    condition = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
    if who.is_full_member:
        condition |= Q(**{f"{prefix}visibility": Visibility.MEMBERS})
        if who.group_ids:
            condition |= Q(
                **{f"{prefix}visibility": Visibility.GROUPS, f"{prefix}restricted_to_groups__in": who.group_ids}
            )
    return condition


def passes_view_restrictions(request, restrictions):
    """Whether the request passes Wagtail privacy ``restrictions`` (of a page or a collection) read as our levels.

    Wagtail lets "Private, accessible to logged-in users" in for any signed-in account and "…to users in specific
    groups" for any account in a group (and superusers): here both mean full members, the second only those in one
    of the groups, as the ``members`` and ``groups`` levels do. A shared password (switched off in settings) is
    asked by Wagtail after this, of full members only.
    """
    restrictions = list(restrictions)
    if not restrictions:
        return True
    who = audience(request)
    if not who.is_full_member:
        return False
    return all(
        restriction.restriction_type != restriction.GROUPS
        or who.group_ids.intersection(group.pk for group in restriction.groups.all())
        for restriction in restrictions
    )


PAGE_RESTRICTIONS_KEY = "members.access:page-restrictions"
PAGE_RESTRICTIONS_SECONDS = 3600


def page_restrictions(request=None):
    """``[(path, restriction type, group ids)]`` of every Wagtail page privacy setting, from the cache (read once
    per ``request``: serving a page checks them twice, in Wagtail's privacy hook and in the page's own access rule).

    A site has a handful of them; reading them once and filtering on paths costs nothing per row, where a
    correlated ``NOT EXISTS (… path LIKE …)`` per listed page made SQLite scan the page tree for every row (a
    listing of 10,000 items took over a minute). :mod:`members.signals` drops the cached list whenever a setting,
    its groups or a page's place in the tree changes; the hour's expiry is only a safety net.
    """
    if request is not None:
        rows = getattr(request, "_enlace_page_restrictions", None)
        if rows is None:
            rows = request._enlace_page_restrictions = page_restrictions()
        return rows
    rows = cache.get(PAGE_RESTRICTIONS_KEY)
    if rows is None:
        from wagtail.models import PageViewRestriction

        groups = {}
        for path, kind, group_id in PageViewRestriction.objects.values_list(
            "page__path", "restriction_type", "groups__id"
        ).order_by("page__path"):
            groups.setdefault((path, kind), set()).update([group_id] if group_id else [])
        rows = [(path, kind, frozenset(ids)) for (path, kind), ids in groups.items()]
        cache.set(PAGE_RESTRICTIONS_KEY, rows, PAGE_RESTRICTIONS_SECONDS)
    return rows


def forget_page_restrictions():
    cache.delete(PAGE_RESTRICTIONS_KEY)


def passes_page_privacy(request, page):
    """:func:`passes_view_restrictions` for the privacy settings of ``page`` and its ancestors, read from the cached
    list (:func:`page_restrictions`): serving or checking a page costs no query."""
    from wagtail.models import PageViewRestriction

    who = audience(request)
    for path, kind, group_ids in page_restrictions(request):
        if not page.path.startswith(path):
            continue
        if not who.is_full_member or (kind == PageViewRestriction.GROUPS and not who.group_ids & group_ids):
            return False
    return True


def page_privacy_filter(request):
    """A ``Q`` for a page queryset: the pages no Wagtail privacy of theirs or of an ancestor keeps from the request
    (see :func:`passes_view_restrictions`; a page behind a shared password is never listed): no condition at all
    on a site without privacy settings, otherwise one path prefix per setting the request does not pass."""
    from wagtail.models import PageViewRestriction

    who = audience(request)
    condition = Q()
    for path, kind, group_ids in page_restrictions(request):
        passes = (
            who.is_full_member
            and kind != PageViewRestriction.PASSWORD
            and (kind != PageViewRestriction.GROUPS or who.group_ids & group_ids)
        )
        if not passes:
            condition &= ~Q(path__startswith=path)
    return condition


def visible(request, queryset, prefix=""):
    """The part of ``queryset`` the request may see (distinct, since group membership joins a relation).

    For pages, Wagtail's privacy settings count too (:func:`page_privacy_filter`).
    """
    from wagtail.models import Page

    filtered = queryset.filter(visibility_filter(request, prefix))
    if not prefix and issubclass(queryset.model, Page):
        filtered = filtered.filter(page_privacy_filter(request))
    return filtered.distinct() if audience(request).group_ids else filtered


def can_view(request, obj):
    """Whether the request may see one object carrying a visibility level (a page: and its Wagtail privacy)."""
    from wagtail.models import Page

    if isinstance(obj, Page) and not passes_page_privacy(request, obj):
        return False
    who = audience(request)
    if obj.visibility == Visibility.PUBLIC:
        return True
    if not who.is_full_member:
        return False
    if obj.visibility == Visibility.MEMBERS:
        return True
    return obj.restricted_to_groups.filter(id__in=who.group_ids).exists()
