"""Entry point frozen into the bundle: the same launcher as the `squaddesk` console script."""

from ui.launcher import main

raise SystemExit(main())
