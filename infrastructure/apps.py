from django.apps import AppConfig


class InfrastructureConfig(AppConfig):
    """What every app uses and none owns: the page cache, the email outbox, access helpers,
    versioned records, periods, pagination, the health endpoint and the error pages."""

    name = "infrastructure"
    verbose_name = "Infrastructure"

    def ready(self):
        from infrastructure import collation, pagecache, record_lock, search

        collation.connect()
        pagecache.connect()
        record_lock.connect()
        search.connect()
