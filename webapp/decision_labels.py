"""How decision kinds and collective decisions read on the pages (Swedish labels; the API keeps English values)."""

from __future__ import annotations

from flask import Flask

from archive.model import DECISION_KIND_LABELS, slug

KIND_LABELS = {kind: label.capitalize() for kind, label in DECISION_KIND_LABELS.items()}
COUNTED = {"substantive": "beslut i sak", "assignment": "uppdrag", "proposal": "förslag till annat organ",
           "formality": "formella beslut"}  # '14 beslut i sak', '30 formella beslut'
KIND_PARAMETERS = {"sak": "substantive", "uppdrag": "assignment", "forslag": "proposal", "formalia": "formality"}


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(kind_label=kind_label, collective_label=collective_label, item_anchor=item_anchor)
    app.jinja_env.globals.update(kind_labels=KIND_LABELS, counted=COUNTED)


def kind_label(kind: str | None, to_organ: str | None = None) -> str:
    """'assignment' -> 'Uppdrag'; a proposal names its organ: 'Förslag till Kommunfullmäktige'."""
    if kind == "proposal" and to_organ:
        return f"Förslag till {to_organ}"
    return KIND_LABELS.get(kind or "", "Beslut")


def collective_label(span: str | None) -> str:
    """'6a–6d' -> 'gemensamt för punkt 6a–6d'; one sub-item: 'för punkt 10.1'."""
    if not span:
        return ""
    shared = any(separator in span for separator in ("–", ",", " och "))
    return f"gemensamt för punkt {span}" if shared else f"för punkt {span}"


def item_anchor(number: str) -> str:
    """An item's fragment on its meeting page: '6a' -> 'punkt-6a' (as Item.anchor)."""
    return f"punkt-{slug(number)}"
