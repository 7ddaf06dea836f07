"""Write the JSON POST bodies of the three benchmark documents (bench/queries/*.graphql).

python bench/make_bodies.py OUT_DIR LISTING_ID
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
VARIABLES: dict[str, Callable[[str], dict[str, Any]]] = {
    "q1_browse": lambda listing_id: {"categorySlug": "electronics"},
    "q2_detail": lambda listing_id: {"id": listing_id},
    "q3_categories": lambda listing_id: {},
}


def main(out_dir: str, listing_id: str) -> None:
    for name, variables in VARIABLES.items():
        document = (HERE / "queries" / f"{name}.graphql").read_text()
        body = {"query": document, "variables": variables(listing_id)}
        (Path(out_dir) / f"{name}.json").write_text(json.dumps(body))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
