"""Library items at scale, for benchmarks: ``seed_demo --practices 50000`` in minutes, fictional and idempotent.

Realistic rather than random: bilingual titles, summaries and bodies of case-study length (eight to fourteen
paragraphs with headings, a lessons-learned block and a checklist), every country and every taxonomy term in
use, three visibility levels in a plausible mix (40 % public, 50 % members, 10 % restricted to a working group),
years and outcomes spread out. Text is drawn from a bank of sentences written for the domain, filled in with
Faker's Mexican, Spanish and US place names, so it reads like the library (and analyses like it for search)
without naming anyone.

Fast: Wagtail pages are multi-table models, which ``bulk_create`` refuses, so :func:`bulk_create_pages` writes the
three tables itself (``wagtailcore_page``, then the item table, then the kind's table, sharing one id), computing
treebeard's materialised ``path``, ``depth`` and the parent's ``numchild`` as treebeard would, and the
taxonomy join tables in bulk. No revisions are written (Wagtail edits a page without one from the page itself)
and no translation aliases (each item is written in one language tree); the items are then added to the search
index in chunks through the configured backends.

Idempotent: item *n* has the slug ``scale-practice-0000n``; a second run with the same count creates nothing.
"""

import datetime
import random
import sys
import uuid
from contextlib import contextmanager

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from faker import Faker
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends

from members.access import Visibility
from network.models import Country
from practices.models import (
    CaseStudyPage,
    CrimeType,
    ExploitationForm,
    GoodPracticePage,
    LibraryIndexPage,
    LibraryItemPage,
    Outcome,
    Technique,
    Theme,
)

SLUG = "scale-practice-{:05d}"
SLUG_PREFIX = "scale-practice-"
CHUNK = 1000
SCALE_GROUP = "Scale benchmark working group"
TAXONOMY_RELATIONS = ["countries", "crime_types", "exploitation_forms", "techniques", "themes"]
NAMESPACE = uuid.UUID("5b0f3f3e-6a1d-4c55-9a53-3f1f0e7c2a10")

SENTENCES = {
    "es": [
        "La fiscalía especializada de {city} recibió la denuncia de una organización de la sociedad civil.",
        "La policía de investigación documentó {n} traslados entre {country} y la frontera norte.",
        "La autoridad central envió una solicitud de asistencia jurídica mutua a {country} en {year}.",
        "Una entrega vigilada permitió identificar a los responsables del transporte sin arriesgar a las víctimas.",
        "El análisis de las transferencias de dinero mostró pagos fraccionados a {n} cuentas distintas.",
        "Las víctimas fueron entrevistadas por personal especializado con enfoque centrado en la víctima.",
        "La coordinación entre fiscalía y policía se formalizó en un protocolo firmado en {city}.",
        "El equipo conjunto de investigación se reunió por videoconferencia cada semana durante {n} meses.",
        "La evidencia digital se preservó mediante una solicitud urgente a los proveedores de servicios.",
        "La Oficina Central Nacional de INTERPOL en {country} emitió una notificación amarilla.",
        "El tribunal de {city} admitió la declaración anticipada de una testigo por enlace de video.",
        "Los migrantes pagaban cantidades elevadas por cada tramo del recorrido hacia {country}.",
        "Las diligencias se retrasaron porque la traducción de la solicitud tardó {n} semanas.",
        "Un intercambio espontáneo de información permitió abrir una segunda línea de investigación.",
        "La inspección laboral detectó jornadas de más de {n} horas sin pago en una finca cercana a {city}.",
        "Se aseguraron bienes por un valor estimado equivalente a {n} mil dólares.",
        "El caso muestra la importancia de distinguir la trata de personas del tráfico ilícito de migrantes.",
        "Las instituciones de protección ofrecieron alojamiento y acompañamiento psicológico a {n} personas.",
    ],
    "en": [
        "The specialised prosecution unit in {city} received a complaint from a civil society organisation.",
        "Police investigators documented {n} transfers between {country} and the northern border.",
        "The central authority sent a mutual legal assistance request to {country} in {year}.",
        "A controlled delivery identified those responsible for transport without putting the victims at risk.",
        "Analysis of money transfers showed split payments into {n} different accounts.",
        "Victims were interviewed by specialised staff following a victim-centred approach.",
        "Coordination between prosecutors and police was formalised in a protocol signed in {city}.",
        "The joint investigation team met by video conference every week for {n} months.",
        "Digital evidence was preserved through an urgent request to the service providers.",
        "The INTERPOL National Central Bureau in {country} issued a yellow notice.",
        "The court in {city} admitted the early testimony of a witness by video link.",
        "Migrants paid large sums for each leg of the journey towards {country}.",
        "Proceedings were delayed because translating the request took {n} weeks.",
        "A spontaneous exchange of information opened a second line of inquiry.",
        "Labour inspectors found working days of more than {n} hours without pay on a farm near {city}.",
        "Assets worth an estimated {n} thousand dollars were seized.",
        "The case shows why trafficking in persons must be told apart from the smuggling of migrants.",
        "Protection agencies gave shelter and psychological support to {n} people.",
    ],
}
TITLES = {
    "es": [
        "{technique} en {city}: {theme}",
        "Cooperación entre {country} y {country2} en un caso de {crime}",
        "{theme}: lecciones de una investigación en {city}",
        "Guía práctica: {technique} con {country}",
    ],
    "en": [
        "{technique} in {city}: {theme}",
        "Cooperation between {country} and {country2} in a {crime} case",
        "{theme}: lessons from an investigation in {city}",
        "Practical guide: {technique} with {country}",
    ],
}
HEADINGS = {
    "es": ["Antecedentes", "Investigación", "Cooperación internacional", "Proceso judicial", "Resultados"],
    "en": ["Background", "Investigation", "International cooperation", "Proceedings", "Results"],
}
LESSONS_TITLE = {"es": "Lecciones aprendidas", "en": "Lessons learned"}
CHECKLIST_TITLE = {"es": "Antes de enviar la solicitud", "en": "Before sending the request"}


