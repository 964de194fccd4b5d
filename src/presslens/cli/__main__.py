"""`python -m presslens.cli ...`: the same command as `presslens ...`."""

from presslens.cli.main import main

main()
