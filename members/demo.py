"""Demo accounts for each role (printed by ``make run``) and a few applications waiting in the vetting queue.

People are fictional; institutions are the region's real public institutions, looked up (or created) by the
same (country, name) key the directory's reference data uses. Idempotent: accounts are keyed by e-mail address.
Each full member has a fixed TOTP secret, printed so the demo user can add it to an authenticator app.
"""

import base64

from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.db import transaction

from network.models import Country, Institution, InstitutionType

from .factories import DEFAULT_PASSWORD, MembershipFactory, activate_totp
from .models import ApplicationFlag, Membership

INSTITUTIONS = {
    ("MX", "Fiscalía General de la República"): (InstitutionType.PROSECUTION, "FGR", "fgr.org.mx"),
    ("GT", "Ministerio Público"): (InstitutionType.PROSECUTION, "MP", "mp.gob.gt"),
    ("SV", "Fiscalía General de la República"): (InstitutionType.PROSECUTION, "FGR", "fiscalia.gob.sv"),
    ("HN", "Ministerio Público"): (InstitutionType.PROSECUTION, "MP", "mp.hn"),
    ("PA", "Ministerio Público"): (InstitutionType.PROSECUTION, "MP", "ministeriopublico.gob.pa"),
    ("CR", "Ministerio Público"): (InstitutionType.PROSECUTION, "MP", "poder-judicial.go.cr"),
}

# role label, e-mail, first name, last name, (country, institution), position, groups, superuser
ACCOUNTS = [
    ("Administrator", "admin@enlace.example", "Adriana", "Demo Administradora", ("PA", "Ministerio Público"),
     "Coordinadora de la red", ["Administrator"], True),
    ("Vetter", "vetter@enlace.example", "Víctor", "Demo Verificador", ("GT", "Ministerio Público"),
     "Fiscal de enlace", ["Vetter"], False),
    ("Editor", "editor@enlace.example", "Elena", "Demo Editora", ("CR", "Ministerio Público"),
     "Capacitadora", ["Editor"], False),
    ("Member", "member@enlace.example", "Mario", "Demo Miembro", ("MX", "Fiscalía General de la República"),
     "Agente del Ministerio Público Federal", ["Member"], False),
]  # fmt: skip

# Applications waiting for a decision, each showing something vetters must check.
APPLICATIONS = [
    ("applicant@enlace.example", "Ana", "Demo Solicitante", ("HN", "Ministerio Público"), "Fiscal", "", [], ""),
    ("r.fictional@gmail.example", "Rafael", "Ficticio Ramírez", ("SV", "Fiscalía General de la República"),
     "Fiscal auxiliar", "", [ApplicationFlag.EMAIL_DOMAIN], "Víctor Demo Verificador"),
    ("l.ficticia@trata.example", "Laura", "Ficticia Gómez", ("MX", None), "Investigadora",
     "Unidad Especializada contra la Trata, Tapachula", [ApplicationFlag.NEW_INSTITUTION, ApplicationFlag.EMAIL_DOMAIN],
     ""),
]  # fmt: skip


def demo_secret(email):
    """A fixed TOTP secret per demo account, so a second run keeps the authenticator app working."""
    return base64.b32encode(email.encode().ljust(20, b"=")[:20]).decode()


def institution(key):
    code, name = key
    if name is None:
        return None
    kind, acronym, domains = INSTITUTIONS[key]
    found, _created = Institution.objects.get_or_create(
        country=Country.objects.get(code=code),
        name=name,
        defaults={"institution_type": kind, "acronym": acronym, "email_domains": domains},
    )
    return found


@transaction.atomic
def seed(report, **options):
    created = 0
    for role, email, first, last, place, position, groups, superuser in ACCOUNTS:
        membership = Membership.objects.filter(user__email=email).first()
        if membership is None:
            membership = MembershipFactory(
                vetted=True,
                user__email=email,
                user__first_name=first,
                user__last_name=last,
                user__is_superuser=superuser,
                user__is_staff=superuser,
                country=Country.objects.get(code=place[0]),
                institution=institution(place),
                position=position,
                specializations=["trafficking", "smuggling"],
                languages=["es", "en"],
            )
            membership.user.groups.set(Group.objects.filter(name__in=groups))
            created += 1
        if not Authenticator.objects.filter(user=membership.user, type=Authenticator.Type.TOTP).exists():
            activate_totp(membership.user, demo_secret(email))
        report.account(role, email, f"{DEFAULT_PASSWORD}  TOTP {demo_secret(email)}")
    report.add(created, "demo accounts (one per role)")

    created = 0
    for email, first, last, place, position, proposed, flags, endorser in APPLICATIONS:
        if Membership.objects.filter(user__email=email).exists():
            continue
        MembershipFactory(
            user__email=email,
            user__first_name=first,
            user__last_name=last,
            country=Country.objects.get(code=place[0]),
            institution=institution(place),
            proposed_institution=proposed,
            position=position,
            flags=[str(flag.value) for flag in flags],
            endorser_name=endorser,
        )
        created += 1
    report.add(created, "pending applications")
    report.account("Applicant", "applicant@enlace.example", DEFAULT_PASSWORD)
