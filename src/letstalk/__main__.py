"""Run letstalk with ``python -m letstalk``."""

from letstalk.cli import main

raise SystemExit(main())
