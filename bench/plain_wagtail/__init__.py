"""Stock Wagtail, as ``wagtail start`` gives it: the yardstick the benchmarks compare Enlace's pages with.

Installed only by ``config.settings.bench``; never part of the site.
"""
