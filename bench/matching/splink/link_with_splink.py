"""Links a legacy and a target directory export with Splink 4 (DuckDB backend).

The matching benchmark's reference point: the same files Rekey's match run reads, linked the way
Splink's documentation links people (its febrl4 and historical-people examples), so the two can be
compared on speed and accuracy. A benchmark tool, not product code.

    python link_with_splink.py --legacy legacy.csv --target target.csv --out <folder>
        [--max-pairs 1e7] [--threshold 0.5] [--seed 2026]

Writes <folder>/splink-links.csv (legacy_id, target_id, probability: the most probable target of
each legacy account at or above the threshold) and prints, as its last stdout line, a JSON object
with the timings in seconds (read, train and its steps, predict, total), the counts and the
versions used. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

import duckdb
import splink
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

# The files are identity-matching's import format (its README): lists separated by ';', each
# contact suffixed ':verified' or ':unverified'. Splink, like its examples, wants one value per
# column, lower-cased, empty as NULL: the first email and phone stand for the list.
FIRST_CONTACT = "nullif(regexp_replace(split_part({column}, ';', 1), ':(un)?verified$', ''), '')"

NORMALISE_SQL = f"""
CREATE TABLE {{table}} AS
SELECT
    id AS unique_id,
    nullif(lower(trim(given_name)), '') AS first_name,
    nullif(lower(trim(family_name)), '') AS surname,
    -- Kept as text: DateOfBirthComparison parses it and treats an invalid date as NULL.
    nullif(trim(date_of_birth), '') AS dob,
    nullif(lower(trim(address_postal_code)), '') AS postcode,
    nullif(regexp_extract(trim(address_line1), '^[0-9]+'), '') AS street_number,
    -- Tokens of the first address line, for the token-overlap comparison.
    CASE WHEN nullif(trim(address_line1), '') IS NOT NULL
         THEN string_split_regex(lower(trim(address_line1)), '\\s+')
    END AS address_tokens,
    lower({FIRST_CONTACT.format(column="emails")}) AS email,
    nullif(split_part(lower({FIRST_CONTACT.format(column="emails")}), '@', 1), '') AS email_username,
    {FIRST_CONTACT.format(column="phones")} AS phone
FROM read_csv('{{path}}', header = true, all_varchar = true, quote = '"', escape = '"')
"""


def blocking_rules_for_prediction():
    """Splink's usual rules for people: each true pair should satisfy one of them."""
    return [
        block_on("first_name", "surname"),
        # Given and family name swapped between the two systems.
        "l.first_name = r.surname and l.surname = r.first_name",
        block_on("dob"),
        block_on("postcode"),
        block_on("surname", "dob"),
        block_on("first_name", "dob"),
        block_on("street_number", "postcode"),
        block_on("email"),
        block_on("email_username"),
        block_on("phone"),
    ]


def postcode_comparison(uk_postcodes: bool):
    """PostcodeComparison's sector, district and area levels only exist in UK postcodes; other
    postcodes are compared as Splink's febrl4 example does, whole, weighted by frequency."""
    if uk_postcodes:
        return cl.PostcodeComparison("postcode")
    return cl.ExactMatch("postcode").configure(term_frequency_adjustments=True)


