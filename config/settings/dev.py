"""Local development: `make run`. Debug pages on, HTTP, everything embedded."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# Static files from app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
