"""How each layer looks to a reader: one name and one colour, shared by every output.

The terminal brief, the HTML report and the web app all take their layer names
and colours from `LOOKS`, so "Quotes" is the same green and "Translation traces"
the same name everywhere. The colours are the Okabe-Ito palette, told apart by
readers with the common forms of colour blindness.

`DEFAULT_SHOWN` are the layers highlighted in the article when a report or the
web app opens; the others are one click away. Names and dates are everywhere
in a news text and would underline every line; techniques stay off until the
layer's display threshold is calibrated (the techniques issue), since seven of
ten highlighted technique spans were wrong on unseen articles.

>>> LOOKS["artifacts"].name
'Translation traces'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Look:
    """One layer's name and colour (`#rrggbb`) for readers."""

    layer: str
    name: str
    colour: str


#: In the order outputs list them.
LOOKS: dict[str, Look] = {
    look.layer: look
    for look in (
        Look("document", "Document", "#56606d"),
        Look("entities", "Names", "#7b8794"),
        Look("quotes", "Quotes", "#009e73"),
        Look("claims", "Claims", "#0072b2"),
        Look("timeline", "Dates", "#8e44ad"),
        Look("techniques", "Techniques", "#d55e00"),
        Look("artifacts", "Translation traces", "#e69f00"),
    )
}

DEFAULT_SHOWN: frozenset[str] = frozenset({"document", "quotes", "claims", "artifacts"})


def layer_css() -> str:
    """CSS custom properties `--<layer>` with each layer's colour (report and web app)."""
    lines = [f"  --{look.layer}: {look.colour};" for look in LOOKS.values()]
    return ":root {\n" + "\n".join(lines) + "\n}\n"
