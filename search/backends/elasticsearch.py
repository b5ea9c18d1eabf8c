"""Elasticsearch 8/9 for scale: per-language analyzers with ASCII folding, selected by ``ELASTICSEARCH_URL``.

Wagtail maps a model to one index, so a text field cannot be analysed by the language of each document alone;
the standard Elasticsearch answer to mixed-language fields is a multi-field: every text field is analysed in
Spanish (the main field, ``enlace_es``: lower-case, ASCII folding, Spanish stop words, light Spanish stemmer) and in
English (the ``.en`` sub-field, ``enlace_en``: possessives, lower-case, ASCII folding, English stop words, light
English stemmer), and a query is matched against both, the best field winning. A query in either language thus
finds documents in both language trees, with or without accents, as the database backends do
(:mod:`search.backends.database`). Autocomplete keeps Wagtail's edge n-grams, which fold accents too.

Timeouts are short and retries off (see ``config/settings/base.py``): when the cluster is down or slow the search
page falls back to the database backend (:mod:`search.service`) instead of hanging.
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)
from modelsearch.backends.elasticsearchbase import Field
from modelsearch.utils import deep_update

LANGUAGE_ANALYSIS = {
    "settings": {
        "analysis": {
            "filter": {
                "enlace_es_stop": {"type": "stop", "stopwords": "_spanish_"},
                "enlace_es_stemmer": {"type": "stemmer", "language": "light_spanish"},
                "enlace_en_stop": {"type": "stop", "stopwords": "_english_"},
                "enlace_en_stemmer": {"type": "stemmer", "language": "light_english"},
                "enlace_en_possessive": {"type": "stemmer", "language": "possessive_english"},
            },
            "analyzer": {
                "enlace_es": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "enlace_es_stop", "enlace_es_stemmer", "asciifolding"],
                },
                "enlace_en": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "enlace_en_possessive",
                        "lowercase",
                        "asciifolding",
                        "enlace_en_stop",
                        "enlace_en_stemmer",
                    ],
                },
            },
        }
    }
}
ENGLISH_SUBFIELD = "en"


def add_language_analysis(properties):
    """Give every plain text property the Spanish analyzer and an English ``.en`` sub-field (recursively)."""
    for mapping in properties.values():
        if mapping.get("type") == "nested":
            add_language_analysis(mapping["properties"])
        elif mapping.get("type") == "text" and "analyzer" not in mapping:
            mapping["analyzer"] = "enlace_es"
            mapping["fields"] = {ENGLISH_SUBFIELD: {"type": "text", "analyzer": "enlace_en"}}
    return properties


class BilingualMapping(Elasticsearch9Mapping):
    def get_mapping(self):
        mapping = super().get_mapping()
        add_language_analysis(mapping["properties"])
        return mapping


class BilingualQueryMixin:
    mapping_class = BilingualMapping

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        if len(fields) == 1 and fields[0].field_name.startswith("_edgengrams"):
            return super()._compile_plaintext_query(query, fields, boost)
        both = []
        for field in fields:
            both += [field, Field(f"{field.field_name}.{ENGLISH_SUBFIELD}", field.boost)]
        return super()._compile_plaintext_query(query, both, boost)


class BilingualSearchQueryCompiler(BilingualQueryMixin, Elasticsearch9SearchQueryCompiler):
    pass


class BilingualAutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = BilingualMapping


class BilingualElasticsearchBackend(Elasticsearch9SearchBackend):
    mapping_class = BilingualMapping
    query_compiler_class = BilingualSearchQueryCompiler
    autocomplete_query_compiler_class = BilingualAutocompleteQueryCompiler
    settings = deep_update(deepcopy(Elasticsearch9SearchBackend.settings), LANGUAGE_ANALYSIS)


SearchBackend = BilingualElasticsearchBackend
