"""``doorstroom match-eval``: precision@10 and MAP of the matching against outcomes.

Either on recorded outcomes (``--outcomes`` CSV with person_id, vacancy_id,
status, refused_by, reason; plus the persons as JSON and the vacancies as CSV or
JSON), or on a synthetic region whose outcomes come from a hidden fit with noise
(``--synthetic``). Prints one JSON object (or a short text) with the figures and
the random baseline.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``match-eval`` subcommand."""
    parser = subparsers.add_parser(
        "match-eval",
        help="evaluate the matching (precision@10, MAP) against recorded outcomes",
        description=(
            "Offline evaluation of the ranking: precision@10 and mean average precision "
            "against recorded outcomes (invited, stage, hired = relevant; refused = not)."
        ),
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--outcomes", type=Path, help="outcomes CSV")
    source.add_argument(
        "--synthetic",
        action="store_true",
        help="use a synthetic region with hidden-fit outcomes",
    )
    parser.add_argument(
        "--persons-file", type=Path, help="persons JSON (list of person objects)"
    )
    parser.add_argument("--vacancies-file", type=Path, help="vacancies CSV or JSON")
    parser.add_argument(
        "--persons", type=_positive, default=3000, help="synthetic persons"
    )
    parser.add_argument(
        "--vacancies", type=_positive, default=5000, help="synthetic vacancies"
    )
    parser.add_argument("--seed", type=int, default=20260101, help="synthetic seed")
    parser.add_argument("--format", choices=("json", "text"), default="json")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print the figures; 2 on unusable input."""
    from doorstroom.domain.matching import (
        MatchIndex,
        VacancyImportError,
        builtin_gazetteer,
        evaluate,
        load_outcomes_csv,
        load_vacancies_csv,
        load_vacancies_json,
        person_from_dict,
        synthetic_outcomes,
    )
    from doorstroom.domain.matching.synthetic import make_world

    figures: dict[str, Any]
    if args.synthetic:
        world = make_world(args.persons, args.vacancies, seed=args.seed)
        index = MatchIndex(world.persons, world.vacancies, world.gazetteer)
        outcomes = synthetic_outcomes(world, index, per_person=40, max_persons=None)
        source = "synthetic (hidden fit + noise)"
    else:
        if args.persons_file is None or args.vacancies_file is None:
            print("match-eval: --outcomes needs --persons-file and --vacancies-file")
            return 2
        try:
            persons = [
                person_from_dict(item)
                for item in json.loads(args.persons_file.read_text(encoding="utf-8"))
            ]
            loader = (
                load_vacancies_json
                if args.vacancies_file.suffix.lower() == ".json"
                else load_vacancies_csv
            )
            vacancies = loader(args.vacancies_file)
            outcomes = load_outcomes_csv(args.outcomes)
        except (VacancyImportError, ValueError, OSError) as exc:
            print(f"match-eval: {exc}")
            return 2
        index = MatchIndex(persons, vacancies, builtin_gazetteer())
        source = str(args.outcomes)
    result = evaluate(index, outcomes)
    figures = {"source": source, **result.to_dict()}
    if args.format == "json":
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(
            f"{source}: {result.persons} persons, {result.judged_pairs} judged pairs; "
            f"precision@10 {result.precision_at_10:.3f} (random {result.random_precision_at_10:.3f}), "
            f"MAP {result.mean_average_precision:.3f} (random {result.random_map:.3f})"
        )
    return 0
