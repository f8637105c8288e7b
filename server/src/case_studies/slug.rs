//! Case-study slugs: the kebab-case title and a short random tail, fixed at
//! creation so links keep working when the title changes.
//!
//! The tail is always there. Numbering duplicates (`-2`) would tell an author
//! that a case study with their title exists — another council's draft, say,
//! which they may not know of. A random tail says nothing about anything else.

use rand::Rng;
use rand::distr::Alphanumeric;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::entities::case_study;
use crate::error::AppResult;
use crate::text::kebab;

const MAX_BASE_CHARS: usize = 80;
const TAIL_CHARS: usize = 6;

pub async fn unique_slug(db: &impl ConnectionTrait, title: &str) -> AppResult<String> {
    let base = base_of(title);
    loop {
        let candidate = format!("{base}-{}", random_tail());
        // 36^6 tails: a clash is about as likely as a typo in a UUID, but cheap to rule out.
        if case_study::Entity::find().filter(case_study::Column::Slug.eq(&candidate)).count(db).await? == 0 {
            return Ok(candidate);
        }
    }
}

/// The title in kebab case, cut at a word boundary.
fn base_of(title: &str) -> String {
    let mut base = kebab(title);
    if base.len() > MAX_BASE_CHARS {
        let cut = base[..MAX_BASE_CHARS].rfind('-').unwrap_or(MAX_BASE_CHARS);
        base.truncate(cut);
    }
    if base.is_empty() { "case-study".to_owned() } else { base }
}

fn random_tail() -> String {
    rand::rng().sample_iter(Alphanumeric).take(TAIL_CHARS).map(|c| char::from(c).to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::{base_of, random_tail};

    #[test]
    fn the_base_is_the_title_in_kebab_case_cut_at_a_word() {
        assert_eq!(base_of("Sensors in litter bins"), "sensors-in-litter-bins");
        assert_eq!(base_of("!!!"), "case-study");
        let long = base_of(&"word ".repeat(40));
        assert!(long.len() <= 80 && long.ends_with("word"), "{long}");
    }

    #[test]
    fn tails_are_short_lower_case_and_vary() {
        let tail = random_tail();
        assert_eq!(tail.len(), 6);
        assert!(tail.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()), "{tail}");
        assert_ne!(random_tail(), random_tail());
    }
}
