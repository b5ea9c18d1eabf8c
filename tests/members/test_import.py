"""import_members: focal points nominated by their institutions, all or nothing, every error with its line."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import translation

from members.models import JoinedVia, Membership, MembershipStatus
from network.models import Country, Institution

pytestmark = pytest.mark.django_db

HEADER = "email,first_name,last_name,country,institution,position,practitioner_type,languages,phone,status\n"


@pytest.fixture
def institutions():
    Institution.objects.create(
        name="Ministerio Público", acronym="MP", institution_type="prosecution", country=Country.objects.get(code="GT")
    )
    Institution.objects.create(
        name="Fiscalía General de la República",
        acronym="FGR",
        institution_type="prosecution",
        country=Country.objects.get(code="MX"),
    )


def write(tmp_path, *rows):
    path = tmp_path / "members.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


GOOD_GT = "lucia.fict@mp.gob.gt,Lucía,Ficticia,GT,MP,Fiscal,prosecutor,es,+502 2411 9191,vetted"
GOOD_MX = (
    "pedro.fict@fgr.org.mx,Pedro,Ficticio,MX,Fiscalía General de la República,Agente,police_investigator,en;es,,"
    "applicant"
)


def test_a_valid_file_imports_every_member_and_sends_set_password_mails(tmp_path, institutions):
    call_command("import_members", str(write(tmp_path, GOOD_GT, GOOD_MX)))
    lucia = Membership.objects.get(user__email="lucia.fict@mp.gob.gt")
    pedro = Membership.objects.get(user__email="pedro.fict@fgr.org.mx")
    assert lucia.status == MembershipStatus.VETTED and lucia.is_vetted
    assert pedro.status == MembershipStatus.APPLICANT
    assert lucia.joined_via == pedro.joined_via == JoinedVia.IMPORT
    assert pedro.language == "en"
    assert not lucia.user.has_usable_password()
    assert sorted(m.to[0] for m in mail.outbox) == ["lucia.fict@mp.gob.gt", "pedro.fict@fgr.org.mx"]
    pedro_mail = next(m for m in mail.outbox if m.to == ["pedro.fict@fgr.org.mx"])
    assert "/en/accounts/password/reset/key/" in pedro_mail.body
    assert pedro_mail.subject == "Your Enlace account: choose a password"


def test_any_bad_row_imports_nothing_and_every_error_names_its_line(tmp_path, institutions):
    path = write(
        tmp_path,
        GOOD_GT,
        "bad-address,Ana,Ficticia,GT,MP,Fiscal,prosecutor,es,,vetted",
        "ana@example.org,Ana,Ficticia,XX,MP,Fiscal,prosecutor,es,,vetted",
        "rosa@example.org,Rosa,Ficticia,GT,Unknown Unit,Fiscal,prosecutor,es,,vetted",
        "juan@example.org,Juan,Ficticio,GT,MP,Fiscal,wizard,kl,,boss",
    )
    with pytest.raises(CommandError) as failure, translation.override("en"):
        call_command("import_members", str(path))
    message = str(failure.value)
    assert "line 3: email" in message
    assert "line 4: country" in message
    assert "line 5: institution" in message
    assert "line 6: practitioner_type" in message
    assert "line 6: languages" in message
    assert "line 6: status" in message
    assert "line 2" not in message
    assert not Membership.objects.exists()
    assert mail.outbox == []


def test_duplicates_in_the_file_or_the_database_are_errors(tmp_path, institutions):
    from members.factories import UserFactory

    UserFactory(email="pedro.fict@fgr.org.mx")
    with pytest.raises(CommandError) as failure, translation.override("en"):
        call_command("import_members", str(write(tmp_path, GOOD_GT, GOOD_GT, GOOD_MX)))
    assert "line 3: email: same address as line 2" in str(failure.value)
    assert "line 4: email" in str(failure.value)
    assert not Membership.objects.exists()


def test_dry_run_checks_the_file_and_changes_nothing(tmp_path, institutions, capsys):
    call_command("import_members", str(write(tmp_path, GOOD_GT, GOOD_MX)), "--dry-run")
    assert "2 member(s) would be imported" in capsys.readouterr().out
    assert not Membership.objects.exists()
    assert mail.outbox == []
