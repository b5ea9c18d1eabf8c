"""Scale data for benchmarks: ``seed_demo --members N`` makes sure N fictional vetted members exist.

Bulk inserts (no signals, one hashed password shared by all), idempotent: members are keyed by a numbered
address ``scale.member<N>@enlace.example`` and only the missing ones are created.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from faker import Faker

from network.models import Country, Institution

from .factories import DEFAULT_PASSWORD
from .models import Membership, MembershipStatus, PractitionerType, Specialization, User, WorkingLanguage

BATCH = 1000


def seed(report, count):
    existing = set(
        User.objects.filter(email__startswith="scale.member", email__endswith="@enlace.example").values_list(
            "email", flat=True
        )
    )
    wanted = [f"scale.member{number}@enlace.example" for number in range(1, count + 1)]
    missing = [email for email in wanted if email not in existing]
    if not missing:
        return
    fake = Faker("es_MX")
    fake.seed_instance(len(existing))
    password = make_password(DEFAULT_PASSWORD)
    countries = list(Country.objects.filter(in_region=True))
    institutions = {}
    for institution in Institution.objects.all():
        institutions.setdefault(institution.country_id, []).append(institution)
    specializations = list(Specialization.objects.all())
    languages = {language.code: language for language in WorkingLanguage.objects.all()}
    types = list(PractitionerType.values)
    until = timezone.localdate() + datetime.timedelta(days=365)
    done = 0
    for start in range(0, len(missing), BATCH):
        chunk = missing[start : start + BATCH]
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(email=email, first_name=fake.first_name(), last_name=fake.last_name(), password=password)
                for email in chunk
            )
            EmailAddress.objects.bulk_create(
                EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
            )
            memberships = []
            for number, user in enumerate(users, start=start):
                country = countries[number % len(countries)]
                options = institutions.get(country.id) or [None]
                memberships.append(
                    Membership(
                        user=user,
                        status=MembershipStatus.VETTED,
                        vetted_until=until,
                        vetted_at=timezone.now(),
                        country=country,
                        institution=options[number % len(options)],
                        position=fake.job()[:200],
                        practitioner_type=types[number % len(types)],
                        phone=fake.numerify("+### #### ####"),
                        consent_listed=number % 10 != 0,
                    )
                )
            memberships = Membership.objects.bulk_create(memberships)
            Membership.specializations.through.objects.bulk_create(
                Membership.specializations.through(
                    membership_id=membership.pk, specialization_id=specializations[index % len(specializations)].pk
                )
                for index, membership in enumerate(memberships)
            )
            Membership.languages.through.objects.bulk_create(
                Membership.languages.through(membership_id=membership.pk, workinglanguage_id=languages[code].pk)
                for index, membership in enumerate(memberships)
                for code in (["es", "en"] if index % 3 == 0 else ["es"])
            )
        done += len(chunk)
        report.progress(done, len(missing), "fictional members")
    report.add(len(missing), "fictional members (scale)")
