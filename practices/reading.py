"""What a library item's page shows besides its own fields: metadata, related items, language versions, citation.

Related items and language versions are filtered by ``members.access.visible`` like every listing: a link to an
item the reader may not open is not shown at all (its title would already say too much).
"""

from django.db.models import Count, Q
from django.utils import timezone

from members.access import visible
from practices.models import LibraryItemPage

RELATED_LIMIT = 5


def related_items(request, item):
    """The editors' chosen related items first, then others sharing themes or countries; visible and live only."""
    candidates = visible(request, LibraryItemPage.objects.live().filter(alias_of__isnull=True).exclude(pk=item.pk))
    chosen = list(
        LibraryItemPage.objects.filter(
            pk__in=candidates.filter(pk__in=item.related_practices.values("pk")).values("pk")
        ).order_by("title")[:RELATED_LIMIT]
    )
    missing = RELATED_LIMIT - len(chosen)
    if missing <= 0:
        return chosen
    theme_ids = [theme.pk for theme in item.themes.all()]
    country_ids = [country.pk for country in item.countries.all()]
    if not theme_ids and not country_ids:
        return chosen
    sharing = (
        LibraryItemPage.objects.filter(pk__in=candidates.values("pk"))
        .exclude(pk__in=[c.pk for c in chosen])
        .filter(Q(themes__in=theme_ids) | Q(countries__in=country_ids))
        .annotate(shared=Count("pk"))
        .order_by("-shared", "-first_published_at")[:missing]
    )
    return chosen + list(sharing)


def language_versions(request, item):
    """The item's live translations the reader may see, with their language code."""
    translations = item.get_translations().live().select_related("locale")
    translations = LibraryItemPage.objects.filter(pk__in=translations.values("pk"))
    return list(visible(request, translations).select_related("locale"))


def item_context(request, item):
    """Template context for any library item page (the taxonomy lists are prefetched once each)."""
    return {
        "countries": list(item.countries.all()),
        "crime_types": list(item.crime_types.all()),
        "exploitation_forms": list(item.exploitation_forms.all()),
        "techniques": list(item.techniques.all()),
        "themes": list(item.themes.all()),
        "attachments": list(item.attachments.select_related("document")),
        "party_aggregates": list(item.party_aggregates.select_related("nationality")),
        "related_items": related_items(request, item),
        "language_versions": language_versions(request, item),
        "citation_url": item.get_full_url(request),
        "consulted_on": timezone.localdate(),
    }
