"""The record of documents used by revisions covers every page, not only library items (practices.documents).

The library's rows are kept (a library item's id is its page's id); event pages are recorded from their next saved
revision on. Until then a document an older revision of an event used is treated as used nowhere, which serves it to
editors only (or to the audience of its private collection).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0005_taxonomy_term_item_indexes"),
        ("wagtailcore", "0001_initial"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="librarydocumentuse", name="unique_library_document_use"),
        migrations.RenameModel(old_name="LibraryDocumentUse", new_name="DocumentUse"),
        migrations.AlterField(
            model_name="documentuse",
            name="page",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wagtailcore.page"
            ),
        ),
        migrations.AlterModelOptions(
            name="documentuse",
            options={"verbose_name": "document used by a page", "verbose_name_plural": "documents used by pages"},
        ),
        migrations.AddConstraint(
            model_name="documentuse",
            constraint=models.UniqueConstraint(fields=("page", "document"), name="unique_page_document_use"),
        ),
    ]
