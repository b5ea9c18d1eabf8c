"""Signal receivers that keep the anonymization check current (connected from ``practices.models.anonymization``).

- A revision of a library item is saved: the item is scanned again, so the editor's panel lists the findings of
  the latest draft, and fixed text clears its finding at once.
- A library item is published and ``ENLACE_PURGE_REVISIONS_ON_PUBLISH`` is on: its older revisions are deleted
  (they may hold personal data the published text no longer contains), as are the records of fixed findings.
- A membership or an account changes: the directory's names are read again on the next scan.
"""

from django.conf import settings
from django.db.models.deletion import ProtectedError
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Revision, WorkflowState
from wagtail.signals import page_published

from .workflow import check_page, forget_directory_names


def is_library_item(model):
    from practices.models import LibraryItemPage

    return model is not None and issubclass(model, LibraryItemPage)


@receiver(post_save, sender=Revision, dispatch_uid="anonymization_scan_saved_revision")
def scan_saved_revision(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if raw or update_fields or not is_library_item(instance.content_type.model_class()):
        return
    check_page(instance.as_object())


def purge_older_revisions(page, revision):
    """Delete the revisions of ``page`` older than ``revision``, by Wagtail's own rules (``purge_revisions``).

    Revisions scheduled for publication or part of a workflow still in progress or awaiting changes are kept.
    Returns the number deleted.
    """
    from practices.models import PersonalDataFinding
    from practices.models.anonymization import FindingStatus

    older = (
        Revision.objects.for_instance(page)
        .filter(created_at__lt=revision.created_at, approved_go_live_at__isnull=True)
        .exclude(pk=revision.pk)
        .exclude(
            task_states__workflow_state__status__in=[
                WorkflowState.STATUS_IN_PROGRESS,
                WorkflowState.STATUS_NEEDS_CHANGES,
            ]
        )
    )
    deleted = 0
    for old in older:
        try:
            old.delete()
            deleted += 1
        except ProtectedError:
            continue
    PersonalDataFinding.objects.filter(page_id=page.pk, status=FindingStatus.FIXED).delete()
    return deleted


@receiver(page_published, dispatch_uid="anonymization_purge_revisions_on_publish")
def purge_revisions_on_publish(sender, instance, revision, **kwargs):
    if getattr(settings, "ENLACE_PURGE_REVISIONS_ON_PUBLISH", False) and is_library_item(type(instance)):
        purge_older_revisions(instance, revision)


for model in ("members.Membership", "members.User"):
    post_save.connect(forget_directory_names, sender=model, dispatch_uid=f"anonymization_names_saved_{model}")
    post_delete.connect(forget_directory_names, sender=model, dispatch_uid=f"anonymization_names_deleted_{model}")
