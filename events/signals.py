"""Signal handlers: the participants group mirrors the participants table; publication updates contributions;
an accepted event invitation registers the new member."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from events.models import Contribution, ContributionStatus, EventInvitation, EventParticipant, ExperiencePage


@receiver(post_save, sender=EventParticipant)
def add_to_participants_group(sender, instance, **kwargs):
    from events.participants import sync_group_member

    sync_group_member(instance, present=True)


@receiver(post_delete, sender=EventParticipant)
def remove_from_participants_group(sender, instance, **kwargs):
    from events.participants import sync_group_member

    sync_group_member(instance, present=False)


@receiver(page_published, sender=ExperiencePage)
def mark_contribution_published(sender, instance, **kwargs):
    Contribution.objects.filter(experience_id=instance.pk).update(status=ContributionStatus.PUBLISHED)


@receiver(page_unpublished, sender=ExperiencePage)
def mark_contribution_unpublished(sender, instance, **kwargs):
    Contribution.objects.filter(experience_id=instance.pk, status=ContributionStatus.PUBLISHED).update(
        status=ContributionStatus.SUBMITTED
    )


@receiver(post_save, sender="members.Invitation")
def register_invited_participant(sender, instance, **kwargs):
    """When an invitation sent for an event is accepted, its new member becomes a participant of the event."""
    if instance.accepted_at is None:
        return
    from django.contrib.auth import get_user_model

    from events.participants import register

    try:
        event_invitation = EventInvitation.objects.select_related("event").get(invitation=instance)
    except EventInvitation.DoesNotExist:
        return
    user = get_user_model().objects.filter(email__iexact=instance.email).first()
    if user is not None:
        register(event_invitation.event, user, registered_by=instance.invited_by, invited_at=instance.created_at)
