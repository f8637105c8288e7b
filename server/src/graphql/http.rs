//! `/graphql` over HTTP, as the GraphQL-over-HTTP specification says:
//! content negotiation between `application/graphql-response+json` and
//! `application/json`, request validation with the right status codes,
//! queries (never mutations) over GET, GraphiQL for browsers, and a body
//! size limit with a JSON answer.

use async_graphql::Variables;
use async_graphql::parser::types::{ExecutableDocument, OperationType};
use axum::body::{Body, to_bytes};
use axum::extract::{RawQuery, State};
use axum::http::header::{ACCEPT, ALLOW, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::RequestContext;
use super::errors::add_missing_codes;
use super::limits::{self, DocumentRefusal};
use crate::app::AppState;
use crate::error::{AppError, ErrorCode};
use crate::i18n;
use crate::identity;
use crate::operations::metrics;

/// The largest request body accepted: a 100,000-character Markdown body,
/// escaped, fits with room to spare.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaType {
    GraphqlResponseJson,
    Json,
}

impl MediaType {
    fn content_type(self) -> &'static str {
        match self {
            MediaType::GraphqlResponseJson => "application/graphql-response+json; charset=utf-8",
            MediaType::Json => "application/json; charset=utf-8",
        }
    }
}

/// The first media type of `Accept` that we can produce; JSON when absent.
fn negotiate(headers: &HeaderMap) -> Option<MediaType> {
    let Some(accept) = headers.get(ACCEPT).and_then(|value| value.to_str().ok()) else {
        return Some(MediaType::Json);
    };
    accept.split(',').find_map(|entry| {
        let media = entry.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match media.as_str() {
            "application/graphql-response+json" => Some(MediaType::GraphqlResponseJson),
            "application/json" | "application/*" | "*/*" => Some(MediaType::Json),
            _ => None,
        }
    })
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers.get(ACCEPT).and_then(|value| value.to_str().ok()).is_some_and(|accept| accept.contains("text/html"))
}

/// A request-level error (not GraphQL execution): the status and a JSON body
/// that says why, with the code of anything else the client sent wrong.
fn request_error(status: StatusCode, media: MediaType, message: &str) -> Response {
    error_response(status, media, message, ErrorCode::BadUserInput)
}

pub async fn get(State(state): State<AppState>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    if wants_html(&headers) && negotiate_strict(&headers).is_none() {
        return super::graphiql::page();
    }
    let Some(media) = negotiate(&headers) else {
        return request_error(StatusCode::NOT_ACCEPTABLE, MediaType::Json, "the Accept header allows no JSON response");
    };
    let params: Vec<(String, String)> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
    let param = |name: &str| params.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
    let mut object = serde_json::Map::new();
    if let Some(query) = param("query") {
        object.insert("query".into(), Value::String(query));
    }
    if let Some(name) = param("operationName") {
        object.insert("operationName".into(), Value::String(name));
    }
    for name in ["variables", "extensions"] {
        if let Some(text) = param(name) {
            match serde_json::from_str::<Value>(&text) {
                Ok(value) => {
                    object.insert(name.into(), value);
                }
                Err(_) => {
                    return request_error(StatusCode::BAD_REQUEST, media, &format!("`{name}` is not JSON"));
                }
            }
        }
    }
    execute(state, headers, media, Value::Object(object), Method::Get).await
}

/// Like `negotiate`, but only when the client asked for JSON explicitly.
fn negotiate_strict(headers: &HeaderMap) -> Option<MediaType> {
    let accept = headers.get(ACCEPT)?.to_str().ok()?;
    accept.split(',').find_map(|entry| match entry.split(';').next().unwrap_or("").trim() {
        "application/graphql-response+json" => Some(MediaType::GraphqlResponseJson),
        "application/json" => Some(MediaType::Json),
        _ => None,
    })
}

pub async fn post(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let Some(media) = negotiate(&headers) else {
        return request_error(StatusCode::NOT_ACCEPTABLE, MediaType::Json, "the Accept header allows no JSON response");
    };
    let content_type = headers.get(CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence != "application/json" {
        return request_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            media,
            "send the request as Content-Type: application/json",
        );
    }
    let bytes = match to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return request_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                media,
                &format!("the request body is over {MAX_BODY_BYTES} bytes"),
            );
        }
    };
    let Ok(value) = serde_json::from_slice::<Value>(&bytes) else {
        return request_error(StatusCode::BAD_REQUEST, media, "the request body is not valid JSON");
    };
    execute(state, headers, media, value, Method::Post).await
}

#[derive(PartialEq, Eq)]
enum Method {
    Get,
    Post,
}

impl Method {
    fn http(&self) -> axum::http::Method {
        match self {
            Method::Get => axum::http::Method::GET,
            Method::Post => axum::http::Method::POST,
        }
    }
}