def settings(uk_postcodes: bool) -> SettingsCreator:
    return SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=blocking_rules_for_prediction(),
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True, invalid_dates_as_null=True),
            postcode_comparison(uk_postcodes),
            cl.ArrayIntersectAtSizes("address_tokens", [3, 2, 1]),
            cl.EmailComparison("email"),
            cl.ExactMatch("phone"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


class Stopwatch:
    """Seconds per named step, in the order they ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._started = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self._started, 3)
        progress(f"{name}: {self.seconds[name]:.1f} s")
        self._started = now


def progress(line: str) -> None:
    print(f"splink: {line}", file=sys.stderr, flush=True)


def main() -> None:
    arguments = parse_arguments()
    out = Path(arguments.out)
    out.mkdir(parents=True, exist_ok=True)
    # Splink's INFO log narrates every step on stdout; stdout carries the result line alone.
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)

    started = time.perf_counter()
    watch = Stopwatch()
    connection = duckdb.connect(":memory:")
    for table, path in (("legacy", arguments.legacy), ("target", arguments.target)):
        connection.execute(NORMALISE_SQL.format(table=table, path=Path(path).resolve().as_posix()))
    counts = {
        side: connection.execute(f"SELECT count(*) FROM {side}").fetchone()[0]
        for side in ("legacy", "target")
    }
    uk_postcodes = has_uk_postcodes(connection)
    watch.lap("read")

    db_api = DuckDBAPI(connection)
    linker = Linker(
        ["legacy", "target"],
        settings(uk_postcodes),
        db_api,
        input_table_aliases=["legacy", "target"],
        set_up_basic_logging=False,
    )
    # Rules that almost only true pairs satisfy; the recall is our guess of the share they find.
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob"), block_on("email")], recall=0.7
    )
    watch.lap("train_prior")
    linker.training.estimate_u_using_random_sampling(max_pairs=arguments.max_pairs, seed=arguments.seed)
    watch.lap("train_u")
    # Each session fixes the comparisons of its own blocking rule, so two rules cover them all.
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("dob"), estimate_without_term_frequencies=True
    )
    watch.lap("train_em_dob")
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname"), estimate_without_term_frequencies=True
    )
    watch.lap("train_em_names")

    predictions = linker.inference.predict(threshold_match_probability=arguments.threshold)
    watch.lap("predict")
    links_file = out / "splink-links.csv"
    scored_pairs = choose_one_target_per_legacy(connection, predictions.physical_name, links_file)
    links = connection.execute(f"SELECT count(*) FROM read_csv('{links_file.as_posix()}')").fetchone()[0]
    watch.lap("choose")

    seconds = watch.seconds
    result = {
        "seconds": {
            "read": seconds["read"],
            "train": round(sum(value for name, value in seconds.items() if name.startswith("train")), 3),
            "predict": round(seconds["predict"] + seconds["choose"], 3),
            "total": round(time.perf_counter() - started, 3),
            "steps": seconds,
        },
        "counts": {**counts, "pairsAboveThreshold": scored_pairs, "links": links},
        "linksFile": str(links_file),
        "versions": {"splink": splink.__version__, "duckdb": duckdb.__version__, "python": sys.version.split()[0]},
        "threads": connection.execute("SELECT current_setting('threads')").fetchone()[0],
        "settings": {"maxPairs": arguments.max_pairs, "threshold": arguments.threshold, "ukPostcodes": uk_postcodes},
    }
    print(json.dumps(result), flush=True)


def has_uk_postcodes(connection) -> bool:
    """Most postcodes present look like UK ones (the shape PostcodeComparison's levels expect)."""
    pattern = cl.PostcodeComparison.VALID_POSTCODE_REGEX
    share = connection.execute(
        f"""SELECT avg(CASE WHEN regexp_matches(upper(postcode), '{pattern}') THEN 1 ELSE 0 END)
              FROM (SELECT postcode FROM legacy UNION ALL SELECT postcode FROM target) WHERE postcode IS NOT NULL"""
    ).fetchone()[0]
    return share is not None and share >= 0.5


def choose_one_target_per_legacy(connection, predictions_table: str, links_file: Path) -> int:
    """Keeps, per legacy account, its most probable target: one customer has one target account."""
    # link_only puts either side on the left; the source dataset names which one it is.
    connection.execute(
        f"""
        CREATE TABLE scored_pair AS
        SELECT CASE WHEN source_dataset_l = 'legacy' THEN unique_id_l ELSE unique_id_r END AS legacy_id,
               CASE WHEN source_dataset_l = 'legacy' THEN unique_id_r ELSE unique_id_l END AS target_id,
               match_probability AS probability
          FROM {predictions_table}
        """
    )
    connection.execute(
        f"""
        COPY (SELECT legacy_id, target_id, probability FROM scored_pair
              QUALIFY row_number() OVER (PARTITION BY legacy_id ORDER BY probability DESC, target_id) = 1)
          TO '{links_file.as_posix()}' (HEADER, DELIMITER ',')
        """
    )
    return connection.execute("SELECT count(*) FROM scored_pair").fetchone()[0]


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--legacy", required=True, help="legacy directory export (CSV)")
    parser.add_argument("--target", required=True, help="target directory export (CSV)")
    parser.add_argument("--out", required=True, help="folder for splink-links.csv")
    parser.add_argument("--max-pairs", type=float, default=1e7, help="pairs sampled to estimate u")
    parser.add_argument("--threshold", type=float, default=0.5, help="lowest match probability kept")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the u sample")
    return parser.parse_args()


if __name__ == "__main__":
    main()
