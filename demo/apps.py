from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional Charlevoix territory that `make run` loads (`manage.py load_demo`)."""

    name = "demo"
    verbose_name = "Démo"
