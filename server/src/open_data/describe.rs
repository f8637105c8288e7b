//! Machine-readable descriptions of the dataset: CSVW for the CSV, DCAT
//! (JSON-LD) for the dataset, and schema.org JSON-LD for the data page and
//! for each public case study's page.
//!
//! The DCAT and schema.org documents carry their context inline (prefixes
//! and terms, no remote `@context`), so a JSON-LD processor reads them
//! offline.

use serde_json::{Value, json};

use super::export::CSV_COLUMNS;
use super::{Export, Format, LICENCE_NAME, LICENCE_URL};

pub const TITLE: &str = "Casebook: council case studies";
pub const DESCRIPTION: &str = "What UK councils tried, and what happened: every public, published case study \
    on Casebook, with its outcome, lessons, evidence and costs. Anonymous case studies name only the kind \
    and region of their council.";
pub const PUBLISHER: &str = "Casebook";

/// The CSVW metadata of `case-studies.csv` (W3C "Metadata Vocabulary for
/// Tabular Data"): its columns, their types, its licence. The table's URL is
/// relative to the metadata file's, as CSVW resolves it, so the pair
/// validates wherever it is downloaded to.
pub fn csvw() -> Value {
    let columns: Vec<Value> = CSV_COLUMNS
        .iter()
        .map(|name| {
            let mut column = json!({ "name": name, "titles": name, "datatype": csv_datatype(name) });
            if *name == "id" {
                column["required"] = json!(true);
            }
            column
        })
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/csvw",
        "url": Format::Csv.file_name(),
        "dc:title": TITLE,
        "dc:description": DESCRIPTION,
        "dc:publisher": PUBLISHER,
        "dc:license": { "@id": LICENCE_URL },
        "tableSchema": {
            "columns": columns,
            "primaryKey": "id",
        },
    })
}

/// The CSVW datatype of a column. Empty cells are nulls (the CSVW default).
fn csv_datatype(column: &str) -> &'static str {
    match column {
        "plannedCost" | "actualCost" => "nonNegativeInteger",
        "overBudget" | "late" => "boolean",
        "startedOn" | "endedOn" | "plannedEndOn" => "date",
        "publishedAt" | "updatedAt" => "dateTime",
        "url" | "evaluationUrl" => "anyURI",
        _ => "string",
    }
}

/// The JSON-LD context the DCAT description uses, inline.
fn dcat_context() -> Value {
    json!({
        "dcat": "http://www.w3.org/ns/dcat#",
        "dct": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "dct:license": { "@type": "@id" },
        "dct:publisher": { "@type": "@id" },
        "dcat:downloadURL": { "@type": "@id" },
        "dcat:accessURL": { "@type": "@id" },
        "dcat:landingPage": { "@type": "@id" },
        "dct:conformsTo": { "@type": "@id" },
        "dct:modified": { "@type": "xsd:dateTime" },
        "dcat:byteSize": { "@type": "xsd:nonNegativeInteger" },
    })
}

/// The DCAT description of the dataset (JSON-LD), with its two distributions.
pub fn dcat(public_url: &str, export: &Export) -> Value {
    let modified = export.modified.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let distributions: Vec<Value> = Format::ALL
        .iter()
        .map(|&format| {
            let file = export.file(format);
            let url = format!("{public_url}/data/{}", format.file_name());
            let mut distribution = json!({
                "@id": format!("{url}#distribution"),
                "@type": "dcat:Distribution",
                "dct:title": format!("{TITLE} ({})", if format == Format::Csv { "CSV" } else { "JSON" }),
                "dcat:downloadURL": url,
                "dcat:accessURL": url,
                "dcat:mediaType": format.media_type(),
                "dcat:byteSize": file.size.to_string(),
                "dct:modified": modified,
                "dct:license": LICENCE_URL,
            });
            if format == Format::Csv {
                distribution["dct:conformsTo"] = json!("http://www.w3.org/ns/csvw");
                distribution["rdfs:seeAlso"] = json!(format!("{public_url}/data/case-studies.csv-metadata.json"));
            }
            distribution
        })
        .collect();
    let mut context = dcat_context();
    context["rdfs"] = json!("http://www.w3.org/2000/01/rdf-schema#");
    json!({
        "@context": context,
        "@id": format!("{public_url}/data"),
        "@type": "dcat:Dataset",
        "dct:title": TITLE,
        "dct:description": DESCRIPTION,
        "dct:publisher": {
            "@id": format!("{public_url}/"),
            "@type": "foaf:Organization",
            "foaf:name": PUBLISHER,
        },
        "dct:license": LICENCE_URL,
        "dct:modified": modified,
        "dcat:landingPage": format!("{public_url}/data"),
        "dcat:keyword": ["local government", "case studies", "councils", "public services"],
        "dcat:distribution": distributions,
    })
}

