"""Spanish is the default language: a string without its translation shows English to Spanish readers."""

from pathlib import Path

import pytest
from django.conf import settings

from home.management.commands.translations import check

pytestmark = pytest.mark.skipif(
    not Path("/usr/bin/xgettext").exists(), reason="message extraction needs GNU gettext (apt install gettext)"
)


def test_every_message_in_our_code_and_templates_has_a_spanish_translation():
    problems = check(Path(settings.BASE_DIR))
    assert problems == [], "\n".join(problems[:50])
