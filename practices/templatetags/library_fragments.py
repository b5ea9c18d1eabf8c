"""``{% library_fragment name key %}…{% endlibrary_fragment %}``: a library item's own text, rendered once.

``key`` comes from :func:`practices.reading.fragment_key`: ``None`` (members-only or restricted item, preview)
renders the content every time; otherwise the rendered HTML is kept in the cache under the item, its revision,
the language and the site's content generation, so a publication or any content change retires it.
"""

from django import template
from django.core.cache import cache

register = template.Library()

FRAGMENT_CACHE_SECONDS = 3600


class LibraryFragmentNode(template.Node):
    def __init__(self, nodelist, name, key):
        self.nodelist = nodelist
        self.name = name
        self.key = key

    def render(self, context):
        key = self.key.resolve(context)
        if key is None:
            return self.nodelist.render(context)
        cache_key = f"library-fragment:{self.name}:{key}"
        html = cache.get(cache_key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(cache_key, html, FRAGMENT_CACHE_SECONDS)
        return html


@register.tag
def library_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("usage: {% library_fragment name key %}…{% endlibrary_fragment %}")
    nodelist = parser.parse(("endlibrary_fragment",))
    parser.delete_first_token()
    return LibraryFragmentNode(nodelist, bits[1], parser.compile_filter(bits[2]))
