//! `/data`: the page that explains reusing the public record under the Open
//! Government Licence, and the files (`open_data` makes them). The files
//! are shared and cached, like feeds: no cookies, what anyone may read.
//! They stream from disk with an `ETag` (a hash of the content) and
//! `Last-Modified` (when the content last changed), and answer a matching
//! `If-None-Match` or `If-Modified-Since` with 304.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use super::{Layout, PageResult, internal_error};
use crate::app::AppState;
use crate::open_data::describe;
use crate::open_data::{Export, Format, LICENCE_URL};

#[derive(Template, WebTemplate)]
#[template(path = "open_data.html")]
pub struct DataPage {
    layout: Layout,
    title: String,
    description: String,
    licence_name: String,
    licence_url: &'static str,
    case_studies: u64,
    modified: String,
    files: Vec<FileLink>,
    /// schema.org `Dataset`, ready for a `<script type="application/ld+json">`.
    json_ld: String,
}

pub struct FileLink {
    url: String,
    label: String,
    size: String,
}

/// `GET /data`
pub async fn page(State(state): State<AppState>, layout: Layout) -> PageResult {
    let export = match state.open_data.current(&state.reads).await {
        Ok(export) => export,
        Err(error) => return Ok(internal_error(layout, &error)),
    };
    let public_url = state.open_data.public_url();
    let mut files: Vec<FileLink> = Format::ALL
        .iter()
        .map(|&format| FileLink {
            url: format!("/data/{}", format.file_name()),
            label: layout.t(match format {
                Format::Csv => "view-file-csv",
                Format::Json => "view-file-json",
            }),
            size: human_size(export.file(format).size),
        })
        .collect();
    files.push(FileLink {
        url: "/data/case-studies.csv-metadata.json".into(),
        label: layout.t("view-file-csvw"),
        size: String::new(),
    });
    files.push(FileLink { url: "/data/dataset.jsonld".into(), label: layout.t("view-file-dcat"), size: String::new() });
    Ok(DataPage {
        // The page in its language; the descriptions (DCAT, CSVW, JSON-LD) in English, as published.
        title: layout.t("view-data-title"),
        description: layout.t("view-data-description"),
        licence_name: layout.t("view-licence-name"),
        licence_url: LICENCE_URL,
        case_studies: export.case_studies,
        modified: super::view::moment(export.modified, layout.locale),
        files,
        json_ld: describe::for_script_element(&describe::schema_org_dataset(public_url, &export)),
        layout,
    }
    .into_response())
}

/// `GET /data/{file}`
pub async fn file(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let format = Format::ALL.into_iter().find(|format| format.file_name() == file);
    let described = matches!(file.as_str(), "case-studies.csv-metadata.json" | "dataset.jsonld");
    if format.is_none() && !described {
        return (StatusCode::NOT_FOUND, "no such file: see /data").into_response();
    }
    let export = match state.open_data.current(&state.reads).await {
        Ok(export) => export,
        Err(error) => {
            tracing::warn!(%error, "cannot serve the open data");
            return error.code().http_status().into_response();
        }
    };
    let public_url = state.open_data.public_url();
    match (format, file.as_str()) {
        (Some(format), _) => stream(&export, format, &headers).await,
        (None, "case-studies.csv-metadata.json") => description(&export, "application/csvm+json", describe::csvw()),
        _ => description(&export, "application/ld+json", describe::dcat(public_url, &export)),
    }
}

