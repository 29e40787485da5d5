"""Dates, times, numbers and elision as a Québec reader reads them ({% load display %}):
`|day` « 1er décembre 2026 », `|weekday` « samedi 4 juillet 2026 », `|day_month`
« 1er décembre », `|moment` « 1er décembre 2026, 12 h 31 », `|weekday_moment`, `|hour`
« 12 h 31 », `|dated` either of `day` and `moment` by the value, `|unbroken` « 40 000 kg »
that no line breaks, `|de` « d’Isabelle » for a sentence whose French reads « Présence
%(name)s », `label|before:name` a label ending in « de » elided before the name (« relève
d’ »), and `{% colon %}` « : » after a non-breaking space in French. English keeps English
conventions. The functions are infrastructure.display's, which the history pages use too."""

from django import template

from infrastructure import display

register = template.Library()

for function in (
    display.day,
    display.weekday,
    display.day_month,
    display.moment,
    display.weekday_moment,
    display.hour,
    display.dated,
    display.de,
):
    register.filter(function.__name__, function, expects_localtime=False)
register.filter("before", display.before)
register.simple_tag(display.colon, name="colon")
register.filter("unbroken", display.unbroken_numbers, is_safe=True)
