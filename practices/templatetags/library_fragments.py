"""``{% library_fragment name key %}…{% endlibrary_fragment %}``: a library item's own text, rendered once.

``key`` comes from :func:`practices.reading.fragment_key`: ``None`` (members-only or restricted item, preview)
renders the content every time; otherwise the rendered HTML is kept in the cache under the name, the item, its
revision and the language, with the site's content generation it was rendered in (``library_fragments`` in the
context, :class:`practices.reading.Fragments`, which read it with the page's other cache entries), so a
publication or any content change retires it. Without ``library_fragments`` nothing is cached.
"""

from django import template

register = template.Library()


class LibraryFragmentNode(template.Node):
    def __init__(self, nodelist, name, key):
        self.nodelist = nodelist
        self.name = name
        self.key = key

    def render(self, context):
        key = self.key.resolve(context)
        fragments = context.get("library_fragments")
        if key is None or fragments is None:
            return self.nodelist.render(context)
        html = fragments.get(self.name, key)
        if html is None:
            html = self.nodelist.render(context)
            fragments.set(self.name, key, html)
        return html


@register.tag
def library_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("usage: {% library_fragment name key %}…{% endlibrary_fragment %}")
    nodelist = parser.parse(("endlibrary_fragment",))
    parser.delete_first_token()
    return LibraryFragmentNode(nodelist, bits[1], parser.compile_filter(bits[2]))
