"""Allow ``python -m udvikling``."""

from udvikling.launch import main

main()