/// A description of the dataset, as fresh as the export it describes.
fn description(export: &Export, media_type: &'static str, document: serde_json::Value) -> Response {
    let mut response = (StatusCode::OK, serde_json::to_string_pretty(&document).unwrap_or_default()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    cache_headers(headers, export.modified, None);
    response
}

async fn stream(export: &Export, format: Format, request: &HeaderMap) -> Response {
    let file = export.file(format);
    if not_modified(request, &file.etag, export.modified) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        cache_headers(response.headers_mut(), export.modified, Some(&file.etag));
        return response;
    }
    let opened = match tokio::fs::File::open(&file.path).await {
        Ok(opened) => opened,
        Err(error) => {
            tracing::error!(%error, path = %file.path.display(), "the open data file is missing");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let mut response = Body::from_stream(chunks_of(opened)).into_response();
    let headers = response.headers_mut();
    let media_type = match format {
        Format::Csv => "text/csv; charset=utf-8; header=present",
        Format::Json => "application/json",
    };
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(file.size));
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("inline; filename=\"{}\"", format.file_name()))
            .unwrap_or(HeaderValue::from_static("inline")),
    );
    let described_by = match format {
        Format::Csv => "</data/case-studies.csv-metadata.json>; rel=\"describedby\"; type=\"application/csvm+json\"",
        Format::Json => "</data/dataset.jsonld>; rel=\"describedby\"; type=\"application/ld+json\"",
    };
    headers.insert(header::LINK, HeaderValue::from_static(described_by));
    cache_headers(headers, export.modified, Some(&file.etag));
    response
}

/// The file as a stream of chunks, read as the client takes them.
fn chunks_of(file: tokio::fs::File) -> impl futures_util::Stream<Item = std::io::Result<Vec<u8>>> {
    use tokio::io::AsyncReadExt;
    const CHUNK: usize = 64 * 1024;
    futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut chunk = Vec::with_capacity(CHUNK);
        match (&mut file).take(CHUNK as u64).read_to_end(&mut chunk).await {
            Ok(0) => None,
            Ok(_) => Some((Ok(chunk), Some(file))),
            Err(error) => Some((Err(error), None)),
        }
    })
}

/// `If-None-Match` wins over `If-Modified-Since` (RFC 9110 §13.2.2).
fn not_modified(request: &HeaderMap, etag: &str, modified: DateTime<Utc>) -> bool {
    if let Some(tags) = request.get(header::IF_NONE_MATCH).and_then(|value| value.to_str().ok()) {
        return tags.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag);
    }
    let since = request
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| DateTime::parse_from_rfc2822(value).ok());
    // HTTP dates have whole seconds: compare at that precision.
    since.is_some_and(|since| modified.timestamp() <= since.timestamp())
}

fn cache_headers(headers: &mut HeaderMap, modified: DateTime<Utc>, etag: Option<&str>) {
    if let Ok(value) = HeaderValue::from_str(&modified.format("%a, %d %b %Y %H:%M:%S GMT").to_string()) {
        headers.insert(header::LAST_MODIFIED, value);
    }
    if let Some(value) = etag.and_then(|etag| HeaderValue::from_str(etag).ok()) {
        headers.insert(header::ETAG, value);
    }
    // Caches keep it but ask again every time (cheap, by ETag): a takedown
    // must leave the open data as soon as the export is made again.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
}

fn human_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.0} kB", bytes as f64 / 1_000.0),
        _ => format!("{:.1} MB", bytes as f64 / 1_000_000.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(name: header::HeaderName, value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn a_matching_etag_is_not_modified_and_another_is() {
        let modified = Utc::now();
        assert!(not_modified(&headers(header::IF_NONE_MATCH, "\"abc\""), "\"abc\"", modified));
        assert!(not_modified(&headers(header::IF_NONE_MATCH, "\"x\", W/\"abc\""), "\"abc\"", modified));
        assert!(!not_modified(&headers(header::IF_NONE_MATCH, "\"old\""), "\"abc\"", modified));
    }

    #[test]
    fn modified_since_compares_whole_seconds() {
        let modified = DateTime::parse_from_rfc3339("2026-12-01T10:00:00.600Z").unwrap().with_timezone(&Utc);
        let at = "Tue, 01 Dec 2026 10:00:00 GMT";
        assert!(not_modified(&headers(header::IF_MODIFIED_SINCE, at), "\"abc\"", modified));
        let before = "Tue, 01 Dec 2026 09:59:59 GMT";
        assert!(!not_modified(&headers(header::IF_MODIFIED_SINCE, before), "\"abc\"", modified));
    }
}
