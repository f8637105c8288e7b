//! What one GraphQL request may cost, checked before any work starts.
//!
//! - **Nesting**: `nesting_depth` reads the raw text before the parser does,
//!   so a document nested past the parser's own recursion limit (or deep
//!   enough to exhaust its stack) is QUERY_TOO_COMPLEX, like any other too
//!   deep query, and is never parsed.
//! - **Depth** and **complexity** (async-graphql's validation): every field
//!   costs 1 plus its children; a list field costs its page size (or, for
//!   lists without one, their largest size) times its children; a field that
//!   reads the search index adds `INDEX_READ_COST`. So `similar` nested in
//!   `similar` multiplies, and is refused before one search runs.

use crate::case_studies::SERVICE_AREAS;

/// Deeper selections are refused with QUERY_TOO_COMPLEX.
pub const MAX_DEPTH: usize = 15;
/// A page of 100 case studies with councils, terms, collaborators and history
/// fits (about 14,000), as does a page of 50 with every field; a page of 100
/// search hits with five similar each does not (about 21,000).
pub const MAX_COMPLEXITY: usize = 20_000;
/// Brackets of any kind (`{`, `[`, `(`) open at once in the raw document.
/// Above `MAX_DEPTH` for selections, with room for list and object values.
pub const MAX_NESTING: usize = 40;
/// A search or a more-like-this: a few milliseconds of index work, where an
/// ordinary field costs microseconds. With it, three levels of `similar(first: 5)`
/// fit (6,761 with `id title` at each level: 155 index reads) and four do not.
pub const INDEX_READ_COST: usize = 200;
/// A case study's history has no upper bound; this is a long one.
pub const HISTORY_SIZE: usize = 20;
pub const MAX_SERVICE_AREAS: usize = *SERVICE_AREAS.end();

/// The complexity of `nested_similar(3, 5)`, the heaviest `similar` the limits
/// allow (a test measures it with async-graphql's own analyser).
pub const HEAVIEST_SIMILAR_COMPLEXITY: usize = 6_761;

/// `caseStudy(id: $id) { similar(first) { id title similar(first) { … } } }`, `levels` deep.
pub fn nested_similar(levels: usize, first: usize) -> String {
    let mut selection = "id title".to_owned();
    for _ in 0..levels {
        selection = format!("similar(first: {first}) {{ id title {selection} }}");
    }
    format!("query($id: ID!) {{ caseStudy(id: $id) {{ {selection} }} }}")
}

/// The cost multiplier of a list field's `first` argument: its page size as
/// the resolver will clamp it.
pub fn page_size(first: Option<i32>, default: i32) -> usize {
    first.unwrap_or(default).clamp(0, 100) as usize
}

/// The deepest nesting of brackets in a GraphQL document, outside strings,
/// block strings and comments. Never fails: what it cannot make sense of,
/// the parser will refuse.
pub fn nesting_depth(document: &str) -> usize {
    let bytes = document.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while at < bytes.len() {
        match bytes[at] {
            b'#' => {
                while at < bytes.len() && bytes[at] != b'\n' && bytes[at] != b'\r' {
                    at += 1;
                }
            }
            b'"' if bytes[at..].starts_with(b"\"\"\"") => {
                at += 3;
                while at < bytes.len() && !bytes[at..].starts_with(b"\"\"\"") {
                    // `\"""` is an escaped triple quote inside a block string.
                    at += if bytes[at..].starts_with(b"\\\"\"\"") { 4 } else { 1 };
                }
                at += 2;
            }
            b'"' => {
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' && bytes[at] != b'\n' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        at += 1;
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::{HEAVIEST_SIMILAR_COMPLEXITY, MAX_COMPLEXITY, nested_similar, nesting_depth};

    /// The complexity async-graphql computes for a query, without our limits.
    async fn complexity_of(query: String) -> usize {
        let schema = crate::graphql::schema_without_limits().extension(async_graphql::extensions::Analyzer).finish();
        let request = async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(serde_json::json!({ "id": "x" })));
        let response = schema.execute(request).await;
        let analyzer = response.extensions.get("analyzer").expect("the analyser's report").clone().into_json();
        analyzer.expect("JSON")["complexity"].as_u64().expect("a complexity") as usize
    }

    #[tokio::test]
    async fn three_levels_of_similar_fit_and_four_do_not() {
        let three = complexity_of(nested_similar(3, 5)).await;
        assert_eq!(three, HEAVIEST_SIMILAR_COMPLEXITY);
        assert!(three <= MAX_COMPLEXITY);
        assert!(complexity_of(nested_similar(4, 5)).await > MAX_COMPLEXITY);
        assert!(complexity_of(nested_similar(2, 100)).await > MAX_COMPLEXITY);
    }

    #[test]
    fn nesting_counts_every_kind_of_bracket() {
        assert_eq!(nesting_depth("{ me { id } }"), 2);
        assert_eq!(
            nesting_depth("query($f: SearchFilter) { search(filter: { outcomes: [FAILURE] }) { totalCount } }"),
            4
        );
        assert_eq!(nesting_depth(&format!("{}{}", "{a".repeat(100_000), "}".repeat(100_000))), 100_000);
        assert_eq!(nesting_depth(&"[".repeat(50_000)), 50_000);
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        assert_eq!(nesting_depth(r#"{ search(query: "{{{[[[(((") { totalCount } }"#), 2);
        assert_eq!(nesting_depth(r#"{ search(query: "a \" {{{") { totalCount } }"#), 2);
        assert_eq!(nesting_depth("{ a # {{{{\n }"), 1);
        assert_eq!(nesting_depth("{ a(b: \"\"\" {{{ \\\"\"\" {{{ \"\"\") }"), 2);
    }
}
