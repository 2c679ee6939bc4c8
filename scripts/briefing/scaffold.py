"""Take a command (`briefing new paper|theme`, `briefing theme export-dotx`), produce the files."""

from __future__ import annotations


def add_commands(sub) -> None:
    pass
