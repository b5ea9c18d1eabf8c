from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    """The library of case studies and good practices, its taxonomy, workflow, import and anonymization."""

    name = "practices"
    verbose_name = _("Practices library")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.models import Revision

        from practices.documents import record_document_uses

        post_save.connect(record_document_uses, sender=Revision, dispatch_uid="practices_record_document_uses")
