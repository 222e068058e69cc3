"""Allow ``python -m udvikling``."""

from udvikling.cli import main

main()
