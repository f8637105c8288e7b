//! Relay-style connections with opaque cursors.
//!
//! A cursor encodes the position of an item in its ordered list. Pages are
//! stable while the list does not change, which is what clients paging
//! through a result set need; a keyset cursor would survive inserts too, and
//! can replace this one without changing the contract.

use async_graphql::SimpleObject;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::{AppError, AppResult};
use crate::paging::{MAX_OFFSET, Page, PageRequest};

pub const DEFAULT_PAGE_SIZE: i32 = 20;
pub const MAX_PAGE_SIZE: i32 = 100;

#[derive(SimpleObject, Clone, Debug)]
pub struct PageInfo {
    pub has_next_page: bool,
    pub has_previous_page: bool,
    pub start_cursor: Option<String>,
    pub end_cursor: Option<String>,
}

/// Validates `first` and `after` into a page request.
pub fn page_request(first: Option<i32>, after: Option<&str>) -> AppResult<PageRequest> {
    let first = first.unwrap_or(DEFAULT_PAGE_SIZE);
    if !(0..=MAX_PAGE_SIZE).contains(&first) {
        return Err(AppError::bad_input("first", format!("must be between 0 and {MAX_PAGE_SIZE}")));
    }
    let offset = match after {
        None => 0,
        Some(cursor) => {
            decode_cursor(cursor).ok_or_else(|| AppError::bad_input("after", "is not a cursor from this list"))? + 1
        }
    };
    Ok(PageRequest { offset, first: first as u64 })
}

pub fn encode_cursor(position: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("at:{position}"))
}

fn decode_cursor(cursor: &str) -> Option<u64> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.strip_prefix("at:")?.parse().ok().filter(|offset| *offset < MAX_OFFSET)
}

/// Cursors and page info for a page of items.
pub fn edges_of<T, N>(page: Page<T>, node: impl Fn(T) -> N) -> (Vec<(String, N)>, PageInfo, i32) {
    let offset = page.offset;
    let edges: Vec<(String, N)> = page
        .items
        .into_iter()
        .enumerate()
        .map(|(index, item)| (encode_cursor(offset + index as u64), node(item)))
        .collect();
    let page_info = PageInfo {
        has_next_page: page.has_next_page,
        has_previous_page: offset > 0,
        start_cursor: edges.first().map(|(cursor, _)| cursor.clone()),
        end_cursor: edges.last().map(|(cursor, _)| cursor.clone()),
    };
    (edges, page_info, page.total_count.min(i32::MAX as u64) as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        assert_eq!(page_request(Some(5), Some(&encode_cursor(9))).unwrap(), PageRequest { offset: 10, first: 5 });
        assert!(page_request(None, Some("garbage")).is_err());
        assert!(page_request(Some(101), None).is_err());
        assert!(page_request(Some(-1), None).is_err());
    }
}
