"""Factories for the library, used by the tests, the benchmarks and ``seed_demo``.

``CaseStudyPageFactory(parent=index, visibility="public", countries=["MX", "GT"], themes=["case_management"])``
creates and publishes a case study (a revision is saved and published, as the workflow would), with its
taxonomies given by ISO code or slug.
"""

import factory
import wagtail_factories
from django.utils.text import slugify

from members.access import Visibility
from network.models import Country
from practices.models import (
    CaseStudyPage,
    CrimeType,
    ExploitationForm,
    GoodPracticePage,
    LibraryAttachment,
    LibraryIndexPage,
    Outcome,
    Technique,
    Theme,
)


class LibraryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LibraryIndexPage

    title = "Library"
    slug = "library"


def _set_relation(relation_name, model, key):
    def set_relation(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            getattr(obj, relation_name).set(model.objects.filter(**{f"{key}__in": extracted}))

    return set_relation


class LibraryItemPageFactory(wagtail_factories.PageFactory):
    """The shared part of the item factories; ``publish=False`` leaves a never-published draft."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Case {n}: cooperation across borders")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title)[:80])
    summary = "A fictional case used in tests."
    year = 2021
    visibility = Visibility.PUBLIC

    countries = factory.PostGeneration(_set_relation("countries", Country, "code"))
    crime_types = factory.PostGeneration(_set_relation("crime_types", CrimeType, "slug"))
    exploitation_forms = factory.PostGeneration(_set_relation("exploitation_forms", ExploitationForm, "slug"))
    techniques = factory.PostGeneration(_set_relation("techniques", Technique, "slug"))
    themes = factory.PostGeneration(_set_relation("themes", Theme, "slug"))

    @factory.post_generation
    def restricted_to_groups(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.restricted_to_groups.set(extracted)

    @factory.post_generation
    def attachments(obj, create, extracted, **kwargs):
        if create and extracted:
            for document in extracted:
                LibraryAttachment.objects.create(page=obj, document=document)

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        """Save a revision and publish it (unless ``publish=False``), so the item has publication dates."""
        if not create:
            return
        if extracted is False:
            obj.live = False
            obj.save_revision()
            obj.save()
        else:
            obj.save_revision().publish()


class CaseStudyPageFactory(LibraryItemPageFactory):
    class Meta:
        model = CaseStudyPage

    outcome = Outcome.CONVICTION
    victims_count = 3
    defendants_count = 2


class GoodPracticePageFactory(LibraryItemPageFactory):
    class Meta:
        model = GoodPracticePage

    title = factory.Sequence(lambda n: f"Guide {n}: preparing a request")
    outcome = Outcome.NOT_APPLICABLE
