"""Benchmark `govkit export` against `zip -6 -r` over the same generated data (~1 GB).

    python bench/bench_export.py [--gb 1.0] [--datasets 8] [--runs 2] [--append]

1. Generates a catalog in a temporary folder: `--datasets` public datasets of one
   CSV each, ~`--gb` GB in all, written by DuckDB (contracts-like rows: an id, a
   Jalali date with an ISO column asked for, a masked name, a hashed national
   ID, amounts, an enum, free text), and a Table Schema with constraints, so the
   export validates, redacts, normalises and packs as it would in a release.
2. Times, round-robin, as subprocesses under GNU time (`/usr/bin/time`, which
   also gives each run's peak RSS):
   - the peer: `zip -6 -r -q` of the catalog folder (if `zip` is missing,
     Python's `zipfile` at level 6, and the report says so);
   - `govkit export --no-cache --allow-dirty` (validation from scratch, as in
     CI), and the same with a warm validation cache;
   - the same data under a plain schema (no redaction, no ISO column, the same
     constraints), warm: what packaging alone costs. Its data files are hard
     links to the first catalog's.
3. Memory: govkit's peak RSS at a quarter of the data and at all of it; flat
   means the two are close.

Every run's exit code is checked. `--append` adds the figures to
bench/README.md (append only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
GNU_TIME = Path("/usr/bin/time")
ROW_BYTES = 120  # about, for the generated rows
TARGET_RATIO = 1.5
ENVIRON = {"SOURCE_DATE_EPOCH": "1700000000", "GOVKIT_HASH_KEY": "benchmark-key-0123456789abcdef"}

CONFIG = """\
govkit: 1
organisation:
  name: {en: Benchmark City}
  homepage: https://data.bench.example/
languages: [en]
"""
UNITS = """\
units:
  - id: finance
    name: {en: Finance}
    steward: {name: Sara Ahmadi, email: s.ahmadi@example.org}
"""
# No redaction: the two personal columns are declared companies' names and legal IDs, so
# that the release judgment lets them out as they are.
PLAIN_SCHEMA = """\
fields:
  - {name: contract_no, type: string, constraints: {required: true, unique: true}}
  - {name: signed, type: string, constraints: {pattern: '^\\d{4}/\\d{2}/\\d{2}$'}}
  - {name: unit, type: string}
  - {name: counterparty, type: string, sensitivity: none, subject_role: legal-person}
  - {name: national_id, type: string, subject_role: legal-person,
     constraints: {pattern: '^[0-9]{10}$'}}
  - {name: amount_irr, type: integer, constraints: {minimum: 0}}
  - {name: method, type: string, constraints: {enum: [tender, waived, direct]}}
  - {name: subject, type: string}
primaryKey: [contract_no]
"""
SCHEMA = """\
fields:
  - {name: contract_no, type: string, constraints: {required: true, unique: true}}
  - {name: signed, type: string, calendar: jalali, iso_date: signed_iso,
     constraints: {pattern: '^\\d{4}/\\d{2}/\\d{2}$'}}
  - {name: unit, type: string}
  - {name: counterparty, type: string, sensitivity: personal, redaction: mask}
  - {name: national_id, type: string, sensitivity: personal, redaction: hash,
     constraints: {pattern: '^[0-9]{10}$'}}
  - {name: amount_irr, type: integer, constraints: {minimum: 0}}
  - {name: method, type: string, constraints: {enum: [tender, waived, direct]}}
  - {name: subject, type: string}
primaryKey: [contract_no]
"""


def entry(index: int) -> str:
    name = f"contracts-{index:02d}"
    return f"""\
id: {name}
title: {{en: Contracts {index}}}
description: {{en: Generated contracts for the export benchmark.}}
unit: finance
steward: {{name: Sara Ahmadi, email: s.ahmadi@example.org}}
keywords: [contracts]
access_level: public
license: CC-BY-4.0
resources:
  - name: {name}
    path: finance/{name}/{name}.csv
    schema: contracts.schema.yaml
    format: csv
