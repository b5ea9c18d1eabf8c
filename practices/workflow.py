"""The library's editorial workflow: submit → (anonymization check) → editor review → publish.

One Wagtail workflow, "Library review", is assigned to every library index page, so it applies to every item
below it. Publication happens only when its last task is approved: library items refuse direct publication
(see :mod:`practices.permissions`), and with ``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` any edit during
review sends the item through every task again.

Publishing on approval: ``WAGTAIL_FINISH_WORKFLOW_ACTION`` names
:func:`practices.publication.publish_approved`, which publishes a library item's approved revision even though
nobody may publish it directly.

Where the anonymization check goes: :func:`review_tasks` builds the ordered task list. It asks the
anonymization package for its task first (``practices.anonymization.workflow.anonymization_check_task()``,
which returns a saved :class:`wagtail.models.Task`); until that module exists the workflow has the editor
review alone. :func:`ensure_library_workflow` is idempotent and re-orders an existing workflow, so running it
again (``seed_demo`` does, and creating a library index does) puts a newly delivered check in first place.
"""

from importlib import import_module

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Task, Workflow, WorkflowPage, WorkflowTask

WORKFLOW_NAME = "Library review"
EDITOR_REVIEW_TASK_NAME = "Editor review"
# The network's editor role (created by members' roles migration); get_or_create keeps this module usable alone.
EDITOR_ROLE = "Editor"

# Names as they appear in the admin; the msgids are here so they are translated.
DISPLAY_NAMES = {WORKFLOW_NAME: _("Library review"), EDITOR_REVIEW_TASK_NAME: _("Editor review")}


def editor_review_task():
    """The approval of an editor (the network's Editor role): the last step, which publishes."""
    editors, _created = Group.objects.get_or_create(name=EDITOR_ROLE)
    task = GroupApprovalTask.objects.filter(name=EDITOR_REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=EDITOR_REVIEW_TASK_NAME)
    task.groups.add(editors)
    return task


def checks_before_review():
    """Automated checks that run before an editor looks at an item: the anonymization check when delivered."""
    try:
        anonymization = import_module("practices.anonymization.workflow")
    except ModuleNotFoundError:
        return []
    task = anonymization.anonymization_check_task()
    return [task] if task is not None else []


def review_tasks():
    """The library workflow's tasks, in order: automated checks first, then the editor's review."""
    return [*checks_before_review(), editor_review_task()]


@transaction.atomic
def ensure_library_workflow():
    """Create or update "Library review" with :func:`review_tasks` in order, assign it to every library index."""
    from practices.models import LibraryIndexPage

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    tasks = review_tasks()
    wanted_ids = [task.pk for task in tasks]
    WorkflowTask.objects.filter(workflow=workflow).exclude(task_id__in=wanted_ids).delete()
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    for index_page in LibraryIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
    return workflow


def task_names(workflow):
    """The names of a workflow's active tasks in order (for the admin, the tests and the import summary)."""
    return list(
        Task.objects.filter(workflow_tasks__workflow=workflow, active=True)
        .order_by("workflow_tasks__sort_order")
        .values_list("name", flat=True)
    )
