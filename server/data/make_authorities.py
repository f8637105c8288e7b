#!/usr/bin/env python3
"""Regenerate authorities.csv (Casebook's own register) from mySociety's
"UK Local Authorities (past and current)" CSV and the councils' email domains.

    python3 server/data/make_authorities.py ../shared/data/uk_local_authorities_current.csv \
        ../shared/data/council_email_domains.csv > server/data/authorities.csv

Email domains come from council_email_domains.csv (its README: GOV.UK
Notify's organisation list and manual additions): `domains` make members of
that council, `shared-domains` (shared services) make PENDING members an
admin places. A council without known domains has none: its officers wait
for an admin. The running server reads the mySociety format itself
(`casebook import-authorities`); this script only produces the file the
binary ships with.
"""
import collections
import csv
import re
import sys

KINDS = {
    "NMD": "DISTRICT", "UA": "UNITARY", "MD": "METROPOLITAN_DISTRICT",
    "SCO": "SCOTTISH_COUNCIL", "LBO": "LONDON_BOROUGH", "WPA": "WELSH_COUNCIL",
    "CTY": "COUNTY", "COMB": "COMBINED_AUTHORITY", "NID": "NORTHERN_IRELAND_DISTRICT",
}

# The official Welsh names of the 22 Welsh councils (the register's alt-names
# hold the places' Welsh names, not the councils').
WELSH_NAMES = {
    "AGY": "Cyngor Sir Ynys Môn",
    "BGE": "Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr",
    "BGW": "Cyngor Bwrdeistref Sirol Blaenau Gwent",
    "CAY": "Cyngor Bwrdeistref Sirol Caerffili",
    "CGN": "Cyngor Sir Ceredigion",
    "CMN": "Cyngor Sir Caerfyrddin",
    "CRF": "Cyngor Dinas Caerdydd",
    "CWY": "Cyngor Bwrdeistref Sirol Conwy",
    "DEN": "Cyngor Sir Ddinbych",
    "FLN": "Cyngor Sir y Fflint",
    "GWN": "Cyngor Gwynedd",
    "MON": "Cyngor Sir Fynwy",
    "MTY": "Cyngor Bwrdeistref Sirol Merthyr Tudful",
    "NTL": "Cyngor Bwrdeistref Sirol Castell-nedd Port Talbot",
    "NWP": "Cyngor Dinas Casnewydd",
    "PEM": "Cyngor Sir Penfro",
    "POW": "Cyngor Sir Powys",
    "RCT": "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf",
    "SWA": "Cyngor Dinas a Sir Abertawe",
    "TOF": "Cyngor Bwrdeistref Sirol Torfaen",
    "VGL": "Cyngor Bro Morgannwg",
    "WRX": "Cyngor Bwrdeistref Sirol Wrecsam",
}


def kebab(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main(path, domains_path):
    rows = [r for r in csv.DictReader(open(path, newline="", encoding="utf-8"))]
    domains = {r["local-authority-code"]: r for r in csv.DictReader(open(domains_path, newline="", encoding="utf-8"))}
    current = [r for r in rows if r["current-authority"] == "True"]
    member_regions = collections.defaultdict(collections.Counter)
    for r in current:
        for ca in filter(None, r["combined-authority"].split(",")):
            if r["region"]:
                member_regions[ca][r["region"]] += 1
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["register_code", "slug", "name", "gss_code", "kind", "region", "nation", "email_domains",
                  "shared_email_domains", "name_cy"])
    seen = set()
    seen_codes = {r["local-authority-code"] for r in current}
    for r in sorted(current, key=lambda r: r["local-authority-code"]):
        slug = r["gov-uk-slug"] or kebab(r["nice-name"])
        assert slug not in seen, slug
        seen.add(slug)
        region = r["region"]
        if not region and member_regions[r["local-authority-code"]]:
            region = member_regions[r["local-authority-code"]].most_common(1)[0][0]
        if not region and r["nation"] != "England":
            region = r["nation"]
        out.writerow([
            r["local-authority-code"], slug, r["official-name"], r["gss-code"],
            KINDS.get(r["local-authority-type"], "OTHER"), kebab(region), kebab(r["nation"]),
            domains.get(r["local-authority-code"], {}).get("domains", ""),
            domains.get(r["local-authority-code"], {}).get("shared-domains", ""),
            WELSH_NAMES.get(r["local-authority-code"], ""),
        ])
    assert all(code in seen_codes for code in WELSH_NAMES), "a Welsh council is missing from the register"


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
