"""Performance fixtures: the library indexes (shared with tests/practices) and page types to loop over."""

import pytest


@pytest.fixture
def library(home_pages):
    """The Spanish and English library indexes under the home pages."""
    from practices.factories import LibraryIndexPageFactory

    return {
        "es": LibraryIndexPageFactory(parent=home_pages["es"], title="Biblioteca", slug="biblioteca"),
        "en": LibraryIndexPageFactory(parent=home_pages["en"], title="Library", slug="library"),
    }
