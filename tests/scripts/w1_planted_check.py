#!/usr/bin/env python3
"""Checks W1 results on `thidua gen --size tiny` data against the planted edge cases.

The generator plants, in the last 9 units of every district, units whose members sit exactly on
the W1 rules' boundaries (shared/workloads/w1.md). Their expected results follow from the rules
by hand, independently of any implementation, so this test pins both the generator's planting
and the semantics of whatever computed RESULTS (the hand-written baseline today, thidua later).

usage: w1_planted_check.py DATA_DIR RESULTS_DIR
"""
import csv
import sys
from collections import defaultdict

data, results = sys.argv[1], sys.argv[2]
YEAR = 2024
UNITS_PER_DISTRICT, DISTRICTS = 60, 3


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


persons = {r["person_id"]: r for r in rows(f"{results}/person_results.csv")}
units = {r["unit_id"]: r for r in rows(f"{results}/unit_results.csv")}
members = defaultdict(list)
for r in rows(f"{data}/person_years.csv"):
    if int(r["year"]) == YEAR:
        members[r["unit_id"]].append(r)

failures = []


def expect(what, actual, wanted):
    if actual != wanted:
        failures.append(f"{what}: got {actual}, expected {wanted}")


for d in range(DISTRICTS):
    first = d * UNITS_PER_DISTRICT + UNITS_PER_DISTRICT - 9
    u = [f"U{first + k:06d}" for k in range(9)]
    flags = lambda uid: (units[uid]["TTLDTT"], units[uid]["TTLDXS"], units[uid]["CO_TINH"])
    expect(f"{u[0]} exactly 70% LDTT (TTLDTT, TTLDXS, CO_TINH)", flags(u[0]), ("1", "1", "1"))
    expect(f"{u[1]} 70% twin loses the cluster flag on unit_id", flags(u[1]), ("1", "1", "0"))
    expect(f"{u[2]} 60% LDTT", flags(u[2]), ("1", "0", "0"))
    expect(f"{u[3]} exactly 50% LDTT", flags(u[3])[0], "0")
    expect(f"{u[4]} 3 of 5 LDTT", flags(u[4])[0], "1")
    expect(f"{u[7]} leave exceptions: 2 of 4 LDTT", flags(u[7])[0], "0")
    expect(f"{u[8]} a member with canh_cao", flags(u[8]), ("0", "0", "0"))
    expect(f"{u[0]} money 0.8+1.5+8.0 base", units[u[0]]["money"], str(103 * 234000))

    # Quota 15% of 7 LDTT = 1 place, two candidates tied on score: the smaller person_id wins.
    tied = sorted(m["person_id"] for m in members[u[5]] if m["initiatives"] == "1")
    expect(f"{u[5]} tied candidates", len(tied), 2)
    if len(tied) == 2:
        expect(f"{tied[0]} wins the tie (CSTDCS, CSTD_TINH)",
               (persons[tied[0]]["CSTDCS"], persons[tied[0]]["CSTD_TINH"]), ("1", "1"))
        expect(f"{tied[1]} loses the tie", (persons[tied[1]]["CSTDCS"], persons[tied[1]]["CSTD_TINH"]),
               ("0", "0"))
        expect(f"{tied[1]} still gets BK_TINH as its form", persons[tied[1]]["form"], "BK_TINH")
        # 0.3 LDTT + 1.0 CSTDCS + 3.0 CSTD_TINH + 1.0 BK_TINH = 5.3 base
        expect(f"{tied[0]} money", persons[tied[0]]["money"], str(53 * 234000))
    # Quota 15% of 6 LDTT = 0 places.
    for m in members[u[6]]:
        expect(f"{m['person_id']} quota of 0", persons[m["person_id"]]["CSTDCS"], "0")
    # Leave: maternity counts as work, long sickness does not, 9 months is short.
    for m in members[u[7]]:
        wanted = "1" if m["leave"] == "thai_san" else "0"
        expect(f"{m['person_id']} LDTT with leave {m['leave']}, {m['months_worked']} months",
               persons[m["person_id"]]["LDTT"], wanted)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"planted edge cases hold in {DISTRICTS} districts")
