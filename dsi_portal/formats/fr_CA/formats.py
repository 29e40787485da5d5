"""Québec French date and time formats: Django 5.2's fr_CA leaves the « h » of « 13 h 40 »
unescaped, so that it prints the hour again on a 12-hour clock (« 13 01 40 »); and the
hour takes no leading zero (« 9 h 05 », Office québécois de la langue française).

No format gives the « 1er » of the first day of the month: the pages show dates through the
filters of infrastructure.display (`{% load display %}`: `day`, `moment`, `hour`…), which add
it. SHORT_DATE_FORMAT stays ISO (Django's fr_CA) for what machines read; no page uses it."""

TIME_FORMAT = "G\xa0\\h\xa0i"  # 13 h 40, 9 h 05
DATETIME_FORMAT = "j F Y, G\xa0\\h\xa0i"  # 31 janvier 2024, 13 h 40
SHORT_DATETIME_FORMAT = "Y-m-d G\xa0\\h\xa0i"
