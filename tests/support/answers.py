"""Random answer sets for a scoring model, skips included."""
from __future__ import annotations

import random


def random_answers(model: dict, rng: random.Random, skip_rate: float | None = None) -> dict:
    """Answers for a random subset of questions; skipped ones are absent or null."""
    skip_rate = rng.choice([0.0, 0.2, 0.5, 0.9]) if skip_rate is None else skip_rate
    answers = {}
    for q in model["questions"]:
        roll = rng.random()
        if roll < skip_rate / 2:
            continue
        if roll < skip_rate:
            answers[q["id"]] = None
        elif q["type"] == "likert":
            answers[q["id"]] = rng.randint(1, 5)
        else:
            answers[q["id"]] = rng.choice(q["options"])["id"]
    return answers
