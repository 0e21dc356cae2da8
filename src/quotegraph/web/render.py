"""An article's text with its spans as HTML: quotes highlighted, cues and speakers marked.

Spans are rendered from offsets: the text is cut at every span boundary and each piece is
escaped on its own (:func:`markupsafe.escape`), so no character of the article can become
markup. Overlapping spans are nested properly: where two cross, the inner one is closed and
reopened as a continuation fragment (class ``cont``), so every quote has exactly one element
that is focusable and described, whatever else overlaps it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from quotegraph.store.views import ArticleView, QuoteSpan

PALETTE = 12  # colour classes sp0..sp11 in static/style.css, each AAA contrast with dark text

Attrs = tuple[tuple[str, str], ...]


def colour_of(name: str) -> int:
    """A speaker's own colour: the same on every page, from a hash of the casefolded name."""
    return int(hashlib.sha256(name.casefold().encode()).hexdigest()[:8], 16) % PALETTE


def assign_colours(names: Iterable[str | None]) -> dict[str, int]:
    """Colours for the speakers on one page: each its own unless two collide, then the one later
    by name takes the next free colour, so speakers on a page are always told apart (up to 12)."""
    taken: set[int] = set()
    out: dict[str, int] = {}
    for name in sorted({n for n in names if n}):
        base = colour_of(name)
        slot = next(((base + i) % PALETTE for i in range(PALETTE) if (base + i) % PALETTE not in taken), base)
        taken.add(slot)
        out[name] = slot
    return out


@dataclass(frozen=True, slots=True)
class Mark:
    """One element to wrap around ``text[start:end]``; ``cont`` attributes for later fragments."""

    start: int
    end: int
    layer: int  # 0 quote, 1 speaker mention or cue, 2 entity mention
    tag: str
    attrs: Attrs
    cont: Attrs


def _open(mark: Mark, first: bool) -> Markup:
    attrs = Markup("").join(Markup(' {}="{}"').format(k, v) for k, v in (mark.attrs if first else mark.cont))
    return Markup("<{}{}>").format(Markup(mark.tag), attrs)


def render_spans(text: str, marks: Sequence[Mark]) -> Markup:
    """``text`` escaped piece by piece with ``marks`` as properly nested elements."""
    size = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= size]
    order = sorted(range(len(valid)), key=lambda i: (valid[i].start, -valid[i].end, valid[i].layer))
    rank = {i: r for r, i in enumerate(order)}
    starting: dict[int, list[int]] = defaultdict(list)
    for i in order:
        starting[valid[i].start].append(i)
    points = sorted({0, size, *(m.start for m in valid), *(m.end for m in valid)})
    parts: list[Markup] = []
    stack: list[int] = []
    opened: set[int] = set()
    for a, b in pairwise(points):
        active = [i for i in stack if valid[i].end > a] + starting.get(a, [])
        wanted = sorted(set(active), key=rank.__getitem__)
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        parts.extend(Markup("</{}>").format(Markup(valid[i].tag)) for i in reversed(stack[keep:]))
        for i in wanted[keep:]:
            parts.append(_open(valid[i], i not in opened))
            opened.add(i)
        stack = wanted
        parts.append(escape(text[a:b]))
    parts.extend(Markup("</{}>").format(Markup(valid[i].tag)) for i in reversed(stack))
    return Markup("").join(parts)


def attribution(quote: QuoteSpan) -> str:
    """Who said it, how, and with which cue, as one plain sentence."""
    who = " & ".join(quote.speakers) or quote.speaker or "unknown speaker"
    cue = f", cue “{quote.cue}”" if quote.cue else ""
    return f"{who} — {quote.kind} quote{cue}"


def quote_anchors(quotes: Sequence[QuoteSpan]) -> list[str]:
    """A unique element id per quote occurrence: ``q<quote id>``, suffixed on a repeat."""
    seen: dict[int, int] = defaultdict(int)
    out = []
    for quote in quotes:
        seen[quote.id] += 1
        out.append(f"q{quote.id}" if seen[quote.id] == 1 else f"q{quote.id}-{seen[quote.id]}")
    return out


def article_marks(view: ArticleView, colours: dict[str, int]) -> list[Mark]:
    """Quotes (layer 0), speaker mentions and cues (1), other entity mentions (2)."""
    marks: list[Mark] = []
    extra: dict[tuple[int, int, str], list[str]] = defaultdict(list)
    for n, (quote, anchor) in enumerate(zip(view.quotes, quote_anchors(view.quotes), strict=True)):
        colour = f"sp{colours[quote.speaker]}" if quote.speaker in colours else "sp-none"
        said = attribution(quote)
        marks.append(
            Mark(
                quote.start,
                quote.end,
                0,
                "mark",
                (
                    ("class", f"q {colour}"),
                    ("id", anchor),
                    ("tabindex", "0"),
                    ("data-quote", str(n)),
                    ("aria-describedby", f"attr-{n}"),
                    ("title", said),
                    ("data-attribution", said),
                ),
                (("class", f"q {colour} cont"), ("data-quote", str(n)), ("title", said)),
            )
        )
        if quote.speaker_start is not None and quote.speaker_end is not None:
            extra[(quote.speaker_start, quote.speaker_end, "who")].append(str(n))
        if quote.cue_start is not None and quote.cue_end is not None:
            extra[(quote.cue_start, quote.cue_end, "cue")].append(str(n))
    for (start, end, kind), refs in extra.items():
        label = "speaker" if kind == "who" else "cue"
        attrs: Attrs = (("class", kind), ("data-for", " ".join(refs)), ("title", f"{label} of quote {', '.join(refs)}"))
        marks.append(Mark(start, end, 1, "span", attrs, attrs))
    entities: dict[tuple[int, int], list[str]] = defaultdict(list)
    for mention in view.mentions:
        if (mention.start, mention.end, "who") not in extra:
            entities[(mention.start, mention.end)].append(f"{mention.entity} ({mention.label.lower()})")
    for (start, end), names in entities.items():
        attrs = (("class", "ent"), ("title", ", ".join(dict.fromkeys(names))))
        marks.append(Mark(start, end, 2, "span", attrs, attrs))
    return marks


def render_article(view: ArticleView, colours: dict[str, int]) -> Markup:
    """The article's text as HTML with every span marked."""
    return render_spans(view.text, article_marks(view, colours))
