"""`make bench`: build the territory at three scales, serve it with gunicorn, load it, report."""