/// The schema.org vocabulary, inline: the terms these pages use.
fn schema_org_context() -> Value {
    json!({
        "@vocab": "https://schema.org/",
        "url": { "@type": "@id" },
        "license": { "@type": "@id" },
        "contentUrl": { "@type": "@id" },
    })
}

/// schema.org `Dataset`, for the data page.
pub fn schema_org_dataset(public_url: &str, export: &Export) -> Value {
    let modified = export.modified.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let distributions: Vec<Value> = Format::ALL
        .iter()
        .map(|&format| {
            json!({
                "@type": "DataDownload",
                "encodingFormat": format.media_type(),
                "contentUrl": format!("{public_url}/data/{}", format.file_name()),
                "contentSize": export.file(format).size.to_string(),
            })
        })
        .collect();
    json!({
        "@context": schema_org_context(),
        "@type": "Dataset",
        "name": TITLE,
        "description": DESCRIPTION,
        "url": format!("{public_url}/data"),
        "license": LICENCE_URL,
        "isAccessibleForFree": true,
        "dateModified": modified,
        "creator": { "@type": "Organization", "name": PUBLISHER },
        "distribution": distributions,
    })
}

/// What a schema.org `Report` about a public case study says.
pub struct ReportFacts<'a> {
    pub url: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    /// None for an anonymous case study.
    pub council: Option<&'a str>,
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub modified_at: Option<chrono::DateTime<chrono::Utc>>,
    pub keywords: Vec<String>,
}

/// schema.org `Report` JSON-LD for a public case study's page.
pub fn schema_org_report(facts: &ReportFacts<'_>) -> Value {
    let time = |at: chrono::DateTime<chrono::Utc>| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut report = json!({
        "@context": schema_org_context(),
        "@type": "Report",
        "headline": facts.title,
        "name": facts.title,
        "abstract": facts.summary,
        "url": facts.url,
        "license": LICENCE_URL,
        "keywords": facts.keywords.join(", "),
        "isAccessibleForFree": true,
    });
    if let Some(council) = facts.council {
        report["author"] = json!({ "@type": "GovernmentOrganization", "name": council });
    }
    if let Some(at) = facts.published_at {
        report["datePublished"] = json!(time(at));
    }
    if let Some(at) = facts.modified_at.or(facts.published_at) {
        report["dateModified"] = json!(time(at));
    }
    report
}

/// JSON for a `<script type="application/ld+json">` element: `<`, `>` and
/// `&` escaped, so no text in it can close the element.
pub fn for_script_element(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// The licence, as the data page names it.
pub fn licence() -> (&'static str, &'static str) {
    (LICENCE_NAME, LICENCE_URL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_element() {
        let text = for_script_element(&json!({ "name": "</script><script>alert(1)</script>" }));
        assert!(!text.contains("</script"));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script>");
    }

    #[test]
    fn csvw_lists_every_csv_column_in_order() {
        let metadata = csvw();
        let names: Vec<&str> = metadata["tableSchema"]["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|column| column["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, CSV_COLUMNS);
        assert_eq!(metadata["dc:license"]["@id"], LICENCE_URL);
    }
}
