"""Inline SVG drawn on the server: a person's quotes over time, and the people graph.

Every label from the record goes through :meth:`markupsafe.Markup.format`, which escapes it;
geometry is numbers only. Colours are classes (``sp0``..``sp11``) from the stylesheet, so the
pages need no inline style and keep a strict Content-Security-Policy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

import numpy as np
from markupsafe import Markup

from quotegraph.store.views import Edge, NameCount
from quotegraph.web.render import colour_of


def person_url(name: str) -> str:
    return "/people/" + quote(name, safe="")


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last and len(out) < 1200:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def timeline_bars(points: Sequence[NameCount], undated: int) -> list[tuple[str, int]]:
    """Bars per month (per year beyond five years), gaps filled with zero, then ``undated``."""
    counts = {p.name: p.count for p in points}
    bars: list[tuple[str, int]] = []
    if counts:
        months = _months(min(counts), max(counts))
        if len(months) > 60:
            years: dict[str, int] = {}
            for month in months:
                years[month[:4]] = years.get(month[:4], 0) + counts.get(month, 0)
            bars = list(years.items())
        else:
            bars = [(m, counts.get(m, 0)) for m in months]
    if undated:
        bars.append(("undated", undated))
    return bars


def timeline_svg(name: str, points: Sequence[NameCount], undated: int) -> Markup:
    """A bar chart of a person's quotes over time, with a title and description for screen readers."""
    bars = timeline_bars(points, undated)
    width, height, left, bottom, top = 640, 180, 34, 34, 12
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max((n for _, n in bars), default=0) or 1
    step = min(plot_w / max(len(bars), 1), 60.0)
    total = sum(n for _, n in bars)
    span = f"from {bars[0][0]} to {bars[-1][0]}" if bars else ""
    parts = [
        Markup(
            '<svg class="timeline" viewBox="0 0 {} {}" role="img" aria-labelledby="tl-title tl-desc"'
            ' preserveAspectRatio="xMinYMin meet">'
            '<title id="tl-title">Quotes by {} over time</title><desc id="tl-desc">{} quotes {}</desc>'
        ).format(width, height, name, total, span),
        Markup('<line class="axis" x1="{0}" y1="{1}" x2="{2}" y2="{1}"/>').format(left, top + plot_h, width - 8),
        Markup('<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>').format(left - 4, top + 10, peak),
        Markup('<text class="tick" x="{}" y="{}" text-anchor="end">0</text>').format(left - 4, top + plot_h),
    ]
    every = max(1, math.ceil(len(bars) / 8))
    for i, (label, n) in enumerate(bars):
        h = plot_h * n / peak
        x = left + i * step + step * 0.1
        kind = "bar undated" if label == "undated" else "bar"
        parts.append(
            Markup('<rect class="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"><title>{}: {}</title></rect>')
            .format(kind, x, top + plot_h - h, max(step * 0.8, 1.0), h, label, _quotes(n))
        )  # fmt: skip
        if i % every == 0 or label == "undated":
            parts.append(
                Markup('<text class="tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>').format(
                    x + step * 0.4, height - bottom + 16, label
                )
            )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _quotes(n: int) -> str:
    return f"{n} quote" + ("" if n == 1 else "s")


@dataclass(frozen=True, slots=True)
class Node:
    name: str
    x: float
    y: float
    r: float
    weight: int


GRAVITY = 4.0  # tuned on the aeb pages: no node pinned to the frame at 40 or 120 edges


