from django.apps import AppConfig


class DsiPortalConfig(AppConfig):
    """The project itself: what spans every app (the page cache)."""

    name = "dsi_portal"
    verbose_name = "DSI Charlevoix"

    def ready(self):
        from dsi_portal import pagecache

        pagecache.connect()
