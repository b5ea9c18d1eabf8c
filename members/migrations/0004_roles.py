"""The four roles of the network as groups, with the Wagtail permissions each needs and no more.

- Member: no admin permission at all; what members see is decided by members.access, not by permissions.
- Editor: the Wagtail admin, pages (library and events) and their documents and images, invitations.
- Vetter: the Wagtail admin, the vetting queue (view and decide on memberships), invitations.
- Administrator: accounts, roles, sites, locales, redirects, the whole page tree and collections, and vetting.

Wagtail's stock "Editors" and "Moderators" groups are left alone (other apps' migrations grant to them); the
network's roles are these four.
tests/members/test_roles.py pins every permission listed here.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PAGES = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ADMIN_PAGES = EDITOR_PAGES + ["bulk_delete_page"]
EDITOR_COLLECTIONS = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]
ADMIN_COLLECTIONS = EDITOR_COLLECTIONS + [
    "wagtaildocs.delete_document",
    "wagtailimages.delete_image",
    "wagtailcore.add_collection",
    "wagtailcore.change_collection",
    "wagtailcore.delete_collection",
]

ROLES = {
    "Member": {"model": [], "pages": [], "collections": []},
    "Editor": {
        "model": ["wagtailadmin.access_admin", "members.add_invitation", "members.view_invitation"],
        "pages": EDITOR_PAGES,
        "collections": EDITOR_COLLECTIONS,
    },
    "Vetter": {
        "model": [
            "wagtailadmin.access_admin",
            "members.view_membership",
            "members.vet_membership",
            "members.add_invitation",
            "members.view_invitation",
        ],
        "pages": [],
        "collections": [],
    },
    "Administrator": {
        "model": [
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
            "wagtailcore.add_site",
            "wagtailcore.change_site",
            "wagtailcore.delete_site",
            "wagtailcore.add_locale",
            "wagtailcore.change_locale",
            "wagtailcore.delete_locale",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
        ],
        "pages": ADMIN_PAGES,
        "collections": ADMIN_COLLECTIONS,
    },
}


def permission(apps, dotted):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([permission(apps, dotted) for dotted in grants["model"]])
        for codename in grants["pages"]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission(apps, f"wagtailcore.{codename}")
            )
        for dotted in grants["collections"]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(apps, dotted)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_specializations_and_languages"),
        # GroupPagePermission.permission (a foreign key to auth.Permission) exists from 0085 and replaces
        # permission_type, which stays NOT NULL until 0090 removes it: the grants below need 0090.
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "__latest__"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
