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
and no translation aliases (each item is written in one language tree). The search index rows are written in the
same transaction, one ``INSERT`` per chunk, from text analysed once per sentence of the bank (see "The search
index, written in bulk" below): the rows Wagtail's ``update_index`` writes, several times faster
(tests/performance/test_scale_search_index.py compares them on SQLite and PostgreSQL).

Idempotent: item *n* has the slug ``scale-practice-0000n``; a second run with the same count creates nothing.
"""

import datetime
import json
import random
import sys
import uuid
from contextlib import contextmanager

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from faker import Faker
from modelsearch.backends.database.postgres.weights import get_weight
from modelsearch.index import SearchField
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
from search.analysis import analyse

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
    """Sentences of the domain in one language, filled in once with fictional places, then combined cheaply.

    Each sentence is also analysed for search once (:func:`search.analysis.analyse`, in the bank's language), so an
    item's index text is put together from its sentences' analyses instead of extracting and analysing every
    field of every item again: analysis works word by word, so the analysis of sentences joined by spaces is
    their analyses joined by spaces (:func:`write_search_index` checks it against the indexer on every chunk).
    """

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
        self.analysed = [analyse(sentence, language) for sentence in self.sentences]
        self.analysis_of = dict(zip(self.sentences, self.analysed, strict=True))
        self.analysed_blocks = {}  # headings repeat: their analysis is kept

    def paragraph(self, rng, sentences=(4, 7)):
        return self.analysed_paragraph(rng, sentences)[0]

    def analysed_paragraph(self, rng, sentences=(4, 7)):
        """A paragraph and its analysis (the same draws from ``rng`` as :meth:`paragraph`)."""
        chosen = rng.sample(range(len(self.sentences)), rng.randint(*sentences))
        return " ".join(self.sentences[n] for n in chosen), " ".join(self.analysed[n] for n in chosen)

    def analyse(self, text):
        """The analysis of a sentence of the bank (looked up) or of any other text (computed)."""
        found = self.analysis_of.get(text)
        return found if found is not None else analyse(text, self.language)

    def body(self, rng):
        """A StreamField body of case-study length, as the editor's blocks would store it, and its analysis."""
        blocks = []
        analysed = []
        headings = HEADINGS[self.language]
        for number in range(rng.randint(8, 14)):
            if number % 3 == 0:
                text = headings[(number // 3) % len(headings)]
                blocks.append(block(rng, "heading", {"text": text, "level": "h2"}))
                analysed += self.analysed_block(blocks[-1])
            paragraph, analysis = self.analysed_paragraph(rng)
            blocks.append(block(rng, "paragraph", f"<p>{paragraph}</p>"))
            analysed.append(analysis)
        lessons = [self.paragraph(rng, (1, 1)) for _ in range(3)]
        blocks.append(block(rng, "lessons_learned", {"title": LESSONS_TITLE[self.language], "lessons": lessons}))
        analysed += self.analysed_block(blocks[-1])
        items = [self.paragraph(rng, (1, 1)) for _ in range(4)]
        blocks.append(block(rng, "checklist", {"title": CHECKLIST_TITLE[self.language], "items": items}))
        analysed += self.analysed_block(blocks[-1])
        return blocks, " ".join(text for text in analysed if text)

    def analysed_block(self, raw):
        """The analysis of each text a (non-paragraph) block gives the search index, through the block itself."""
        key = (raw["type"], json.dumps(raw["value"], sort_keys=True))
        if key not in self.analysed_blocks:
            child = LibraryItemPage._meta.get_field("body").stream_block.child_blocks[raw["type"]]
            texts = child.get_searchable_content(child.to_python(raw["value"]))
            self.analysed_blocks[key] = [self.analyse(text) for text in texts]
        return self.analysed_blocks[key]


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
    """Item ``n``: its unsaved page (case study or good practice) and its taxonomy choices.

    The page carries the analysis of its text fields for search (``_analysed``, see :class:`TextBank`).
    """
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
    title = f"{title} ({n})"[:255]
    summary, analysed_summary = bank.analysed_paragraph(rng, (2, 3))
    body, analysed_body = bank.body(rng)
    year = rng.randint(2008, 2025)
    visibility = visibility_of_item(rng)
    lessons, analysed_lessons = bank.analysed_paragraph(rng, (2, 4))
    sources, analysed_sources = bank.analysed_paragraph(rng, (1, 2))
    values = {
        "title": title,
        "slug": SLUG.format(n),
        "locale_id": locales[language],
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": published,
        "last_published_at": published,
        "translation_key": uuid.uuid5(NAMESPACE, SLUG.format(n)),
        "kind": model.library_kind,
        "summary": summary,
        "body": body,
        "year": year,
        "visibility": visibility,
        "lessons": f"<p>{lessons}</p>",
        "sources": f"<p>{sources}</p>",
    }
    analysed = {
        "title": analyse(title, language),
        "summary": analysed_summary,
        "body": analysed_body,
        "lessons": analysed_lessons,
        "sources": analysed_sources,
    }
    if is_case:
        outcomes = [o for o in Outcome.values if o != Outcome.NOT_APPLICABLE]
        values |= {
            "outcome": rng.choice(outcomes),
            "victims_count": rng.randint(1, 60),
            "defendants_count": rng.randint(1, 15),
        }
        success, analysed["elements_of_success"] = bank.analysed_paragraph(rng, (2, 4))
        challenges, analysed["challenges"] = bank.analysed_paragraph(rng, (2, 4))
        values |= {"elements_of_success": f"<p>{success}</p>", "challenges": f"<p>{challenges}</p>"}
    else:
        values["outcome"] = Outcome.NOT_APPLICABLE
    page = model(**values)
    page._analysed = analysed
    return page, terms


def write_relations(pages_with_terms, group_id):
    """The taxonomy and working-group join rows of the new pages, one multi-row ``INSERT`` per table."""
    for relation in TAXONOMY_RELATIONS:
        rows = [(page.pk, pk) for page, terms in pages_with_terms for pk in terms[relation]]
        insert_pairs(LibraryItemPage._meta.get_field(relation), rows)
    rows = [(page.pk, group_id) for page, _terms in pages_with_terms if page.visibility == Visibility.GROUPS]
    insert_pairs(LibraryItemPage._meta.get_field("restricted_to_groups"), rows)


def insert_pairs(field, rows):
    """``INSERT`` (item, term) id pairs into a many-to-many field's join table, skipping pairs already there."""
    through = field.remote_field.through
    quote = connection.ops.quote_name
    source = quote(through._meta.get_field(field.m2m_field_name()).column)
    target = quote(through._meta.get_field(field.m2m_reverse_field_name()).column)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            part = rows[start : start + 5000]
            values = ", ".join(["(%s, %s)"] * len(part))
            cursor.execute(
                f"INSERT INTO {quote(through._meta.db_table)} ({source}, {target}) VALUES {values} "  # noqa: S608 # nosec B608
                "ON CONFLICT DO NOTHING",
                [value for pair in part for value in pair],
            )


# --- The search index, written in bulk -----------------------------------------------------------------------
#
# Wagtail's ``add_bulk`` builds, per item and per index column, a Django ``SearchVector`` expression for every
# text (one ``setweight(to_tsvector(…))`` per field, compiled by the ORM), extracts each field again (StreamField
# blocks rendered to text, rich text stripped of its HTML) and analyses it again: at 30 search fields per item
# most of the seeding time. Here the rows are the same, computed with the backend's own indexer class
# (``ObjectIndexer`` as search/backends/database.py installs it: same fields, same order, same weights), with
# three shortcuts: each field is prepared once (:class:`PreparedOnceMixin`), the page's text fields come already
# analysed from the sentence bank (:class:`PreanalysedMixin`), and on PostgreSQL the vectors are built by the
# database from the analysed texts, for a whole chunk in one ``INSERT`` (:data:`POSTGRES_INSERT`). The first item
# of every chunk is also indexed the slow way and compared (:func:`check_row`).

POSTGRES_AGGREGATE = "pg_temp.enlace_tsvector_cat"
# One row per item. Each text of an item becomes ``setweight(to_tsvector(config, text), weight)`` and the texts of
# a column are concatenated in field order with ``||`` (tsvector_concat, the operator Wagtail's ``SearchVector``
# sum compiles to; a strict aggregate with no initial value starts from the first text, as ``a || b || c`` does).
POSTGRES_INSERT = """
INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
SELECT %(content_type)s, item.object_id, COALESCE(vector.title, ''), COALESCE(vector.autocomplete, ''),
       COALESCE(vector.body, ''), 1.0, item.title_text, item.body_text
FROM unnest(%(ids)s::text[], %(title_texts)s::text[], %(body_texts)s::text[])
     WITH ORDINALITY AS item(object_id, title_text, body_text, n)
LEFT JOIN (
    SELECT part.n,
           {aggregate}(part.vector ORDER BY part.position) FILTER (WHERE part.kind = 't') AS title,
           {aggregate}(part.vector ORDER BY part.position) FILTER (WHERE part.kind = 'a') AS autocomplete,
           {aggregate}(part.vector ORDER BY part.position) FILTER (WHERE part.kind = 'b') AS body
    FROM (
        SELECT text.n, text.kind, text.position,
               setweight(
                   to_tsvector(COALESCE(text.config, current_setting('default_text_search_config'))::regconfig,
                               COALESCE(text.value, '')),
                   text.weight::"char"
               ) AS vector
        FROM unnest(%(parts_n)s::bigint[], %(parts_kind)s::text[], %(parts_config)s::text[],
                    %(parts_value)s::text[], %(parts_weight)s::text[])
             WITH ORDINALITY AS text(n, kind, config, value, weight, position)
    ) part
    GROUP BY part.n
) vector ON vector.n = item.n
ORDER BY item.n
ON CONFLICT (content_type_id, object_id)
DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
              title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
"""
SQLITE_INSERT = """
INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm) VALUES (%s, %s, %s, %s, %s, 1.0)
ON CONFLICT (content_type_id, object_id)
DO UPDATE SET title = excluded.title, autocomplete = excluded.autocomplete, body = excluded.body
"""


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


class PreanalysedMixin:
    """A text field the page brings already analysed (``page._analysed[name]``) is taken from there.

    Only for a plain :class:`SearchField` of the page itself and an analysing backend; anything else (taxonomy
    names, autocomplete, fields added later) goes through the indexer as usual.
    """

    weighted = False  # PostgreSQL's indexer yields (field, weight, value), SQLite's (field, value)

    def prepare_field(self, obj, field):
        analysed = getattr(obj, "_analysed", None)
        if analysed and type(field) is SearchField and field.field_name in analysed and self.analysing:
            value = analysed[field.field_name]
            yield (field, get_weight(field.boost), value) if self.weighted else (field, value)
            return
        yield from super().prepare_field(obj, field)


class SharedRelatedMixin:
    """The fields of related objects (taxonomy terms), prepared once for all the items of a run.

    Thousands of items name the same few dozen terms; what the indexer makes of a term's field depends on the
    term, the field and, at most, the language of the item (the analysing indexer's only read of the item), so
    that is the key. Cleared at the start of each seeding.
    """

    shared = {}

    def prepare_field(self, obj, field):
        if obj is self.obj or getattr(obj, "pk", None) is None:
            yield from super().prepare_field(obj, field)
            return
        key = (type(obj), obj.pk, id(field), self.obj.locale_id)
        if key not in self.shared:
            self.shared[key] = list(super().prepare_field(obj, field))
        yield from self.shared[key]


class TextsMixin:
    """PostgreSQL: a column as the ``(text, weight)`` pairs Wagtail's ``as_vector`` would sum into a vector."""

    def as_vector(self, texts, for_autocomplete=False):
        texts = [(text.strip(), weight) for text, weight in texts]
        return [(text, weight) for text, weight in texts if text]


def indexer_module(backend):
    """The module holding the backend's ``ObjectIndexer`` (our backends subclass modelsearch's), or ``None``."""
    for klass in type(backend).__mro__:
        module = sys.modules.get(klass.__module__)
        if module is not None and hasattr(module, "ObjectIndexer"):
            return module
    return None


def bulk_writer(backend):
    """``"postgres"`` or ``"sqlite"`` when the rows can be written here for this backend, else ``None``."""
    module = indexer_module(backend)
    name = module.__name__ if module else ""
    if name.endswith("database.postgres.postgres") and connection.vendor == "postgresql":
        return "postgres"
    if name.endswith("database.sqlite.sqlite") and connection.vendor == "sqlite":
        return "sqlite"
    return None


def indexer_classes(module, writer):
    """(fast, checked): the backend's indexer with the shortcuts, and with only what the writer needs."""
    original = module.ObjectIndexer
    base = (TextsMixin, original) if writer == "postgres" else (original,)
    fast = type(
        "BulkIndexer",
        (PreparedOnceMixin, PreanalysedMixin, SharedRelatedMixin, *base),
        {"weighted": writer == "postgres"},
    )
    checked = type("CheckedIndexer", (PreparedOnceMixin, *base), {})
    return fast, checked


def index_row(indexer, writer):
    if writer == "postgres":
        return (indexer.id, indexer.title, indexer.autocomplete, indexer.body, indexer.title_text, indexer.body_text)
    return (indexer.id, indexer.title, indexer.autocomplete, indexer.body)


class ShortcutMismatch(RuntimeError):
    pass


def check_row(row, obj, checked, backend, writer):
    """The row the slow way (fields extracted and analysed by the indexer) must be the same as the fast one."""
    expected = index_row(checked(obj, backend), writer)
    if expected != row:
        columns = ["id", "title", "autocomplete", "body", "title_text", "body_text"]
        differ = [name for name, a, b in zip(columns, row, expected, strict=False) if a != b]
        raise ShortcutMismatch(f"{type(obj).__name__} {obj.pk}: {', '.join(differ)} differ from the indexer's")


SHORTCUTS = {"trusted": True}


def index_rows(model, objs, backend, writer):
    """The index rows of ``objs`` for ``backend``, checking the shortcuts on the first one."""
    fast, checked = indexer_classes(indexer_module(backend), writer)
    if SHORTCUTS["trusted"] and objs:
        row = index_row(fast(objs[0], backend), writer)
        try:
            check_row(row, objs[0], checked, backend, writer)
        except ShortcutMismatch as error:
            print(f"seed_demo: pre-analysed texts no longer match ({error}); indexing the slow way", file=sys.stderr)
            SHORTCUTS["trusted"] = False
    klass = fast if SHORTCUTS["trusted"] else checked
    return [index_row(klass(obj, backend), writer) for obj in objs]


def write_postgres_rows(model, rows, backend):
    from modelsearch.utils import get_content_type_pk
    from wagtail.search.models import IndexEntry

    parts = {"parts_n": [], "parts_kind": [], "parts_config": [], "parts_value": [], "parts_weight": []}
    for n, (_id, title, autocomplete, body, _title_text, _body_text) in enumerate(rows, start=1):
        for kind, texts, config in (
            ("t", title, backend.config),
            ("a", autocomplete, backend.autocomplete_config),
            ("b", body, backend.config),
        ):
            for text, weight in texts:
                parts["parts_n"].append(n)
                parts["parts_kind"].append(kind)
                parts["parts_config"].append(config)
                parts["parts_value"].append(text)
                parts["parts_weight"].append(weight)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regprocedure(%s)", [f"{POSTGRES_AGGREGATE}(tsvector)"])
        if cursor.fetchone()[0] is None:
            cursor.execute(
                f"CREATE AGGREGATE {POSTGRES_AGGREGATE}(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector)"
            )
        cursor.execute(
            POSTGRES_INSERT.format(table=IndexEntry._meta.db_table, aggregate=POSTGRES_AGGREGATE),
            {
                "content_type": get_content_type_pk(model),
                "ids": [row[0] for row in rows],
                "title_texts": [row[4] for row in rows],
                "body_texts": [row[5] for row in rows],
                **parts,
            },
        )


def write_sqlite_rows(model, rows):
    from modelsearch.utils import get_content_type_pk
    from wagtail.search.models import IndexEntry

    content_type = get_content_type_pk(model)
    with connection.cursor() as cursor:
        cursor.executemany(
            SQLITE_INSERT.format(table=IndexEntry._meta.db_table), [(content_type, *row) for row in rows]
        )


class BackgroundWriter:
    """PostgreSQL: each chunk's index ``INSERT`` runs on a second connection, in a thread, while this one goes on.

    Building the vectors is most of PostgreSQL's work in a seeding (about 1 ms per item), and the Python side
    waits for it doing nothing; with the statement sent from a thread (psycopg releases the GIL while it waits)
    the next chunk is built and written meanwhile, and the database's work overlaps Python's on the second core.
    Each statement commits on its own: an item interrupted between its page and its index rows is indexed by the
    next run (:func:`index_unindexed`). Not inside a transaction (a test's): rows written by another connection
    would outlive its rollback, so there everything is written in line.
    """

    def __init__(self):
        import queue
        import threading

        self.jobs = queue.Queue(maxsize=1)
        self.error = None
        self.thread = threading.Thread(target=self.run, name="seed-index-writer", daemon=True)
        self.thread.start()

    @staticmethod
    def usable():
        return connection.vendor == "postgresql" and not connection.in_atomic_block

    def run(self):
        from django.db import connection as own_connection  # this thread's connection

        try:
            while (job := self.jobs.get()) is not None:
                if self.error is None:
                    try:
                        with transaction.atomic():
                            write_postgres_rows(*job)
                    except Exception as error:  # reported by submit() or close(), in the main thread
                        self.error = error
        finally:
            own_connection.close()

    def submit(self, model, rows, backend):
        if self.error is not None:
            raise self.error
        self.jobs.put((model, rows, backend))

    def close(self):
        self.jobs.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


def index_for_search(model, objs, background=None):
    """Add saved ``objs`` (all of ``model``) to every configured search backend, as Wagtail's indexer would.

    The objects must carry what the indexer reads: their locale and taxonomies in memory (see :func:`seed`). The
    title norms are left at 1.0 for :func:`refresh_title_norms`, as Wagtail's own ``add_bulk`` leaves them until
    its end. With a :class:`BackgroundWriter`, PostgreSQL's rows are written by it.
    """
    for backend in get_search_backends():
        writer = bulk_writer(backend)
        if writer is None:  # another backend (Elasticsearch): its own bulk API
            with fields_prepared_once(backend):
                backend.add_bulk(model, objs)
            continue
        rows = index_rows(model, objs, backend, writer)
        if writer == "postgres" and background is not None:
            background.submit(model, rows, backend)
        elif writer == "postgres":
            write_postgres_rows(model, rows, backend)
        else:
            write_sqlite_rows(model, rows)


def index_unindexed(models):
    """Index, Wagtail's way, scale items an interrupted run left without their index rows (normally none)."""
    from wagtail.search.models import IndexEntry

    for model in models:
        entries = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
        pages = model.objects.filter(slug__startswith=SLUG_PREFIX).annotate(text_pk=Cast("pk", TextField()))
        missing = list(pages.exclude(text_pk__in=entries.values("object_id")).values_list("pk", flat=True))
        for start in range(0, len(missing), CHUNK):
            chunk = list(model.objects.filter(pk__in=missing[start : start + CHUNK]))
            for backend in get_search_backends():
                backend.add_bulk(model, chunk)


def refresh_title_norms(model):
    """Wagtail's own title norm refresh (rows still at 1.0), once after a bulk load instead of once per chunk."""
    for backend in get_search_backends():
        if bulk_writer(backend):
            backend.get_index_for_model(model)._refresh_title_norms()


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


def seed_chunks(report, missing, banks, taxonomy, locales, terms, indexes, group, now, background):
    """Items ``missing`` (their numbers), a chunk at a time."""
    locale_ids = {locale.language_code: pk for pk, locale in locales.items()}
    done = 0
    for start in range(0, len(missing), CHUNK):
        chunk = missing[start : start + CHUNK]
        built = [build_item(n, banks, taxonomy, locale_ids, now) for n in chunk]
        with transaction.atomic():
            for language in ("es", "en"):
                for model in (CaseStudyPage, GoodPracticePage):
                    pages = [
                        page for page, _terms in built if type(page) is model and page.locale_id == locale_ids[language]
                    ]
                    bulk_create_pages(indexes[language], pages)
            write_relations(built, group.pk)
            # What the indexer reads, in memory (modelcluster keeps assigned relations on the instance).
            for page, chosen in built:
                page.locale = locales[page.locale_id]
                for relation in TAXONOMY_RELATIONS:
                    setattr(page, relation, [terms[relation][pk] for pk in chosen[relation]])
            if background is None:  # in the same transaction
                for model in (CaseStudyPage, GoodPracticePage):
                    index_for_search(model, [page for page, _terms in built if type(page) is model])
        if background is not None:  # once the pages are committed
            for model in (CaseStudyPage, GoodPracticePage):
                index_for_search(model, [page for page, _terms in built if type(page) is model], background)
        done += len(chunk)
        report.progress(done, len(missing), "library items")


def seed(report, count):
    """Make sure items 1…``count`` exist (creating only the missing ones), reporting progress.

    Each chunk's pages and taxonomies are written in one transaction, its search index rows in the same one or
    (PostgreSQL, :class:`BackgroundWriter`) right after it; the next run creates what an interrupted one left
    missing, index rows included.
    """
    index_unindexed([CaseStudyPage, GoodPracticePage])
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
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    terms = {
        relation: {term.pk: term for term in LibraryItemPage._meta.get_field(relation).related_model.objects.all()}
        for relation in TAXONOMY_RELATIONS
    }
    group, _created = Group.objects.get_or_create(name=SCALE_GROUP)
    now = timezone.now()
    SharedRelatedMixin.shared.clear()
    background = BackgroundWriter() if BackgroundWriter.usable() else None
    try:
        seed_chunks(report, missing, banks, taxonomy, locales, terms, indexes, group, now, background)
    finally:
        if background is not None:
            background.close()
    for model in (CaseStudyPage, GoodPracticePage):
        refresh_title_norms(model)
    report.add(len(missing), "library items (scale)")
