"""Signal handlers: the participants group mirrors the participants table; publication updates contributions;
an accepted event invitation registers the new member."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from events.models import Contribution, ContributionStatus, EventParticipant, ExperiencePage


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
    """When an invitation sent for an event is accepted by someone already vetted, they take part at once;
    an applicant takes part once approved (:func:`sync_participation_with_vetting`)."""
    if instance.accepted_at is None:
        return
    from django.contrib.auth import get_user_model

    from events.participants import register_invited

    user = get_user_model().objects.filter(email__iexact=instance.email).select_related("membership").first()
    if user is not None:
        register_invited(user)


@receiver(post_save, sender="members.Membership")
def sync_participation_with_vetting(sender, instance, **kwargs):
    """Approval registers the invited applicant; any change of state puts the member in or out of the groups of
    their events (only vetted members are in them)."""
    from events.participants import sync_member_groups

    user = instance.user
    user.membership = instance  # the state just saved, not a cached older one
    sync_member_groups(user)
