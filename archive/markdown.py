"""Markdown meeting notes -> the plain lines the readers know: headings as items ('## 1. Title' or, unnumbered,
numbered by position), '### Beslut' as a section, bullets, tables as tab-separated rows, links as their
text. Sections that are not items (attendance, action points) keep headings the readers understand.
"""

from __future__ import annotations

import re

from . import rules

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
AUTOLINK = re.compile(r"<(https?://[^>]+)>")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
BULLET = re.compile(r"^(\s*)[*+-]\s+")
QUOTE = re.compile(r"^\s*>\s?")
SPECIAL = {e.key.lower(): e.mapped for e in rules.entries("markdown_sections")}
SPECIAL_START = re.compile(rf"^({rules.alternation(e.key for e in rules.entries('markdown_sections'))})\b", re.IGNORECASE)
ACTIONS_HEADING = "Att göra:"


def is_markdown(text: str, source: str = "") -> bool:
    """A .md file, or text whose headings are Markdown's."""
    if source.lower().endswith(".md"):
        return True
    return sum(1 for line in text.splitlines()[:400] if re.match(r"^#{2,3}\s+\S", line)) >= 2


def from_markdown(text: str) -> str:
    """The notes as plain lines: the introduction and attendance first, the items, the action points last."""
    front: list[str] = []
    items: list[str] = []
    actions: list[str] = []
    target = front
    number = 0
    in_table = False  # the rows of a table go on while lines have cells
    for raw in text.splitlines():
        if TABLE_RULE.match(raw) and "|" in raw:
            continue
        line = QUOTE.sub("", LINK.sub(lambda m: m.group(1), AUTOLINK.sub(lambda m: m.group(1), raw)))
        if heading := HEADING.match(line):
            level, title = len(heading.group(1)), heading.group(2).strip("* ")
            kind = _special(title)
            if kind == "actions":
                target = actions
                target.append(ACTIONS_HEADING)
            elif kind == "attendance":
                target = front
                target.append(f"{title.rstrip(':')}:")
            elif level == 1 or level > 2:
                target.append(f"{title.rstrip(':')}:" if level > 2 else title)
            else:
                target = items
                numbered = NUMBERED.match(title)
                number = int(numbered.group(1)) if numbered else number + 1
                target.extend(["", f"{number}. {numbered.group(2) if numbered else title}"])
            continue
        in_table = "|" in line and (line.strip().startswith("|") or line.count(" | ") >= 2 or in_table)
        if in_table:
            line = "\t".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        target.append(BULLET.sub(lambda m: m.group(1) + "• ", line))
    return "\n".join(front + items + actions)


def _special(title: str) -> str | None:
    match = SPECIAL_START.match(title)
    return SPECIAL[match.group(1).lower()] if match else None
