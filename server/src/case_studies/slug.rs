//! Case-study slugs: the kebab-case title, made unique, fixed at creation so
//! links keep working when the title changes.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::authorities::register::kebab;
use crate::entities::case_study;
use crate::error::AppResult;

const MAX_SLUG_CHARS: usize = 80;

pub async fn unique_slug(db: &impl ConnectionTrait, title: &str) -> AppResult<String> {
    let mut base = kebab(title);
    if base.len() > MAX_SLUG_CHARS {
        let cut = base[..MAX_SLUG_CHARS].rfind('-').unwrap_or(MAX_SLUG_CHARS);
        base.truncate(cut);
    }
    if base.is_empty() {
        base = "case-study".to_owned();
    }
    let mut candidate = base.clone();
    let mut suffix = 2;
    while case_study::Entity::find().filter(case_study::Column::Slug.eq(&candidate)).count(db).await? > 0 {
        candidate = format!("{base}-{suffix}");
        suffix += 1;
    }
    Ok(candidate)
}