"""


def generate(root: Path, datasets: int, total_bytes: float) -> int:
    """Write the catalog; returns the data's size in bytes."""
    (root / "catalog/finance").mkdir(parents=True)
    (root / "schemas").mkdir()
    (root / "govkit.yaml").write_text(CONFIG)
    (root / "catalog/units.yaml").write_text(UNITS)
    (root / "schemas/contracts.schema.yaml").write_text(SCHEMA)
    rows = int(total_bytes / datasets / ROW_BYTES)
    connection = duckdb.connect()
    size = 0
    for index in range(datasets):
        name = f"contracts-{index:02d}"
        (root / f"catalog/finance/{name}.yaml").write_text(entry(index))
        target = root / f"catalog/finance/{name}/{name}.csv"
        target.parent.mkdir()
        connection.execute(
            f"""COPY (SELECT
                'C-{index:02d}-' || lpad(i::VARCHAR, 9, '0') AS contract_no,
                '1403/' || lpad((1 + i % 12)::VARCHAR, 2, '0') || '/'
                    || lpad((1 + i % 29)::VARCHAR, 2, '0') AS signed,
                'District ' || (1 + i % 22) AS unit,
                'Contractor number ' || (i * 7919 % 100003) AS counterparty,
                lpad((i * 104729 % 9999999999)::VARCHAR, 10, '0') AS national_id,
                (i * 1000003 % 50000000000)::VARCHAR AS amount_irr,
                ['tender', 'waived', 'direct'][1 + i % 3] AS method,
                'Maintenance of parks and roads, lot ' || (i % 997) AS subject
              FROM range({rows}) t(i)) TO '{target}' (HEADER true)"""  # noqa: S608
        )
        size += target.stat().st_size
    return size


def plain_variant(root: Path, plain: Path) -> None:
    """The same catalog with the plain schema; data files hard-linked, not copied."""
    shutil.copytree(root, plain, copy_function=os.link)
    (plain / "schemas/contracts.schema.yaml").unlink()
    (plain / "schemas/contracts.schema.yaml").write_text(PLAIN_SCHEMA)


