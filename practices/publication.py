"""How an approved library review publishes, named in ``WAGTAIL_FINISH_WORKFLOW_ACTION``.

Wagtail imports this setting while its own models load, so this module imports nothing at the top.
"""


def publish_approved(workflow_state, user=None):
    """Publish the latest revision of the object whose workflow was just approved.

    Wagtail's default asks whether the approving user may publish; library items answer no to everyone (see
    :mod:`practices.permissions`), because the approval *is* the permission. Other pages keep the default check.
    """
    from practices.models import LibraryItemPage

    content_object = workflow_state.content_object
    revision = content_object.get_latest_revision()
    # The workflow state points at the base Page row; the kind decides.
    is_library_item = isinstance(getattr(content_object, "specific", content_object), LibraryItemPage)
    return revision.publish(user=user, skip_permission_checks=is_library_item)
