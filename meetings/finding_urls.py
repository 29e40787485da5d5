"""Ways to find meetings and records again: calendar feeds, search, the assembly report."""

urlpatterns = []
