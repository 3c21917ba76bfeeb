"""zhaodong_data: published figures, villages and ledgers of Zhaodong's village collective economy."""

__version__ = "0.1.0"