@dataclass
class Timing:
    label: str
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """User + system CPU seconds: the work done, whatever else the machine is running."""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def measured(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds of one run, under GNU time."""
    with tempfile.NamedTemporaryFile("r") as report:
        wrapper = [str(GNU_TIME), "-f", "%e %M %U %S", "-o", report.name]
        done = subprocess.run(
            [*wrapper, *command], cwd=cwd, env=env, capture_output=True, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()[-2000:]}")
        seconds, rss_kb, user, system = report.read().split()[-4:]
    return float(seconds), float(rss_kb) / 1024, float(user) + float(system)


def peer_command(root: Path, out: Path) -> tuple[str, list[str]]:
    if shutil.which("zip"):
        return "zip -6 -r", ["zip", "-6", "-r", "-q", str(out), "catalog"]
    script = (
        "import os, sys, zipfile\n"
        "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED, compresslevel=6) as z:\n"
        "    for d, _, names in sorted(os.walk('catalog')):\n"
        "        for n in sorted(names): z.write(os.path.join(d, n))\n"
    )
    return "Python zipfile level 6 (no zip tool)", [sys.executable, "-c", script, str(out)]


def export_command(root: Path, out: Path, *, cached: bool) -> list[str]:
    command = [str(BIN / "govkit"), "export", "--root", str(root), "--out", str(out)]
    command += ["--allow-dirty", "-f", "json", "-o", str(out.parent / "report.json"), "-q"]
    return command if cached else [*command, "--no-cache"]


def run(root: Path, plain: Path, work: Path, runs: int) -> tuple[str, list[Timing]]:
    # The warm runs keep their validation cache in the work folder (XDG_CACHE_HOME).
    env = {**os.environ, **ENVIRON, "XDG_CACHE_HOME": str(work / "cache")}
    peer_name, peer = peer_command(root, work / "peer.zip")
    timings = [
        Timing(peer_name),
        Timing("govkit export, redacted (no cache)"),
        Timing("govkit export, redacted (warm cache)"),
        Timing("govkit export, plain schema (warm cache)"),
    ]
    commands = [
        peer,
        export_command(root, work / "release-cold", cached=False),
        export_command(root, work / "release-warm", cached=True),
        export_command(plain, work / "release-plain", cached=True),
    ]
    for warm_up in commands[2:]:  # fills the page cache and the validation cache
        measured(warm_up, root, env)
    for _ in range(runs):
        for timing, command in zip(timings, commands, strict=True):
            (work / "peer.zip").unlink(missing_ok=True)
            seconds, rss, cpu = measured(command, root, env)
            timing.seconds.append(seconds)
            timing.rss_mb.append(rss)
            timing.cpu.append(cpu)
    return peer_name, timings


LOADS: list[str] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=1.0, help="data to generate, in GB")
    parser.add_argument("--datasets", type=int, default=8)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--append", action="store_true", help="append to bench/README.md")
    options = parser.parse_args()
    if not GNU_TIME.is_file():
        raise SystemExit("needs GNU time at /usr/bin/time")
    LOADS.append(f"{os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="govkit-bench-export-") as folder:
        work = Path(folder)
        quarter = work / "quarter"
        generate(quarter, max(1, options.datasets // 4), options.gb * 1e9 / 4)
        small_rss = measured(
            export_command(quarter, work / "release-quarter", cached=False),
            quarter,
            {**os.environ, **ENVIRON},
        )[1]
        shutil.rmtree(quarter)
        root = work / "catalog-root"
        size = generate(root, options.datasets, options.gb * 1e9)
        plain = work / "plain-root"
        plain_variant(root, plain)
        peer_name, timings = run(root, plain, work, options.runs)
        LOADS.append(f"{os.getloadavg()[0]:.2f}")
        release_size = sum(
            p.stat().st_size for p in (work / "release-cold").rglob("*") if p.is_file()
        )
        text = report(
            options,
            size=size,
            release_size=release_size,
            peer_name=peer_name,
            timings=timings,
            small_rss=small_rss,
        )
    print(text)
    if options.append:
        with (HERE / "README.md").open("a", encoding="utf-8") as readme:
            readme.write("\n" + text)


def report(
    options: argparse.Namespace,
    *,
    size: int,
    release_size: int,
    peer_name: str,
    timings: list[Timing],
    small_rss: float,
) -> str:
    peer, cold, warm, plain = timings
    lines = [
        f"## Export, {dt.date.today().isoformat()}",
        "",
        f"`bench/bench_export.py --gb {options.gb} --datasets {options.datasets} "
        f"--runs {options.runs}` on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"duckdb {duckdb.__version__}.",
        f"Data: {size / 1e9:.2f} GB of CSV in {options.datasets} resources; "
        f"the release holds {release_size / 1e9:.2f} GB (loose files, zips, metadata).",
        "",
        "| run | median s | best s | CPU s | peak RSS MB | × peer |",
        "|---|---|---|---|---|---|",
    ]
    for timing in timings:
        lines.append(
            f"| {timing.label} | {timing.median:.1f} | {min(timing.seconds):.1f} | "
            f"{statistics.median(timing.cpu):.1f} | {max(timing.rss_mb):.0f} | "
            f"{timing.median / peer.median:.2f} |"
        )

    def verdict(timing: Timing) -> str:
        ratio = timing.median / peer.median
        return f"{'meets' if ratio <= TARGET_RATIO else 'misses'} it ({ratio:.2f}×)"

    lines += [
        "",
        f"Peer: {peer_name}. Target: export ≤ {TARGET_RATIO}× the peer. Validating every "
        f"file as well (no cache), the export {verdict(cold)}; with the data already "
        f"validated (warm cache, as after `govkit validate`) it {verdict(warm)}; "
        f"under the plain schema it {verdict(plain)}.",
        f"Load average before/after: {' / '.join(LOADS)} (other work on the machine skews "
        "the figures).",
        f"Memory: peak RSS {small_rss:.0f} MB at a quarter of the data, "
        f"{max(cold.rss_mb):.0f} MB at all of it.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
