"""The four roles carry exactly the Wagtail permissions they need, no more (a change here must be deliberate)."""

import pytest
from django.contrib.auth.models import Group

EDITOR_PAGES = {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
EDITOR_COLLECTIONS = {
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
}

EXPECTED = {
    "Member": {"model": set(), "pages": set(), "collections": set()},
    "Editor": {
        "model": {"wagtailadmin.access_admin", "members.add_invitation", "members.view_invitation"},
        "pages": EDITOR_PAGES,
        "collections": EDITOR_COLLECTIONS,
    },
    "Vetter": {
        "model": {
            "wagtailadmin.access_admin",
            "members.view_membership",
            "members.vet_membership",
            "members.add_invitation",
            "members.view_invitation",
        },
        "pages": set(),
        "collections": set(),
    },
    "Administrator": {
        "model": {
            "wagtailadmin.access_admin",
            "members.add_user",
            "members.change_user",
            "members.delete_user",
            "members.view_user",
            "auth.add_group",
            "auth.change_group",
            "auth.delete_group",
            "auth.view_group",
            "members.view_membership",
            "members.change_membership",
            "members.vet_membership",
            "members.add_invitation",
            "members.view_invitation",
            # The members' outbox (migration 0008): see it, send an e-mail again or cancel it.
            "members.view_outgoingemail",
            "members.change_outgoingemail",
            "wagtailcore.add_site",
            "wagtailcore.change_site",
            "wagtailcore.delete_site",
            "wagtailcore.add_locale",
            "wagtailcore.change_locale",
            "wagtailcore.delete_locale",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
        },
        "pages": EDITOR_PAGES | {"bulk_delete_page"},
        "collections": EDITOR_COLLECTIONS
        | {
            "wagtaildocs.delete_document",
            "wagtailimages.delete_image",
            "wagtailcore.add_collection",
            "wagtailcore.change_collection",
            "wagtailcore.delete_collection",
        },
    },
}

# Other apps may grant their own models' permissions to a role in their migrations (the network app lets
# Vetters manage focal-point designations, for instance); this test pins what the members app grants.
PINNED_APPS = {"members", "auth", "wagtailadmin", "wagtailcore", "wagtailredirects", "wagtaildocs", "wagtailimages"}


def granted(group):
    model = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
        if p.content_type.app_label in PINNED_APPS
    }
    pages = {
        gp.permission.codename
        for gp in group.page_permissions.select_related("permission", "page")
        if gp.page.depth == 1
    }
    collections = {
        f"{gc.permission.content_type.app_label}.{gc.permission.codename}"
        for gc in group.collection_permissions.select_related("permission__content_type")
    }
    return {"model": model, "pages": pages, "collections": collections}


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_has_exactly_its_permissions(role):
    assert granted(Group.objects.get(name=role)) == EXPECTED[role]


@pytest.mark.django_db
def test_only_editors_vetters_and_administrators_reach_the_wagtail_admin(django_user_model):
    from members.factories import UserFactory

    for role, can_enter in [("Member", False), ("Editor", True), ("Vetter", True), ("Administrator", True)]:
        user = UserFactory()
        user.groups.add(Group.objects.get(name=role))
        user = django_user_model.objects.get(pk=user.pk)
        assert user.has_perm("wagtailadmin.access_admin") is can_enter, role


@pytest.mark.django_db
def test_members_cannot_decide_on_applications_but_vetters_can():
    from members.factories import UserFactory

    member, vetter = UserFactory(), UserFactory()
    member.groups.add(Group.objects.get(name="Member"))
    vetter.groups.add(Group.objects.get(name="Vetter"))
    assert not type(member).objects.get(pk=member.pk).has_perm("members.vet_membership")
    assert type(vetter).objects.get(pk=vetter.pk).has_perm("members.vet_membership")
