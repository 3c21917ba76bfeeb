"""How many examples a property test draws: the count written at the test in an ordinary run,
ten times it under HYPOTHESIS_PROFILE=thorough (`make test-all`). A count written in
`@settings(max_examples=...)` would otherwise override the profile's."""

import os

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"


def examples(count: int) -> int:
    return count * 10 if THOROUGH else count
