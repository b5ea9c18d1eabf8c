"""A mail server that is down, for the tests of what still works during an outage (the fixture is registered in
``tests/conftest.py``): Django's real SMTP backend pointed at a closed port on 127.0.0.1, then the server back and
the periodic retry (``send_pending_emails``) run a little later."""

import datetime
import socket

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

LATER = datetime.timedelta(minutes=6)


@pytest.fixture
def mail_server_down(settings):
    """Django's SMTP backend, pointed at a port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return settings


def server_is_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []


def retry(later=LATER):
    with time_machine.travel(later):
        call_command("send_pending_emails")


def no_address_logged(caplog, *addresses):
    text = "\n".join(record.getMessage() for record in caplog.records)
    return not any(address in text for address in addresses)