class TextBank:
    """Sentences of the domain in one language, filled in once with fictional places, then combined cheaply."""

    def __init__(self, language, countries, size=4000):
        faker = Faker(["es_MX", "es_ES"] if language == "es" else ["en_US"])
        faker.seed_instance(language)
        rng = random.Random(language)
        names = [c.name_es if language == "es" else c.name_en for c in countries]
        self.sentences = [
            rng.choice(SENTENCES[language]).format(
                city=faker.city(), country=rng.choice(names), n=rng.randint(2, 40), year=rng.randint(2008, 2025)
            )
            for _ in range(size)
        ]
        self.language = language

    def paragraph(self, rng, sentences=(4, 7)):
        return " ".join(rng.sample(self.sentences, rng.randint(*sentences)))

    def body(self, rng):
        """A StreamField body of case-study length, as the editor's blocks would store it."""
        blocks = []
        headings = HEADINGS[self.language]
        for number in range(rng.randint(8, 14)):
            if number % 3 == 0:
                text = headings[(number // 3) % len(headings)]
                blocks.append(block(rng, "heading", {"text": text, "level": "h2"}))
            blocks.append(block(rng, "paragraph", f"<p>{self.paragraph(rng)}</p>"))
        lessons = [self.paragraph(rng, (1, 1)) for _ in range(3)]
        blocks.append(block(rng, "lessons_learned", {"title": LESSONS_TITLE[self.language], "lessons": lessons}))
        items = [self.paragraph(rng, (1, 1)) for _ in range(4)]
        blocks.append(block(rng, "checklist", {"title": CHECKLIST_TITLE[self.language], "items": items}))
        return blocks


def block(rng, kind, value):
    return {"type": kind, "value": value, "id": str(uuid.UUID(int=rng.getrandbits(128), version=4))}


def insert_rows(model, objs, fields, returning=False):
    """INSERT ``objs`` into ``model``'s own table (its local columns only), in batches the database accepts."""
    batch = max(1, connection.ops.bulk_batch_size(fields, objs) or len(objs))
    returning_fields = [model._meta.pk] if returning else None
    rows = []
    for start in range(0, len(objs), batch):
        part = objs[start : start + batch]
        rows += model._base_manager._insert(part, fields=fields, returning_fields=returning_fields) or []
    return rows


def bulk_create_pages(parent, pages):
    """Add unsaved ``pages`` (all of one multi-table page model) as children of ``parent``, in a few statements.

    Sets what ``Page.add_child`` would: ``path``, ``depth``, ``url_path``, ``content_type``, ``draft_title``; then
    writes ``wagtailcore_page`` rows (getting their ids), each subclass table in order, and the parent's
    ``numchild``. Signals are not sent: callers index the pages and drop cached pages themselves.
    """
    if not pages:
        return pages
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type_id = content_type.pk
        page.draft_title = page.title
    chain = [*reversed(model._meta.get_parent_list()), model]
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    ids = insert_rows(Page, pages, page_fields, returning=True)
    for page, (pk,) in zip(pages, ids, strict=True):
        page.id = pk
        for klass in chain:
            for link in klass._meta.parents.values():
                setattr(page, link.attname, pk)
    for klass in chain[1:]:
        insert_rows(klass, pages, list(klass._meta.local_concrete_fields))
    children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
    Page.objects.filter(pk=parent.pk).update(numchild=children)
    return pages


def library_indexes():
    """The library index of each language tree, created under the home page when the demo has none yet."""
    from home.models import HomePage
    from practices.factories import LibraryIndexPageFactory

    indexes = {}
    for language, title, slug in (("es", "Biblioteca", "biblioteca"), ("en", "Library", "library")):
        index = LibraryIndexPage.objects.filter(locale__language_code=language).first()
        if index is None:
            home = HomePage.objects.get(locale__language_code=language)
            index = LibraryIndexPageFactory(parent=home, title=title, slug=slug)
        indexes[language] = index
    return indexes


class Taxonomy:
    """Every term of every facet, handed out so that each one is used (the n-th item starts at term n)."""

    def __init__(self):
        self.countries = list(Country.objects.order_by("sort_order", "code").values_list("pk", flat=True))
        self.region = list(Country.objects.filter(in_region=True).values_list("pk", flat=True)) or self.countries
        self.crime_types = list(CrimeType.objects.values_list("pk", flat=True))
        self.exploitation_forms = list(ExploitationForm.objects.values_list("pk", flat=True))
        self.techniques = list(Technique.objects.values_list("pk", flat=True))
        self.themes = list(Theme.objects.values_list("pk", flat=True))
        self.names = {
            "technique": dict(Technique.objects.values_list("pk", "name_es")),
            "technique_en": dict(Technique.objects.values_list("pk", "name_en")),
            "theme": dict(Theme.objects.values_list("pk", "name_es")),
            "theme_en": dict(Theme.objects.values_list("pk", "name_en")),
            "crime": dict(CrimeType.objects.values_list("pk", "name_es")),
            "crime_en": dict(CrimeType.objects.values_list("pk", "name_en")),
            "country": dict(Country.objects.values_list("pk", "name_es")),
            "country_en": dict(Country.objects.values_list("pk", "name_en")),
        }

    @staticmethod
    def pick(rng, n, terms, low, high):
        if not terms:
            return []
        first = terms[n % len(terms)]
        others = rng.sample(terms, min(len(terms), rng.randint(low, high)))
        return list(dict.fromkeys([first, *others]))

    def for_item(self, rng, n):
        countries = self.pick(rng, n, self.countries, 0, 1) + rng.sample(self.region, min(2, len(self.region)))
        return {
            "countries": list(dict.fromkeys(countries)),
            "crime_types": self.pick(rng, n, self.crime_types, 0, 1),
            "exploitation_forms": self.pick(rng, n, self.exploitation_forms, 0, 2),
            "techniques": self.pick(rng, n, self.techniques, 1, 3),
            "themes": self.pick(rng, n, self.themes, 1, 2),
        }

    def name(self, kind, pk, language):
        return self.names[kind if language == "es" else f"{kind}_en"].get(pk, "")


def language_of_item(n):
    """Three items in five are written in Spanish, as in the network."""
    return "es" if n % 5 < 3 else "en"


def visibility_of_item(rng):
    roll = rng.random()
    if roll < 0.4:
        return Visibility.PUBLIC
    return Visibility.MEMBERS if roll < 0.9 else Visibility.GROUPS


def build_item(n, banks, taxonomy, locales, now):
    """Item ``n``: its unsaved page (case study or good practice) and its taxonomy choices."""
    rng = random.Random(n)
    language = language_of_item(n)
    bank = banks[language]
    terms = taxonomy.for_item(rng, n)
    is_case = rng.random() < 0.7
    model = CaseStudyPage if is_case else GoodPracticePage
    countries = terms["countries"] + terms["countries"]
    title = rng.choice(TITLES[language]).format(
        technique=taxonomy.name("technique", terms["techniques"][0], language) if terms["techniques"] else "",
        theme=taxonomy.name("theme", terms["themes"][0], language) if terms["themes"] else "",
        crime=(taxonomy.name("crime", terms["crime_types"][0], language) if terms["crime_types"] else "").lower(),
        country=taxonomy.name("country", countries[0], language),
        country2=taxonomy.name("country", countries[1], language),
        city=bank.sentences[n % len(bank.sentences)].split(" ")[-1].rstrip("."),
    )
    published = now - datetime.timedelta(minutes=rng.randint(0, 10 * 365 * 24 * 60))
    values = {
        "title": f"{title} ({n})"[:255],
        "slug": SLUG.format(n),
        "locale_id": locales[language],
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": published,
        "last_published_at": published,
        "translation_key": uuid.uuid5(NAMESPACE, SLUG.format(n)),
        "kind": model.library_kind,
        "summary": bank.paragraph(rng, (2, 3)),
        "body": bank.body(rng),
        "year": rng.randint(2008, 2025),
        "visibility": visibility_of_item(rng),
        "lessons": f"<p>{bank.paragraph(rng, (2, 4))}</p>",
        "sources": f"<p>{bank.paragraph(rng, (1, 2))}</p>",
    }
    if is_case:
        outcomes = [o for o in Outcome.values if o != Outcome.NOT_APPLICABLE]
        values |= {
            "outcome": rng.choice(outcomes),
            "victims_count": rng.randint(1, 60),
            "defendants_count": rng.randint(1, 15),
            "elements_of_success": f"<p>{bank.paragraph(rng, (2, 4))}</p>",
            "challenges": f"<p>{bank.paragraph(rng, (2, 4))}</p>",
        }
    else:
        values["outcome"] = Outcome.NOT_APPLICABLE
    return model(**values), terms


def write_relations(pages_with_terms, group_id):
    for relation in TAXONOMY_RELATIONS:
        field = LibraryItemPage._meta.get_field(relation)
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        rows = [through(**{source: page.pk, target: pk}) for page, terms in pages_with_terms for pk in terms[relation]]
        through.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    groups_through = LibraryItemPage._meta.get_field("restricted_to_groups").remote_field.through
    groups_through.objects.bulk_create(
        [
            groups_through(libraryitempage_id=page.pk, group_id=group_id)
            for page, _terms in pages_with_terms
            if page.visibility == Visibility.GROUPS
        ],
        ignore_conflicts=True,
    )


def index_for_search(pages):
    """Add the new items to every configured search backend, with their taxonomies (one query per relation).

    The taxonomies are assigned in memory (modelcluster keeps them on the instance), so the backends read them
    from there instead of asking the database once per item and relation.
    """
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page.pk)
    for model, ids in by_model.items():
        objs = list(model.objects.filter(pk__in=ids).select_related("locale"))
        for relation in TAXONOMY_RELATIONS:
            field = LibraryItemPage._meta.get_field(relation)
            through = field.remote_field.through
            source = f"{field.m2m_field_name()}_id"
            terms = {term.pk: term for term in field.related_model.objects.all()}
            chosen = {}
            for item_id, term_id in through.objects.filter(**{f"{source}__in": ids}).values_list(
                source, f"{field.m2m_reverse_field_name()}_id"
            ):
                chosen.setdefault(item_id, []).append(terms[term_id])
            for obj in objs:
                setattr(obj, relation, chosen.get(obj.pk, []))
        for backend in get_search_backends():
            with fields_prepared_once(backend):
                backend.add_bulk(model, objs)


class PreparedOnceMixin:
    """Prepares (extracts and analyses) each search field of the object once instead of once per index column.

    modelsearch's database indexers build each column (title, body, autocomplete, and on PostgreSQL the weighted
    title and body texts) by walking *every* search field again, so a body of case-study length is extracted from
    its blocks, stripped of HTML and analysed three to five times. One indexer serves one object, so its
    prepared fields can be kept for its lifetime.
    """

    def prepare_field(self, obj, field):
        prepared = self.__dict__.setdefault("_prepared_fields", {})
        key = (id(obj), id(field))
        if key not in prepared:
            prepared[key] = (obj, list(super().prepare_field(obj, field)))  # obj kept alive: ids stay unique
        yield from prepared[key][1]


@contextmanager
def fields_prepared_once(backend):
    """While seeding in bulk, index with :class:`PreparedOnceMixin` over the backend's own indexer (if it has one)."""
    for klass in type(backend).__mro__:  # our backend subclasses modelsearch's, whose module holds the indexer
        module = sys.modules.get(klass.__module__)
        if module is not None and hasattr(module, "ObjectIndexer"):
            break
    else:
        yield
        return
    original = module.ObjectIndexer
    module.ObjectIndexer = type("PreparedOnceIndexer", (PreparedOnceMixin, original), {})
    try:
        yield
    finally:
        module.ObjectIndexer = original


def seed(report, count):
    """Make sure items 1…``count`` exist (creating only the missing ones), reporting progress."""
    indexes = library_indexes()
    existing = set(
        LibraryItemPage.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True).iterator()
    )
    missing = [n for n in range(1, count + 1) if SLUG.format(n) not in existing]
    if not missing:
        return
    countries = list(Country.objects.all())
    banks = {language: TextBank(language, countries) for language in ("es", "en")}
    taxonomy = Taxonomy()
    locales = dict(Locale.objects.values_list("language_code", "pk"))
    group, _created = Group.objects.get_or_create(name=SCALE_GROUP)
    now = timezone.now()
    done = 0
    for start in range(0, len(missing), CHUNK):
        chunk = missing[start : start + CHUNK]
        built = [build_item(n, banks, taxonomy, locales, now) for n in chunk]
        with transaction.atomic():
            for language in ("es", "en"):
                for model in (CaseStudyPage, GoodPracticePage):
                    pages = [
                        page for page, _terms in built if type(page) is model and page.locale_id == locales[language]
                    ]
                    bulk_create_pages(indexes[language], pages)
            write_relations(built, group.pk)
        index_for_search([page for page, _terms in built])
        done += len(chunk)
        report.progress(done, len(missing), "library items")
    report.add(len(missing), "library items (scale)")
