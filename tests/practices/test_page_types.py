"""Which library page types live where (Wagtail's page creation rules), and that each renders."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from practices.models import CaseStudyPage, GoodPracticePage, LibraryIndexPage, LibraryItemPage


class LibraryPageTypesTests(WagtailPageTestCase):
    def test_library_index_lives_under_a_home_page_only(self):
        self.assertCanCreateAt(HomePage, LibraryIndexPage)
        self.assertCanNotCreateAt(Page, LibraryIndexPage)
        self.assertCanNotCreateAt(LibraryIndexPage, LibraryIndexPage)
        self.assertAllowedParentPageTypes(LibraryIndexPage, {HomePage})

    def test_case_studies_and_good_practices_live_under_a_library_index_only(self):
        for kind in (CaseStudyPage, GoodPracticePage):
            self.assertCanCreateAt(LibraryIndexPage, kind)
            self.assertCanNotCreateAt(HomePage, kind)
            self.assertAllowedParentPageTypes(kind, {LibraryIndexPage})
            self.assertAllowedSubpageTypes(kind, set())

    def test_the_shared_base_of_library_items_is_never_created_by_itself(self):
        self.assertCanNotCreateAt(LibraryIndexPage, LibraryItemPage)

    def test_every_creatable_kind_of_library_item_is_offered_under_the_index(self):
        offered = set(LibraryIndexPage.creatable_subpage_models())
        assert {CaseStudyPage, GoodPracticePage} <= offered
        assert all(issubclass(model, LibraryItemPage) for model in offered)
