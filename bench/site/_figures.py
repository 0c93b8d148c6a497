"""Plotly figures as plain JSON specs (data + layout), rendered in the browser by plotly.js.

Specs are built as dicts rather than through `plotly.graph_objects`: the page
needs only the JSON, and importing plotly's Python package costs a second.
Plotly interprets a few HTML-like tags inside text and hover labels, so every
name from the results is entity-escaped here (plotly shows `&lt;` as `<`) on
top of the `<script>`-safe JSON encoding the template applies.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Any

from bench.leaderboard import LeaderboardRow
from bench.site._history import HistoryPoint

DIMENSIONS = ("correctness", "quality", "efficiency", "speed")
PALETTE = (
    "#3f51b5", "#e91e63", "#009688", "#ff9800", "#9c27b0", "#03a9f4", "#8bc34a", "#f44336",
    "#607d8b", "#cddc39", "#795548", "#00bcd4", "#ffc107", "#673ab7", "#4caf50", "#ff5722",
    "#2196f3", "#9e9e9e", "#e040fb", "#1de9b6",
)  # fmt: skip


@dataclass(frozen=True)
class Figure:
    """One chart: a DOM id, an accessible title and the plotly spec."""

    id: str
    title: str
    spec: dict[str, Any]


def plotly_text(text: str) -> str:
    """Text plotly shows literally: its pseudo-HTML tags become inert entities."""
    return html.escape(text, quote=True)


def _layout(title: str, x_title: str, y_title: str, **extra: Any) -> dict[str, Any]:
    layout = {
        "title": {"text": plotly_text(title)},
        "xaxis": {"title": {"text": x_title}, "zeroline": False},
        "yaxis": {"title": {"text": y_title}, "zeroline": False},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 60},
        "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.25},
        "height": 460,
    }
    layout.update(extra)
    return layout


def _hover(row: LeaderboardRow) -> str:
    return plotly_text(row.model)


def accuracy_vs_time(rows: list[LeaderboardRow]) -> Figure:
    """pass@1 against mean response time: the fast-and-right corner is top left."""
    shown = [r for r in rows if r.mean_response_time_s is not None and r.pass_rate is not None]
    trace = {
        "type": "scatter",
        "mode": "markers+text",
        "x": [r.mean_response_time_s for r in shown],
        "y": [r.pass_at_k.get("1", r.pass_rate) for r in shown],
        "text": [_hover(r) for r in shown],
        "textposition": "top center",
        "cliponaxis": False,
        "marker": {"size": 11, "color": [PALETTE[i % len(PALETTE)] for i in range(len(shown))]},
        "hovertemplate": "%{text}<br>pass@1 %{y:.1f}%<br>mean response %{x:.2f} s<extra></extra>",
    }
    layout = _layout("Accuracy against response time", "mean response time (s, log)", "pass@1 (%)")
    layout["xaxis"]["type"] = "log"
    return Figure(
        "fig-accuracy-time", "Accuracy against response time", {"data": [trace], "layout": layout}
    )


def pareto_front(points: list[tuple[float, float, int]]) -> list[int]:
    """Indices of the points no other point beats on both lower cost and higher score."""
    front, best = [], float("-inf")
    for _cost, score, index in sorted(points, key=lambda p: (p[0], -p[1])):
        if score > best:
            front.append(index)
            best = score
    return front


def score_vs_cost(rows: list[LeaderboardRow]) -> Figure:
    """Overall score against cost per task, with the Pareto front drawn through the best buys."""
    points = [
        (cost, score, row)
        for row in rows
        if (cost := row.cost_per_task_usd) is not None and (score := row.overall) is not None
    ]
    priced = [row for _, _, row in points]
    front = set(pareto_front([(cost, score, i) for i, (cost, score, _) in enumerate(points)]))
    on_front_points = sorted((p for i, p in enumerate(points) if i in front), key=lambda p: p[0])
    on_front = [row for _, _, row in on_front_points]
    others = [r for i, r in enumerate(priced) if i not in front]
    hover = "%{text}<br>overall %{y:.1f}<br>$%{x:.4f} per task<extra></extra>"
    data = [
        {
            "type": "scatter", "mode": "markers", "name": "dominated",
            "x": [r.cost_per_task_usd for r in others], "y": [r.overall for r in others],
            "text": [_hover(r) for r in others], "hovertemplate": hover,
            "marker": {"size": 10, "color": "#9e9e9e"},
        },
        {
            "type": "scatter", "mode": "lines+markers+text", "name": "Pareto front",
            "x": [r.cost_per_task_usd for r in on_front], "y": [r.overall for r in on_front],
            "text": [_hover(r) for r in on_front], "textposition": "top left",
            "hovertemplate": hover, "line": {"shape": "hv", "color": "#e91e63"},
            "marker": {"size": 12, "color": "#e91e63"},
        },
    ]  # fmt: skip
    all_free = bool(priced) and all(r.cost_per_task_usd == 0 for r in priced)
    layout = _layout("Score against cost", "cost per task (USD)", "overall score")
    if not all_free:
        layout["xaxis"]["type"] = "log"
    return Figure("fig-score-cost", "Score against cost", {"data": data, "layout": layout})


def dimension_bars(rows: list[LeaderboardRow]) -> Figure:
    """The four dimensions side by side, models in leaderboard order."""
    names = [plotly_text(r.model) for r in rows]
    data = [
        {
            "type": "bar",
            "name": dimension,
            "x": names,
            "y": [getattr(r, dimension) for r in rows],
            "marker": {"color": PALETTE[index]},
            "hovertemplate": f"%{{x}}<br>{dimension} %{{y:.1f}}<extra></extra>",
        }
        for index, dimension in enumerate(DIMENSIONS)
    ]
    layout = _layout("Scores by dimension", "", "score (0-100)", barmode="group")
    layout["yaxis"]["range"] = [0, 100]
    return Figure("fig-dimensions", "Scores by dimension", {"data": data, "layout": layout})


def history(
    points: list[HistoryPoint], started: dict[str, dt.datetime | None], models: list[str]
) -> tuple[Figure, Figure]:
    """Overall score and position of each model over runs (models in leaderboard order)."""
    by_model: dict[str, list[HistoryPoint]] = {}
    for point in points:
        by_model.setdefault(point.model, []).append(point)
    order = [m for m in models if m in by_model] + sorted(set(by_model) - set(models))

    def when(point: HistoryPoint) -> str:
        moment = started.get(point.run_id)
        return moment.isoformat() if moment else point.run_id

    def traces(value: str) -> list[dict[str, Any]]:
        return [
            {
                "type": "scatter", "mode": "lines+markers", "name": plotly_text(model),
                "x": [when(p) for p in by_model[model]],
                "y": [getattr(p, value) for p in by_model[model]],
                "line": {"color": PALETTE[i % len(PALETTE)]},
                "text": [plotly_text(p.run_id) for p in by_model[model]],
                "hovertemplate": f"{plotly_text(model)}<br>%{{text}}<br>{value} %{{y:.1f}}"
                "<extra></extra>",
            }
            for i, model in enumerate(order)
        ]  # fmt: skip

    score = _layout("Overall score over runs", "run", "overall score")
    rank = _layout("Position over runs", "run", "position (1 = best)")
    rank["yaxis"].update(range=[len(order) + 0.5, 0.5], dtick=1)
    rank["height"] = max(460, 22 * len(order) + 200)
    return (
        Figure(
            "fig-history-score",
            "Overall score over runs",
            {"data": traces("overall"), "layout": score},
        ),
        Figure(
            "fig-history-rank", "Position over runs", {"data": traces("position"), "layout": rank}
        ),
    )
