"""How decision kinds and collective decisions read on the pages (Swedish labels; the API keeps English values)."""

from __future__ import annotations

import re

from flask import Flask
from markupsafe import Markup, escape

from archive.model import DECISION_KIND_LABELS, slug

KIND_LABELS = {kind: label.capitalize() for kind, label in DECISION_KIND_LABELS.items()}
COUNTED = {"substantive": "beslut i sak", "assignment": "uppdrag", "proposal": "förslag till annat organ",
           "formality": "formella beslut"}  # '14 beslut i sak', '30 formella beslut'
RANGE = re.compile(r"[^\s,]+[–-][^\s,]+")  # '6a–6d', '10.1–10.4'
KIND_PARAMETERS = {"sak": "substantive", "uppdrag": "assignment", "forslag": "proposal", "formalia": "formality"}


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(kind_label=kind_label, collective_label=collective_label, item_anchor=item_anchor)
    app.jinja_env.globals.update(kind_labels=KIND_LABELS, counted=COUNTED)


def kind_label(kind: str | None, to_organ: str | None = None) -> str:
    """'assignment' -> 'Uppdrag'; a proposal names its organ: 'Förslag till Kommunfullmäktige'."""
    if kind == "proposal" and to_organ:
        return f"Förslag till {to_organ}"
    return KIND_LABELS.get(kind or "", "Beslut")


def collective_label(span: str | None) -> Markup:
    """'6a–6d' -> 'gemensamt för punkt 6a–6d'; one sub-item: 'för punkt 10.1'. A range never breaks at its
    dash (a phone would leave '6a–' at the end of one line and '6d)' on the next)."""
    if not span:
        return Markup("")
    shared = any(separator in span for separator in ("–", ",", " och "))
    kept = RANGE.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', str(escape(span)))
    return Markup(f"gemensamt för punkt\u00a0{kept}" if shared else f"för punkt\u00a0{kept}")


def item_anchor(number: str) -> str:
    """An item's fragment on its meeting page: '6a' -> 'punkt-6a' (as Item.anchor)."""
    return f"punkt-{slug(number)}"
