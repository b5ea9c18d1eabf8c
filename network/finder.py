"""The counterpart finder: for a country and a need, who is competent, who to write to, and how to ask.

Institutions come from the country sheet's guidance for the need, the institutions of the designated focal points,
and the central authority for MLA or extradition; people (full members only) are the designated focal points
first, then other listed members of that country ranked by how many of the asking member's specializations they
share and whether they work in the requested language (or one of the asking member's languages).
"""

from dataclasses import dataclass, field

from django.db.models import Count, FilteredRelation, IntegerField, OuterRef, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce

from members.models import Membership

from .directory import active_designations, directory_entries, entry_prefetches, focal_point_for
from .models import Country, CountrySheet, Institution, Need, NeedGuidance

#: Needs whose competent institution defaults to the sheet's central authority.
CENTRAL_AUTHORITY_FIELDS = {
    "mla-request": "mla_central_authority",
    "evidence-collection": "mla_central_authority",
    "extradition": "extradition_central_authority",
}
OTHER_MEMBERS_SHOWN = 10


@dataclass
class Counterparts:
    """What the finder answers for one country and need. ``focal_points``/``others`` stay empty for non-members."""

    country: Country
    need: Need
    sheet: CountrySheet | None = None
    guidance: NeedGuidance | None = None
    institutions: list = field(default_factory=list)
    focal_points: list = field(default_factory=list)
    others: list = field(default_factory=list)
    people_shown: bool = False

    @property
    def has_focal_point(self):
        """Whether an active focal point exists, whoever is asking (institution-level fact)."""
        return bool(self._designated_institution_ids)

    _designated_institution_ids: list = field(default_factory=list)


def find_counterparts(country, need, *, asker=None, language=None, include_people=False):
    """Answer the finder for ``country`` and ``need``.

    ``asker`` is the asking member's :class:`~members.models.Membership` (for ranking); ``language`` an optional
    working-language code; ``include_people`` must come from ``members.access.is_full_member``.

    Cost, whatever the number of members: one query for the sheet with its central authorities and the need's
    guidance, one for the designated institutions, and with people two ranked lists sharing one set of prefetches.
    """
    sheet = (
        CountrySheet.objects.annotate(
            guidance_for_need=FilteredRelation("need_guidance", condition=Q(need_guidance__need=need))
        )
        .select_related("mla_central_authority", "extradition_central_authority", "guidance_for_need__institution")
        .filter(country=country)
        .first()
    )
    # At most one guidance per sheet and need (a unique constraint); the attribute is only set when there is one.
    guidance = getattr(sheet, "guidance_for_need", None)
    if guidance is not None:
        guidance.need = need
    designations = active_designations().filter(need=need, institution__country=country)
    designated = list(Institution.objects.filter(pk__in=designations.values("institution_id")).order_by("name"))
    result = Counterparts(country=country, need=need, sheet=sheet, guidance=guidance)
    result._designated_institution_ids = [institution.pk for institution in designated]
    result.institutions = competent_institutions(sheet, guidance, need, designated)
    if include_people:
        result.people_shown = True
        result.focal_points, result.others = rank_members(country, need, asker=asker, language=language)
    return result


def competent_institutions(sheet, guidance, need, designated_institutions):
    """The institutions to address, most specific first, without repeats."""
    ordered = []
    if guidance is not None and guidance.institution_id:
        ordered.append(guidance.institution)
    ordered += designated_institutions
    authority_field = CENTRAL_AUTHORITY_FIELDS.get(need.slug)
    if sheet is not None and authority_field and getattr(sheet, authority_field) is not None:
        ordered.append(getattr(sheet, authority_field))
    seen, unique = set(), []
    for institution in ordered:
        if institution.pk not in seen:
            seen.add(institution.pk)
            unique.append(institution)
    return unique


def rank_members(country, need, *, asker=None, language=None, limit=OTHER_MEMBERS_SHOWN):
    """Focal points for ``need`` in ``country``, then the best-matching other listed members (at most ``limit``).

    Four queries whatever the number of members: the focal points, the ranked others, and the entries' prefetches
    (:func:`~network.directory.entry_prefetches`) for both lists together.
    """
    designated = focal_point_for(need)
    entries = directory_entries().prefetch_related(None).filter(Q(country=country) | Q(institution__country=country))
    if asker is not None:
        entries = entries.exclude(pk=asker.pk)
    focal_points = list(entries.filter(designated).order_by("user__last_name", "user__first_name", "pk"))

    specializations = Membership.specializations.through.objects
    languages = Membership.languages.through.objects
    if asker is not None:
        asker_specializations = specializations.filter(membership_id=asker.pk).values("specialization_id")
        specialization_rows = specializations.filter(specialization_id__in=asker_specializations)
    else:
        specialization_rows = specializations.none()
    if language:
        language_rows = languages.filter(workinglanguage__code=language)
    elif asker is not None:
        asker_languages = languages.filter(membership_id=asker.pk).values("workinglanguage_id")
        language_rows = languages.filter(workinglanguage_id__in=asker_languages)
    else:
        language_rows = languages.none()
    # One correlated count per listed member of the country, each read from a join table's unique
    # (membership, term) index: no row multiplication between the two relations, no DISTINCT over a join.
    others = list(
        entries.exclude(designated)
        .annotate(
            specialization_match=matches(specialization_rows),
            language_match=matches(language_rows),
        )
        .order_by("-specialization_match", "-language_match", "user__last_name", "user__first_name", "pk")[:limit]
    )
    prefetch_related_objects(focal_points + others, *entry_prefetches())
    return focal_points, others


def matches(rows):
    """How many of ``rows`` (a join table's rows, already narrowed to the wanted terms) belong to each membership."""
    counted = (
        rows.filter(membership_id=OuterRef("pk")).order_by().values("membership_id").annotate(n=Count("*")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
