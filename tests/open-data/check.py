"""Checks Casebook's open data with real tools, offline.

Usage: check.py DIR

DIR holds what the server published: case-studies.csv, case-studies.json,
case-studies.csv-metadata.json, dataset.jsonld, data.html (the /data page)
and case-study.html (a public case study's page). The files are read with
Python's csv and json modules, the CSV is validated against the project's
CSVW metadata by csvw, and every JSON-LD document is expanded by PyLD and
parsed into RDF by rdflib, with no network: each must carry its context
inline. Prints one line per check and exits non-zero on the first failure.
"""

import csv
import json
import re
import sys
from pathlib import Path

import csvw
import rdflib
from pyld import jsonld

OGL = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
SCHEMA = rdflib.Namespace("https://schema.org/")


def offline_loader(url, options=None):
    raise jsonld.JsonLdError(f"no network: the document must not load {url}", "loading document failed")


jsonld.set_document_loader(offline_loader)


def ok(message):
    print(f"ok: {message}")


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def script_json_ld(html, name):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    if len(blocks) != 1:
        fail(f"{name}: expected one JSON-LD block, found {len(blocks)}")
    return json.loads(blocks[0])


def graph_of(document, name):
    expanded = jsonld.expand(document)
    if not expanded:
        fail(f"{name}: expands to nothing")
    graph = rdflib.Graph()
    graph.parse(data=json.dumps(document), format="json-ld")
    if len(graph) == 0:
        fail(f"{name}: no triples")
    ok(f"{name}: PyLD expands it and rdflib reads {len(graph)} triples")
    return graph


def main(folder):
    folder = Path(folder)
    with open(folder / "case-studies.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    records = json.loads((folder / "case-studies.json").read_text(encoding="utf-8"))
    if records.get("license") != OGL:
        fail("case-studies.json does not carry the OGL v3.0 licence")
    cases = records["caseStudies"]
    if len(rows) != len(cases):
        fail(f"{len(rows)} CSV rows but {len(cases)} JSON records")
    if sorted(r["id"] for r in rows) != sorted(c["id"] for c in cases):
        fail("the CSV and the JSON hold different case studies")
    ok(f"csv and json read {len(rows)} case studies, the same in both")
    for row in rows:
        for column, cell in row.items():
            if cell and cell[0] in "=+-@\t\r":
                fail(f"a CSV cell a spreadsheet would run: {column}={cell!r}")
    ok("no CSV cell starts like a formula")

    metadata = json.loads((folder / "case-studies.csv-metadata.json").read_text(encoding="utf-8"))
    if metadata.get("dc:license", {}).get("@id") != OGL:
        fail("the CSVW metadata does not name the licence")
    names = [column["name"] for column in metadata["tableSchema"]["columns"]]
    with open(folder / "case-studies.csv", newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    if header != names:
        fail(f"the CSV's header {header} is not the metadata's columns {names}")
    table = csvw.CSVW(str(folder / "case-studies.csv-metadata.json"), validate=True)
    if not table.is_valid:
        fail(f"csvw: the CSV does not validate: {[str(w.message) for w in table.warnings]}")
    typed = list(table.tables[0].iterdicts(strict=True))
    if len(typed) != len(rows):
        fail("csvw read a different number of rows")
    ok(f"csvw validates the CSV against its metadata ({len(typed)} typed rows)")

    dataset = json.loads((folder / "dataset.jsonld").read_text(encoding="utf-8"))
    graph = graph_of(dataset, "dataset.jsonld (DCAT)")
    datasets = list(graph.subjects(rdflib.RDF.type, DCAT.Dataset))
    if len(datasets) != 1:
        fail("DCAT: expected one dcat:Dataset")
    subject = datasets[0]
    for predicate in (DCT.title, DCT.description, DCT.publisher, DCT.license):
        if graph.value(subject, predicate) is None:
            fail(f"DCAT: the dataset has no {predicate}")
    if str(graph.value(subject, DCT.license)) != OGL:
        fail("DCAT: the licence is not the OGL v3.0")
    distributions = list(graph.objects(subject, DCAT.distribution))
    media = set()
    for distribution in distributions:
        for predicate in (DCAT.downloadURL, DCAT.mediaType, DCAT.byteSize, DCT.modified):
            if graph.value(distribution, predicate) is None:
                fail(f"DCAT: a distribution has no {predicate}")
        media.add(str(graph.value(distribution, DCAT.mediaType)))
    if media != {"text/csv", "application/json"}:
        fail(f"DCAT: distributions' media types are {media}")
    ok("DCAT: title, description, publisher, licence and two distributions with URL, type, size and modified")

    page = script_json_ld((folder / "data.html").read_text(encoding="utf-8"), "data page")
    graph = graph_of(page, "the data page's schema.org Dataset")
    if not list(graph.subjects(rdflib.RDF.type, SCHEMA.Dataset)):
        fail("the data page's JSON-LD is not a schema.org Dataset")
    report = script_json_ld((folder / "case-study.html").read_text(encoding="utf-8"), "case study page")
    graph = graph_of(report, "the case study page's schema.org Report")
    if not list(graph.subjects(rdflib.RDF.type, SCHEMA.Report)):
        fail("the case study page's JSON-LD is not a schema.org Report")
    ok("all checks passed")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        fail(__doc__)
    main(sys.argv[1])
