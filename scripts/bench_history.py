#!/usr/bin/env python3
"""Compares one `make bench` run with the figures recorded in bench/history.csv, and records it.

Usage: bench_history.py HISTORY RESULTS [--record COMMIT]

RESULTS is a file of `metric<TAB>seconds` lines written by scripts/bench.sh. HISTORY holds one
row per metric per recorded run (`date,commit,cores,metric,seconds`). Prints each metric beside
its last recorded value on a machine with as many cores, and the ratio (above 1: slower now).
With --record, appends this run's rows.
"""
import csv
import datetime
import os
import sys


def main():
    args = sys.argv[1:]
    if len(args) not in (2, 4) or (len(args) == 4 and args[2] != "--record"):
        sys.exit(__doc__.strip().splitlines()[2])
    history_path, results_path = args[0], args[1]
    commit = args[3] if len(args) == 4 else None
    cores = str(os.cpu_count())
    current = []
    with open(results_path, encoding="utf-8") as results:
        for line in results:
            metric, _, seconds = line.rstrip("\n").partition("\t")
            if metric and seconds:
                current.append((metric, float(seconds)))
    rows = []
    if os.path.exists(history_path):
        with open(history_path, encoding="utf-8", newline="") as history:
            rows = [row for row in csv.DictReader(history)]
    same_kind = sorted((row for row in rows if row["cores"] == cores), key=lambda row: row["date"])
    # Each figure against its own last recorded value: a cold-start run and a checks run are
    # recorded apart, and neither should hide the other's figures.
    previous = {row["metric"]: float(row["seconds"]) for row in same_kind}
    label = "none recorded on a machine with %s cores" % cores
    if same_kind:
        label = "each figure's last recorded value, the latest %s (%s)" % (same_kind[-1]["date"], same_kind[-1]["commit"])
    print()
    print("Against %s" % label)
    width = max([len(metric) for metric, _ in current] + [6])
    print("%-*s %10s %10s %7s" % (width, "metric", "now (s)", "then (s)", "ratio"))
    for metric, seconds in current:
        then = previous.get(metric)
        ratio = "%.2f" % (seconds / then) if then else "-"
        flag = "  slower" if then and seconds / then > 1.2 and seconds - then > 1 else ""
        print("%-*s %10.1f %10s %7s%s" % (width, metric, seconds, "%.1f" % then if then else "-", ratio, flag))
    if commit:
        new_file = not os.path.exists(history_path)
        os.makedirs(os.path.dirname(history_path) or ".", exist_ok=True)
        date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        with open(history_path, "a", encoding="utf-8", newline="") as history:
            writer = csv.writer(history, lineterminator="\n")
            if new_file:
                writer.writerow(["date", "commit", "cores", "metric", "seconds"])
            for metric, seconds in current:
                writer.writerow([date, commit, cores, metric, "%.1f" % seconds])
        print("recorded in %s as %s" % (history_path, date))


if __name__ == "__main__":
    main()
