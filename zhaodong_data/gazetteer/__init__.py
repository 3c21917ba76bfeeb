"""Towns and villages of Zhaodong (NBS division codes) and name matching."""

from .matching import Gazetteer, Match, load_gazetteer, town_key, village_key

__all__ = ["Gazetteer", "Match", "load_gazetteer", "town_key", "village_key"]