@lru_cache(maxsize=16)
def layout(
    names: tuple[str, ...], links: tuple[tuple[str, str], ...], size: float = 1000.0
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold force layout with gravity, from a circle, a fixed number of steps:
    deterministic for the same nodes and links."""
    n = len(names)
    if n == 0:
        return {}
    index = {name: i for i, name in enumerate(names)}
    angle = 2 * np.pi * np.arange(n) / n
    pos = size / 2 + size / 3 * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    k = 0.8 * math.sqrt(size * size / n)
    pairs = np.array([(index[a], index[b]) for a, b in links if a in index and b in index and a != b], dtype=int)
    heat = size / 10
    for _ in range(150):
        delta = pos[:, None, :] - pos[None, :, :]
        dist2 = np.maximum((delta**2).sum(axis=2), 0.01)
        disp = (delta * (k * k / dist2)[:, :, None]).sum(axis=1)
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            pull = d * (np.linalg.norm(d, axis=1, keepdims=True) / k)
            np.subtract.at(disp, pairs[:, 0], pull)
            np.add.at(disp, pairs[:, 1], pull)
        disp -= (pos - size / 2) * GRAVITY  # keeps separate components near the middle
        length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-9)
        pos = np.clip(pos + disp / length * np.minimum(length, heat), [90, 30], [size - 90, size - 40])
        heat *= 0.96
    low, high = pos.min(axis=0), pos.max(axis=0)
    pos = np.array([90.0, 30.0]) + (pos - low) / np.maximum(high - low, 1.0) * np.array([size - 180, size - 80])
    return {name: (float(pos[i, 0]), float(pos[i, 1])) for i, name in enumerate(names)}


def graph_nodes(edges: Sequence[Edge]) -> list[Node]:
    """Nodes sized by how many quote-edges touch them, placed by :func:`layout`."""
    weight: dict[str, int] = {}
    for e in edges:
        for name in (e.source, e.target):
            weight[name] = weight.get(name, 0) + (e.weight if e.kind == "mentions" else 1)
    names = tuple(sorted(weight, key=lambda name: (-weight[name], name)))
    where = layout(names, tuple((e.source, e.target) for e in edges))
    return [Node(name, *where[name], 8 + 4 * math.sqrt(weight[name]), weight[name]) for name in names]


def graph_svg(edges: Sequence[Edge]) -> Markup:
    """The people graph: arrows from speaker to the person quoted about, dashed labelled relations."""
    nodes = graph_nodes(edges)
    at = {node.name: node for node in nodes}
    parts = [
        Markup(
            '<svg class="graph" viewBox="0 0 1000 1000" role="group" aria-labelledby="graph-title">'
            '<title id="graph-title">People graph</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="10"'
            ' refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse">'
            '<path d="M0,0L10,5L0,10z"/></marker></defs><g class="edges">'
        )
    ]
    for e in edges:
        a, b = at[e.source], at[e.target]
        dx, dy = b.x - a.x, b.y - a.y
        d = math.hypot(dx, dy) or 1.0
        x1, y1 = a.x + dx / d * a.r, a.y + dy / d * a.r
        x2, y2 = b.x - dx / d * (b.r + 2), b.y - dy / d * (b.r + 2)
        what = f"{e.source} quoted about {e.target}: {_quotes(e.weight)}" if e.kind == "mentions" else (
            f"{e.source} — {e.label} — {e.target}"
        )  # fmt: skip
        parts.append(
            Markup(
                '<line class="edge {}" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke-width="{:.1f}"'
                ' marker-end="url(#arrow)" data-source="{}" data-target="{}"><title>{}</title></line>'
            ).format(e.kind, x1, y1, x2, y2, min(1 + e.weight / 2, 6), e.source, e.target, what)
        )
        if e.kind == "relation":
            parts.append(
                Markup('<text class="edge-label" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>').format(
                    (a.x + b.x) / 2, (a.y + b.y) / 2 - 4, e.label
                )
            )
    parts.append(Markup('</g><g class="nodes">'))
    for node in nodes:
        parts.append(
            Markup(
                '<a class="node" href="{}" data-name="{}" aria-label="{}"><circle class="sp{}" cx="{:.1f}"'
                ' cy="{:.1f}" r="{:.1f}"/><text x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text></a>'
            ).format(
                person_url(node.name),
                node.name,
                node.name,
                colour_of(node.name),
                node.x,
                node.y,
                node.r,
                node.x,
                node.y + node.r + 14,
                node.name,
            )
        )
    parts.append(Markup("</g></svg>"))
    return Markup("").join(parts)