/// Checks the parameters' types (GraphQL-over-HTTP: `query` a string,
/// `operationName` a string or null, `variables` and `extensions` maps or null).
fn parse_params(value: Value) -> Result<async_graphql::Request, &'static str> {
    let Value::Object(mut object) = value else {
        return Err("the request body must be a JSON object");
    };
    let Some(Value::String(query)) = object.remove("query") else {
        return Err("`query` must be a string");
    };
    let mut request = async_graphql::Request::new(query);
    match object.remove("operationName") {
        None | Some(Value::Null) => {}
        Some(Value::String(name)) => request = request.operation_name(name),
        Some(_) => return Err("`operationName` must be a string or null"),
    }
    match object.remove("variables") {
        None | Some(Value::Null) => {}
        Some(variables @ Value::Object(_)) => request = request.variables(Variables::from_json(variables)),
        Some(_) => return Err("`variables` must be a map or null"),
    }
    match object.remove("extensions") {
        None | Some(Value::Null) | Some(Value::Object(_)) => {}
        Some(_) => return Err("`extensions` must be a map or null"),
    }
    Ok(request)
}

/// The name (if it has one) and type of the operation the request would run in its parsed document.
fn operation(
    request: &async_graphql::Request,
    document: &ExecutableDocument,
) -> Option<(Option<String>, OperationType)> {
    let (name, operation) = match &request.operation_name {
        Some(name) => {
            document.operations.iter().find(|(op_name, _)| op_name.map(|n| n.as_str()) == Some(name.as_str()))
        }
        None => document.operations.iter().next(),
    }?;
    Some((name.map(|name| name.to_string()), operation.node.ty))
}

/// The outcome label of the metrics: `ok`, or the first error's code.
fn outcome(errors: &[async_graphql::ServerError]) -> String {
    let Some(error) = errors.first() else { return "ok".to_owned() };
    match error.extensions.as_ref().and_then(|extensions| extensions.get("code")) {
        Some(async_graphql::Value::String(code)) => code.clone(),
        _ => ErrorCode::Internal.as_str().to_owned(),
    }
}

async fn execute(state: AppState, headers: HeaderMap, media: MediaType, params: Value, method: Method) -> Response {
    let mut request = match parse_params(params) {
        Ok(request) => request,
        Err(message) => return request_error(StatusCode::BAD_REQUEST, media, message),
    };
    // Before async-graphql sees it: a document nested deeper than any query we
    // allow, or whose fragments fan out, is refused in time linear in its
    // size (the parser's recursion, and async-graphql's walks of fragments,
    // are not).
    // Refused as async-graphql refuses a document that fails validation: 400
    // for `application/graphql-response+json`, 200 for `application/json`.
    let refused = if media == MediaType::GraphqlResponseJson { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    let document = match limits::check_document(&request.query) {
        Ok(document) => document,
        Err(DocumentRefusal::TooComplex(message)) => {
            metrics::graphql_operation(None, "query", ErrorCode::QueryTooComplex.as_str());
            return error_response(refused, media, &message, ErrorCode::QueryTooComplex);
        }
        Err(DocumentRefusal::FragmentCycle(message)) => {
            return error_response(refused, media, &message, ErrorCode::BadUserInput);
        }
    };
    let (name, kind) =
        document.as_ref().and_then(|document| operation(&request, document)).unwrap_or((None, OperationType::Query));
    let is_mutation = kind == OperationType::Mutation;
    if method == Method::Get && is_mutation {
        let mut response = request_error(StatusCode::METHOD_NOT_ALLOWED, media, "mutations are only allowed over POST");
        response.headers_mut().insert(ALLOW, HeaderValue::from_static("POST"));
        return response;
    }
    let viewer = match identity::resolve(
        state.databases(),
        &method.http(),
        &headers,
        &state.sessions,
        &state.public_url,
    )
    .await
    {
        Ok(viewer) => viewer,
        Err(error) => return app_error_response(error, media, &headers),
    };
    // Error messages follow Accept-Language; their codes never change.
    let locale = i18n::from_accept_language(&headers).unwrap_or_default();
    request = request.data(RequestContext::new(&state, viewer, locale));
    let mut response = i18n::answering_in(locale, state.schema.execute(request)).await;
    add_missing_codes(&mut response.errors);
    let kind = if is_mutation { "mutation" } else { "query" };
    metrics::graphql_operation(name.as_deref(), kind, &outcome(&response.errors));
    let is_request_error = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|error| error.path.is_empty());
    let unavailable = response.errors.iter().any(|error| {
        error.extensions.as_ref().and_then(|extensions| extensions.get("code"))
            == Some(&async_graphql::Value::from(ErrorCode::ServiceUnavailable.as_str()))
    });
    let status = if unavailable {
        StatusCode::SERVICE_UNAVAILABLE
    } else if media == MediaType::GraphqlResponseJson && is_request_error {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    // A request error (the document did not parse or validate) has no `data` entry at all.
    let serialized = if is_request_error {
        serde_json::to_string(&json!({ "errors": response.errors }))
    } else {
        serde_json::to_string(&response)
    };
    let body = match serialized {
        Ok(body) => body,
        Err(error) => return app_error_response(AppError::Internal(error.into()), media, &headers),
    };
    let mut http = (status, body).into_response();
    http.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(media.content_type()));
    http
}

fn app_error_response(error: AppError, media: MediaType, headers: &HeaderMap) -> Response {
    error.log();
    let locale = i18n::from_accept_language(headers).unwrap_or_default();
    error_response(error.code().http_status(), media, &error.message(locale), error.code())
}

/// An error answered before (or instead of) execution: `{"errors": [...]}` with a code.
pub fn error_response(status: StatusCode, media: MediaType, message: &str, code: ErrorCode) -> Response {
    let mut response = (status, code.body(message)).into_response();
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(media.content_type()));
    response
}
