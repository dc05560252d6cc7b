"""Enumerated words as people type them: ``Silver audit`` is ``silver_audit``.

The table readers and the command line read an enumerated word (an
assessment type, a tier, yes or no, a member type) without regard to case,
spaces, hyphens and underscores, and answer anything else with the allowed
words and a "did you mean" (docs: *Portfolio tables*, "Words"). The JSON
format stays strict: there a word is written exactly.

>>> from cluster_excellence.files._spelling import canonical_word, word_problem
>>> canonical_word("Silver audit", ("benchmarking", "silver_audit", "gold_audit"))
'silver_audit'
>>> word_problem("benchmarkng", ("benchmarking", "silver_audit", "gold_audit"))
'"benchmarkng" is not one of benchmarking, silver_audit, gold_audit (did you mean benchmarking?)'
"""

from __future__ import annotations

from collections.abc import Sequence

from .._text import show

__all__ = ["canonical_word", "closest_word", "word_key", "word_problem"]

_IGNORED = str.maketrans("", "", " \t-_\u00a0")


def word_key(text: str) -> str:
    """``text`` without case, spaces, hyphens and underscores: ``Silver_Audit`` ->
    ``silveraudit``."""
    return text.casefold().translate(_IGNORED)


def canonical_word(text: str, words: Sequence[str]) -> str | None:
    """The one of ``words`` that ``text`` writes (see :func:`word_key`), or None."""
    key = word_key(text)
    for word in words:
        if word_key(word) == key:
            return word
    return None


def closest_word(text: str, words: Sequence[str]) -> str | None:
    """The one of ``words`` that ``text`` looks like a mistake for (by
    :func:`difflib.get_close_matches`, or the one word ``text`` starts), or None. Our
    decision: a similarity of 0.75, or of 0.6 for a word of up to four letters, where
    one swapped pair of letters already halves what two words share.

    >>> from cluster_excellence.files._spelling import closest_word
    >>> closest_word("ture", ("true", "yes", "false", "no")), closest_word("yse", ("yes", "no"))
    ('true', 'yes')
    """
    import difflib  # only for a mistake: the command line reads words with every start

    keys = {word_key(word): word for word in words}
    key = word_key(text)
    cutoff = 0.6 if len(key) <= 4 else 0.75
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=cutoff)
    starting = [k for k in keys if key and k.startswith(key)]
    if not close and len(starting) == 1:
        close = starting  # the start of one word: "silver" for silver_audit
    return keys[close[0]] if close else None


def word_problem(text: str, words: Sequence[str], what: str = "") -> str:
    """Why ``text`` is none of ``words``, with the closest word as a hint
    (:func:`closest_word`); ``what`` names the words (e.g. "a member type"), listed
    after it when no word is close.

    >>> from cluster_excellence.files._spelling import word_problem
    >>> word_problem("Universty", ("business", "research", "public", "other"), "a member type")
    '"Universty" is not a member type (one of business, research, public, other)'
    """
    close = closest_word(text, words)
    if close is not None:
        hint = f" (did you mean {close}?)"
    else:
        hint = f" (one of {', '.join(words)})" if what else ""
    return f"{show(text)} is not {what or 'one of ' + ', '.join(words)}{hint}"
