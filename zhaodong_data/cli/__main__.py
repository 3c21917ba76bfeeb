"""`python -m zhaodong_data.cli`: the `zhaodong` command."""

import sys

from . import main

sys.exit(main())
