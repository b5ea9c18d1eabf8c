"""Template helpers of the network: bilingual fields and a member's own directory statistics."""

from django import template
from django.utils.translation import get_language_info

from network import audit, directory
from network.models.reference import in_active_language

register = template.Library()


@register.filter
def localized(obj, base):
    """``{{ sheet|localized:"legal_requirements" }}``: the field in the reader's language (or the other one)."""
    return in_active_language(obj, base)


@register.simple_tag
def times_viewed(user):
    """``{% times_viewed request.user %}``: how many times colleagues opened this member's contact details."""
    return audit.times_viewed(user)


@register.filter
def contact_token(user):
    """``{% url 'network:contact' member.user|contact_token %}``: the unguessable identifier of a contact."""
    return directory.contact_token(user)


@register.filter
def language_names(codes):
    """``{{ "es en"|language_names }}`` → "Spanish, English" in the reader's language."""
    names = []
    for code in str(codes or "").split():
        try:
            names.append(str(get_language_info(code)["name_translated"]))
        except KeyError:
            names.append(code)
    return ", ".join(names)
