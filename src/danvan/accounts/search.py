"""Searching users by name whatever the case and diacritics ("lò thị", "LO THI" find
"Lò Thị"): a folded key per user, refreshed whenever the user is saved."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.db.models.signals import post_save
from django.dispatch import receiver

from danvan.core.text import fold
from danvan.orgunits.models import search_folded

from .models import UserSearchKey


def user_key(user) -> str:
    text = f"{user.username} {user.first_name} {user.last_name} {user.last_name} {user.first_name}"
    return fold(f"{text} {user.email}")[:300]


@receiver(post_save, sender=get_user_model())
def _refresh_key(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    UserSearchKey.objects.update_or_create(
        user=instance, defaults={"search_key": user_key(instance)}
    )


def search_users(qs: QuerySet, text: str) -> QuerySet:
    """Users of `qs` whose username, names or e-mail hold every word of `text`, folded."""
    matching = search_folded(UserSearchKey.objects.all(), text).values("user_id")
    return qs.filter(Q(pk__in=matching) | Q(username__icontains=text.strip()))
