//! Paging, one way for every list: the API's cursors, the pages' `?page=N`
//! links and the domain's queries all speak `PageRequest` and `Page`.

use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QuerySelect, Select};

use crate::error::AppResult;

/// The deepest a list may be paged: far beyond any list a person reads, and
/// far below what the databases' signed 64-bit offsets can hold.
pub const MAX_OFFSET: u64 = 10_000_000;

/// A page request: `first` items after `offset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub offset: u64,
    pub first: u64,
}

impl PageRequest {
    /// Page `number` (1-based, as a page's `?page=` says it; anything that is
    /// not a number is page 1, and deep pages stop at `MAX_OFFSET`) of `size` items.
    pub fn numbered(number: &str, size: u64) -> (u64, PageRequest) {
        let last = (MAX_OFFSET / size).max(1);
        let number = number.trim().parse::<u64>().unwrap_or(1).clamp(1, last);
        (number, PageRequest { offset: (number - 1) * size, first: size })
    }
}

#[derive(Clone, Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub offset: u64,
    pub has_next_page: bool,
    pub total_count: u64,
}

impl<T> Page<T> {
    pub fn empty(request: PageRequest) -> Self {
        Page { items: Vec::new(), offset: request.offset, has_next_page: false, total_count: 0 }
    }

    /// The same page with each item changed by `change`.
    pub fn map<U>(self, change: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(change).collect(),
            offset: self.offset,
            has_next_page: self.has_next_page,
            total_count: self.total_count,
        }
    }
}

/// One page of an ordered query, with the total: two statements.
pub async fn fetch<E>(db: &impl ConnectionTrait, query: Select<E>, request: PageRequest) -> AppResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: FromQueryResult + Sized + Send + Sync,
{
    let total_count = query.clone().count(db).await?;
    let mut items = query.offset(request.offset).limit(request.first + 1).all(db).await?;
    let has_next_page = items.len() as u64 > request.first;
    items.truncate(request.first as usize);
    Ok(Page { items, offset: request.offset, has_next_page, total_count })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_one_based_and_bounded() {
        assert_eq!(PageRequest::numbered("", 20), (1, PageRequest { offset: 0, first: 20 }));
        assert_eq!(PageRequest::numbered("3", 20), (3, PageRequest { offset: 40, first: 20 }));
        assert_eq!(PageRequest::numbered("0", 20).0, 1);
        assert_eq!(PageRequest::numbered("-2", 20).0, 1);
        assert_eq!(PageRequest::numbered("18446744073709551615", 20).1.offset, MAX_OFFSET - 20);
    }
}
