"""The one way Enlace writes to a member: in their language, from templates/members/email/.

Each message is two templates, ``<name>_subject.txt`` and ``<name>_message.txt``, rendered with the member's
language active (``Membership.language``, or the language passed for people without a membership yet).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def member_language(user):
    membership = getattr(user, "membership", None)
    return membership.language if membership is not None else settings.LANGUAGE_CODE


def send_to_member(user, template, context=None, *, language=None, to=None):
    """Send ``template`` to ``user`` (or to the address ``to``) in their language; return the message sent."""
    language = language or member_language(user)
    with translation.override(language):
        context = {"user": user, "site_url": settings.WAGTAILADMIN_BASE_URL, "language": language, **(context or {})}
        subject = " ".join(render_to_string(f"members/email/{template}_subject.txt", context).split())
        body = render_to_string(f"members/email/{template}_message.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[to or user.email])
    message.send()
    return message
