"""A badge a cluster shows on its website: its best label and until when.

The words follow from the cluster's status on a day (docs: *Watching a
portfolio*): the highest valid tier and its end (``ECEI Gold | valid until
2027-05``); else the best tier in its renewal window (``ECEI Silver |
expired, renewable until 2027-04``); else ``ECEI | no valid label``. An end
on the last day of its month is written as the month, any other as the day
(so ``2027-05`` never claims days the label does not have). The badge is
the shields.io endpoint document (https://shields.io/badges/endpoint-badge)
or a small SVG of the same words, in the language asked for (the month and
the day as that language writes them: ``ECEI Guld | gyldig til maj 2027``).

>>> import datetime as dt
>>> from cluster_excellence import Cluster, GoldAudit, badge, cluster_status
>>> ocean = Cluster("ocean", "Ocean", [GoldAudit(dt.date(2021, 9, 22), score=99.0)])
>>> b = badge(cluster_status(ocean, dt.date(2022, 1, 1)))
>>> print(b)
ECEI Gold | valid until 2023-09
>>> b.to_dict()
{'schemaVersion': 1, 'label': 'ECEI Gold', 'message': 'valid until 2023-09', 'color': '8a6d00'}
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import attrs

from .._checks import failure, is_text
from .._results import escape
from .._text import show
from .._words import Language, Message
from .._words import language as _language
from ..model.tiers import Tier
from ..rules.labels import Status
from ..rules.status import ClusterStatus

__all__ = ["COLOURS", "Badge", "badge"]

#: The message side's colour (hex, no ``#``) for each tier and for the other states; each
#: keeps white text at a contrast of at least 4.5:1 (WCAG 2.2, 1.4.3). Our choice.
COLOURS: dict[Tier | str, str] = {
    Tier.GOLD: "8a6d00",
    Tier.SILVER: "5b6770",
    Tier.BRONZE: "8c4f1f",
    "expired": "b04a00",
    "none": "666666",
}
_LABEL_COLOUR = "555555"


def _hex_colour(instance: Any, attribute: Any, value: Any) -> None:
    if not (
        isinstance(value, str) and len(value) == 6 and all(c in "0123456789abcdef" for c in value)
    ):
        raise failure(attribute.name, f"{show(value)} is not six hex digits (0-9, a-f)")


#: A language tag (BCP 47, https://www.rfc-editor.org/rfc/rfc5646): letters, then parts of
#: letters and digits after hyphens (``da``, ``nb``, ``de-CH``).
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def _language_tag(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str):
        raise failure(attribute.name, f"must be a language tag such as da, not {show(value)}")
    if not _LANGUAGE_TAG.fullmatch(value):
        raise failure(attribute.name, f"{show(value)} is not a language tag such as da or de")


@attrs.frozen
class Badge:
    """The words and colour of a badge."""

    label: str = attrs.field(validator=is_text)
    message: str = attrs.field(validator=is_text)
    #: Six hex digits, no ``#``.
    color: str = attrs.field(validator=_hex_colour)
    #: The language of the words, by its code (``"da"``), which the SVG names for screen
    #: readers.
    language: str = attrs.field(default="en", validator=_language_tag, kw_only=True)

    def __str__(self) -> str:
        return f"{self.label} | {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """The shields.io endpoint document (``badge --format json``)."""
        return {
            "schemaVersion": 1,
            "label": self.label,
            "message": self.message,
            "color": self.color,
        }

    def to_svg(self) -> str:
        """A flat badge of 20 pixels' height, its words also its accessible name."""
        left, right = _width(self.label), _width(self.message)
        total = left + right
        words = escape(f"{self.label}: {self.message}")
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" xml:lang="{escape(self.language)}" '
            f'width="{total}" height="20" role="img" aria-label="{words}" '
            f'viewBox="0 0 {total} 20">'
            f"<title>{words}</title>"
            f'<rect width="{left}" height="20" fill="#{_LABEL_COLOUR}"/>'
            f'<rect x="{left}" width="{right}" height="20" fill="#{escape(self.color)}"/>'
            '<g fill="#fff" text-anchor="middle" '
            'font-family="Verdana,DejaVu Sans,Geneva,sans-serif" font-size="11">'
            f'<text x="{left / 2:g}" y="14">{escape(self.label)}</text>'
            f'<text x="{left + right / 2:g}" y="14">{escape(self.message)}</text>'
            "</g></svg>\n"
        )


def _width(text: str) -> int:
    """Room for ``text`` in 11-pixel Verdana (about 7 pixels a character) and padding."""
    return 7 * len(text) + 12


def _month_end(day: dt.date) -> bool:
    """Whether ``day`` is the last of its month (so that it is written as the month)."""
    return day == dt.date.max or (day + dt.timedelta(days=1)).day == 1


def badge(
    status: ClusterStatus,
    colours: Mapping[Tier | str, str] = COLOURS,
    *,
    language: Language | str | None = None,
) -> Badge:
    """The badge of a cluster's status on a day (:func:`~cluster_excellence.cluster_status`),
    its words in ``language`` (``"en"``, ``"da"``, ``"nb"``, ``"de"``; default English).

    Which words, from the highest valid tier, else the best tier in its
    renewal window, is our decision (docs: *Watching a portfolio*); so are the
    ``colours``, keyed as :data:`COLOURS` (each tier, ``"expired"``, ``"none"``).

    >>> import datetime as dt
    >>> from cluster_excellence import Cluster, GoldAudit, badge, cluster_status
    >>> ocean = Cluster("ocean", "Ocean", [GoldAudit(dt.date(2021, 9, 22), score=99.0)])
    >>> print(badge(cluster_status(ocean, dt.date(2022, 1, 1)), language="de"))
    ECEI Gold | gültig bis September 2023
    """
    words = _language(language)
    best = status.highest_valid_tier
    if best is not None:
        entry = status.label(best)
        assert entry is not None
        until = entry.valid_until
        message = (
            Message("valid until {until:month}", until=until)
            if _month_end(until)
            else Message("valid until {until}", until=until)
        )
        return Badge(
            _tier_label(best, words), message.text(words), colours[best], language=words.code
        )
    renewable = [e for e in status.labels if e.status is Status.EXPIRED_RENEWABLE]
    if renewable:
        entry = renewable[-1]  # tier order: the best last
        until = entry.renewable_until
        message = (
            Message("expired, renewable until {until:month}", until=until)
            if _month_end(until)
            else Message("expired, renewable until {until}", until=until)
        )
        label = _tier_label(entry.tier, words)
        return Badge(label, message.text(words), colours["expired"], language=words.code)
    return Badge(
        "ECEI", Message("no valid label").text(words), colours["none"], language=words.code
    )


def _tier_label(tier: Tier, words: Language) -> str:
    return Message("ECEI {tier}", tier=tier).text(words)
