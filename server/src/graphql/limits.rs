//! What one GraphQL request may cost, checked before any work starts.
//!
//! - **Nesting**: `nesting_depth` reads the raw text before the parser does,
//!   so a document nested past the parser's own recursion limit (or deep
//!   enough to exhaust its stack) is QUERY_TOO_COMPLEX, like any other too
//!   deep query, and is never parsed.
//! - **Fragments**: `expanded_size` counts the fields a document selects with
//!   every fragment spread out, as async-graphql's checks walk it — once per
//!   fragment, not once per spread — so forty fragments that each spread the
//!   next twice (2^40 fields, two brackets deep) are refused in microseconds
//!   instead of keeping a core busy for hours before any limit is checked.
//! - **Depth** and **complexity** (async-graphql's validation): every field
//!   costs 1 plus its children; a list field costs its page size (or, for
//!   lists without one, their largest size) times its children; a field that
//!   reads the search index adds `INDEX_READ_COST`. So `similar` nested in
//!   `similar` multiplies, and is refused before one search runs.

use std::collections::HashMap;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

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

/// Fields a document may select with its fragments spread out: far above any
/// real query (GraphiQL's introspection is about 100), far below what takes
/// the validator noticeable time.
pub const MAX_EXPANDED_FIELDS: u64 = 20_000;

/// Why a document is refused before async-graphql sees it.
#[derive(Debug, PartialEq, Eq)]
pub enum DocumentRefusal {
    /// QUERY_TOO_COMPLEX.
    TooComplex(String),
    /// BAD_USER_INPUT: a fragment that spreads itself (GraphQL forbids it; our
    /// count would never end, and nor would async-graphql's depth check).
    FragmentCycle(String),
}

/// The checks of the raw document that must come before parsing (nesting) and
/// before async-graphql's own walks of it (fragment expansion). Returns the
/// parsed document, or `None` when it does not parse (async-graphql then
/// refuses it with its own message).
pub fn check_document(query: &str) -> Result<Option<ExecutableDocument>, DocumentRefusal> {
    if nesting_depth(query) > MAX_NESTING {
        return Err(DocumentRefusal::TooComplex(format!("the query is nested more than {MAX_NESTING} levels deep")));
    }
    let Ok(document) = async_graphql::parser::parse_query(query) else {
        return Ok(None);
    };
    match expanded_size(&document) {
        Err(fragment) => Err(DocumentRefusal::FragmentCycle(format!("the fragment `{fragment}` spreads itself"))),
        Ok(size) if size > MAX_EXPANDED_FIELDS => Err(DocumentRefusal::TooComplex(format!(
            "the query selects over {MAX_EXPANDED_FIELDS} fields once its fragments are spread out"
        ))),
        Ok(_) => Ok(Some(document)),
    }
}

/// The fields of every operation with fragments spread out (saturating), or
/// the name of a fragment that spreads itself.
pub fn expanded_size(document: &ExecutableDocument) -> Result<u64, String> {
    let mut sizes = HashMap::new();
    let mut total = 0u64;
    for (_, operation) in document.operations.iter() {
        let size = selection_size(&operation.node.selection_set.node, document, &mut sizes)?;
        total = total.saturating_add(size);
    }
    Ok(total)
}

/// A fragment's size once known, or `None` while it is being counted (so
/// meeting it again is a cycle).
type FragmentSizes = HashMap<String, Option<u64>>;

fn selection_size(set: &SelectionSet, document: &ExecutableDocument, sizes: &mut FragmentSizes) -> Result<u64, String> {
    let mut size = 0u64;
    for item in &set.items {
        let item_size = match &item.node {
            Selection::Field(field) => {
                1u64.saturating_add(selection_size(&field.node.selection_set.node, document, sizes)?)
            }
            Selection::InlineFragment(inline) => selection_size(&inline.node.selection_set.node, document, sizes)?,
            Selection::FragmentSpread(spread) => {
                fragment_size(spread.node.fragment_name.node.as_str(), document, sizes)?
            }
        };
        size = size.saturating_add(item_size);
    }
    Ok(size)
}

fn fragment_size(name: &str, document: &ExecutableDocument, sizes: &mut FragmentSizes) -> Result<u64, String> {
    match sizes.get(name) {
        Some(Some(size)) => return Ok(*size),
        Some(None) => return Err(name.to_owned()),
        None => {}
    }
    // An unknown fragment counts nothing: validation refuses it.
    let Some(fragment) = document.fragments.get(&async_graphql::Name::new(name)) else {
        return Ok(0);
    };
    sizes.insert(name.to_owned(), None);
    let size = selection_size(&fragment.node.selection_set.node, document, sizes)?;
    sizes.insert(name.to_owned(), Some(size));
    Ok(size)
}

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
    fn fragments_that_fan_out_are_counted_once_each_and_refused() {
        use super::{DocumentRefusal, check_document};
        let mut fan_out = String::from("{ ...F0 }");
        for n in 0..40 {
            fan_out.push_str(&format!(" fragment F{n} on Query {{ ...F{next} ...F{next} }}", next = n + 1));
        }
        fan_out.push_str(" fragment F40 on Query { __typename }");
        let started = std::time::Instant::now();
        assert!(matches!(check_document(&fan_out), Err(DocumentRefusal::TooComplex(_))));
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "counted, not walked");
        let cycle = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }";
        assert!(matches!(check_document(cycle), Err(DocumentRefusal::FragmentCycle(_))));
        let ordinary = "{ ...Me ...Me } fragment Me on Query { me { id email } }";
        assert!(matches!(check_document(ordinary), Ok(Some(_))));
        assert!(matches!(check_document("{ not graphql"), Ok(None)), "left to the parser");
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        assert_eq!(nesting_depth(r#"{ search(query: "{{{[[[(((") { totalCount } }"#), 2);
        assert_eq!(nesting_depth(r#"{ search(query: "a \" {{{") { totalCount } }"#), 2);
        assert_eq!(nesting_depth("{ a # {{{{\n }"), 1);
        assert_eq!(nesting_depth("{ a(b: \"\"\" {{{ \\\"\"\" {{{ \"\"\") }"), 2);
    }
}
