"""Public country pages and the counterpart finder; the members-only directory and contact details.

Who may see what: countries, institutions, needs, public sheet parts and the institution-level finder are open
to everyone; people (the directory, contact details, vCards, focal points and colleagues in the finder) and the
members-only sheet parts only to full members, as ``members.access`` decides. Every response that can carry
restricted data is ``Cache-Control: private, no-store``.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from members import access
from members.decorators import full_member_required, private

from . import audit
from .directory import PAGE_SIZES, DirectoryFilter, contact_token, directory_entries, is_stale, user_id_from_token
from .finder import find_counterparts
from .forms import FinderForm
from .models import ContactAccess, Country, CountrySheet, Institution, NeedGuidance
from .vcard import vcard


def country_list(request):
    """Open to everyone: the countries of the network, with their sheets' review dates."""
    countries = Country.objects.select_related("sheet").filter(in_region=True) | Country.objects.filter(
        sheet__isnull=False
    )
    return render(request, "network/country_list.html", {"countries": countries.distinct()})


def country_detail(request, code):
    """Open to everyone: a country's institutions and sheet; the members-only part for full members only."""
    country = get_object_or_404(Country, code=code.upper())
    sheet = (
        CountrySheet.objects.select_related("mla_central_authority", "extradition_central_authority")
        .prefetch_related(
            "legal_instruments",
            Prefetch("need_guidance", queryset=NeedGuidance.objects.select_related("need", "institution")),
        )
        .filter(country=country)
        .first()
    )
    full_member = access.is_full_member(request)
    context = {
        "country": country,
        "sheet": sheet,
        "institutions": Institution.objects.filter(country=country).select_related("parent"),
        "show_members_part": full_member,
    }
    response = render(request, "network/country_detail.html", context)
    return private(response) if full_member else response


def finder(request):
    """Open to everyone. Full members get people (focal points first); everyone else the institution-level route."""
    form = FinderForm(request.GET or None)
    full_member = access.is_full_member(request)
    result = None
    if form.is_valid():
        membership = access.membership_of(request.user) if full_member else None
        language = form.cleaned_data["language"]
        result = find_counterparts(
            form.cleaned_data["country"],
            form.cleaned_data["need"],
            asker=membership,
            language=language.code if language else None,
            include_people=full_member,
        )
    context = {"form": form, "result": result, "show_people": full_member}
    return private(render(request, "network/finder.html", context))


def per_page(request):
    try:
        size = int(request.GET.get("per_page", PAGE_SIZES[0]))
    except ValueError:
        return PAGE_SIZES[0]
    return size if size in PAGE_SIZES else PAGE_SIZES[0]


@full_member_required
def directory(request):
    """Full members only: the listed members, filtered by GET parameters (shareable), sorted and paginated."""
    filterset = DirectoryFilter(request.GET, queryset=directory_entries())
    paginator = Paginator(filterset.qs, per_page(request))
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # Phone and e-mail count against the hourly limit like a contact page: shown for as many colleagues as the
    # member has left this hour (recorded in one statement), the rest of the page without them. One's own entry
    # is free, as one's own contact page is.
    memberships, own = list(page.object_list), request.user.pk
    colleagues = [membership for membership in memberships if membership.user_id != own]
    shown = colleagues[: audit.remaining(request.user)]
    audit.record_listed(request, [membership.user for membership in shown])
    with_contact = {membership.pk for membership in shown}
    context = {
        "filter": filterset,
        "page": page,
        "entries": [
            {**entry_context(membership), "shows_contact": membership.pk in with_contact or membership.user_id == own}
            for membership in memberships
        ],
        "contacts_held_back": len(colleagues) - len(shown),
        "limit": audit.hourly_limit(),
        "query_string": query.urlencode(),
        "page_sizes": PAGE_SIZES,
    }
    return render(request, "network/directory.html", context)


def entry_context(membership):
    return {"membership": membership, "token": contact_token(membership.user), "stale": is_stale(membership)}


def listed_contact(token):
    user_id = user_id_from_token(token)
    if user_id is None:
        raise Http404
    return get_object_or_404(directory_entries(), user_id=user_id)


def limit_response(request, contact):
    audit.refuse(request, contact)
    return render(request, "network/limit_reached.html", {"limit": audit.hourly_limit()}, status=429)


@full_member_required
def contact_detail(request, token):
    """Full members only: one colleague's contact details; audited and limited per hour (anti-scraping)."""
    membership = listed_contact(token)
    is_self = membership.user_id == request.user.pk
    if not is_self:
        if audit.limit_reached(request.user):
            return limit_response(request, membership.user)
        audit.record(request, membership.user, ContactAccess.Kind.VIEW)
    context = {**entry_context(membership), "is_self": is_self}
    if is_self:
        context["times_viewed"] = audit.times_viewed(request.user)
    return render(request, "network/contact_detail.html", context)


@full_member_required
def contact_vcard(request, token):
    """Full members only: the colleague's vCard; audited and limited like the detail page."""
    membership = listed_contact(token)
    if membership.user_id != request.user.pk:
        if audit.limit_reached(request.user):
            return limit_response(request, membership.user)
        audit.record(request, membership.user, ContactAccess.Kind.VCARD)
    response = HttpResponse(vcard(membership), content_type="text/vcard; charset=utf-8")
    filename = slugify(membership.user.get_full_name()) or "contact"
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    return response
