"""Local model server: start time, prompt and generation speed, peak memory.

Starts the llama.cpp server (bench.localmodel) once per thread count, sends the prompts of
the first easy tasks of the suite with the server's prompt cache off (so every prompt is
evaluated in full), and prints one table row per thread count. Speeds are llama.cpp's own
timings from each response (`timings.prompt_per_second`, `timings.predicted_per_second`),
medians over the requests; the wall column is the whole HTTP round trip.

    .venv/bin/python benchmarks/local_model.py                       # smollm2, threads 1 and 2
    .venv/bin/python benchmarks/local_model.py --model path/to/x.gguf --threads 4,8

The machine's load average is printed too: llama.cpp's threads wait on each other at every
layer, so a busy core slows every thread (see docs/local-models.md).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.localmodel import LocalModelServer, resolve_gguf
from bench.tasks import load_tasks

REPO_ROOT = Path(__file__).resolve().parents[1]
SYSTEM = "You are an expert Python programmer. Reply with one python code block."
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Row:
    threads: int
    start_s: float
    prompt_tps: float
    gen_tps: float
    wall_s: float
    prompt_tokens: float
    gen_tokens: float
    peak_rss_mb: float | None
    load: float


def task_prompts(count: int) -> list[str]:
    tasks = [task for task in load_tasks([REPO_ROOT / "tasks"]) if task.difficulty == "easy"]
    tasks.sort(key=lambda task: task.id)
    return [task.prompt for task in tasks[:count]]


def chat(api_base: str, model: str, prompt: str, max_tokens: int) -> dict:
    body = {
        "model": model,
        "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}],
        "temperature": 0,
        "max_tokens": max_tokens,
        "cache_prompt": False,
    }
    request = urllib.request.Request(
        f"{api_base}/chat/completions",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with NO_PROXY.open(request, timeout=600) as response:
        return json.load(response)


def measure(gguf: Path, threads: int, prompts: list[str], args: argparse.Namespace) -> Row:
    load_before = os.getloadavg()[0]
    server = LocalModelServer(gguf, "bench-model", threads=threads, ctx_size=args.ctx_size)
    with server:
        timings, walls = [], []
        for prompt in prompts:
            began = time.perf_counter()
            reply = chat(server.api_base, server.model_name, prompt, args.max_tokens)
            walls.append(time.perf_counter() - began)
            timings.append(reply["timings"])
        stats = server.stats()
    return Row(
        threads=threads,
        start_s=stats.start_s,
        prompt_tps=statistics.median(t["prompt_per_second"] for t in timings),
        gen_tps=statistics.median(t["predicted_per_second"] for t in timings),
        wall_s=statistics.median(walls),
        prompt_tokens=statistics.median(t["prompt_n"] for t in timings),
        gen_tokens=statistics.median(t["predicted_n"] for t in timings),
        peak_rss_mb=stats.peak_rss_mb,
        load=(load_before + os.getloadavg()[0]) / 2,
    )


def print_table(rows: list[Row], gguf: Path, requests: int) -> None:
    print(f"model: {gguf.name}  cores: {os.cpu_count()}  requests per row: {requests}")
    header = (
        f"{'threads':>7} {'start s':>8} {'prompt tok/s':>13} {'gen tok/s':>10} "
        f"{'wall s':>7} {'prompt tok':>10} {'gen tok':>8} {'peak RSS MiB':>13} {'load':>5}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        peak = "?" if row.peak_rss_mb is None else f"{row.peak_rss_mb:.0f}"
        print(
            f"{row.threads:>7} {row.start_s:>8.2f} {row.prompt_tps:>13.1f} {row.gen_tps:>10.1f} "
            f"{row.wall_s:>7.2f} {row.prompt_tokens:>10.0f} {row.gen_tokens:>8.0f} "
            f"{peak:>13} {row.load:>5.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="smollm2", help="GGUF path or embedded alias")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    parser.add_argument("--requests", type=int, default=4, help="prompts sent per row")
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--ctx-size", type=int, default=2048)
    args = parser.parse_args()
    gguf = resolve_gguf(args.model)
    prompts = task_prompts(args.requests)
    rows = [measure(gguf, int(n), prompts, args) for n in args.threads.split(",")]
    print_table(rows, gguf, len(prompts))


if __name__ == "__main__":
    main()
