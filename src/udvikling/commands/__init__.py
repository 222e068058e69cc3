"""One module per ``udv`` command, each with ``register(app)``; found by :mod:`udvikling.cli`."""
