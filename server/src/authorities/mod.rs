//! Authorities (councils): the register, lookups and the name search.

pub mod admin;
pub mod register;
pub mod succession;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::authority;
pub use crate::entities::values::AuthorityKind;
use crate::error::AppResult;
use crate::i18n::{self, Arg, Locale};

impl AuthorityKind {
    pub const ALL: [AuthorityKind; 10] = [
        AuthorityKind::County,
        AuthorityKind::District,
        AuthorityKind::Unitary,
        AuthorityKind::MetropolitanDistrict,
        AuthorityKind::LondonBorough,
        AuthorityKind::ScottishCouncil,
        AuthorityKind::WelshCouncil,
        AuthorityKind::NorthernIrelandDistrict,
        AuthorityKind::CombinedAuthority,
        AuthorityKind::Other,
    ];

    pub fn label(self, locale: Locale) -> String {
        crate::i18n::value_label(locale, "authority-kind", self.as_str())
    }
}

/// A council's name in the interface's language: the Welsh councils have Welsh names.
pub fn name_in(council: &authority::Model, locale: Locale) -> &str {
    locale.pick(&council.name, council.name_cy.as_deref())
}

/// The anonymous label of a council: kind and region, never its name.
/// "A London borough", "A district council in the South East", "A Scottish council".
pub fn anonymous_label(kind: AuthorityKind, region: &str, locale: Locale) -> String {
    let region = region_display_name(region, locale);
    locale.text(&i18n::value_key("anonymous", kind.as_str()), &[("region", Arg::Text(region))])
}

/// "north-east" → "the North East", "london" → "London", and the nation
/// "england" (the directory groups by nation); a region of no known name
/// is its slug in words.
pub fn region_display_name(region: &str, locale: Locale) -> String {
    if region == "england" || REGIONS.contains(&region) {
        locale.t(&format!("region-{region}"))
    } else {
        region.replace('-', " ")
    }
}

/// The one rule for a "current" council, used wherever a council is chosen
/// (email matching, assigning members, collaborators, creating case
/// studies, the directory): not retired.
pub fn is_current(council: &authority::Model) -> bool {
    council.retired_on.is_none()
}

/// `is_current` as a condition on the `authorities` table.
pub fn current() -> sea_orm::Condition {
    sea_orm::Condition::all().add(authority::Column::RetiredOn.is_null())
}

/// The region slugs of PRODUCT.md.
pub const REGIONS: [&str; 12] = [
    "north-east",
    "north-west",
    "yorkshire-and-the-humber",
    "east-midlands",
    "west-midlands",
    "east-of-england",
    "london",
    "south-east",
    "south-west",
    "scotland",
    "wales",
    "northern-ireland",
];

pub async fn find_by_id(db: &impl ConnectionTrait, id: i32) -> AppResult<Option<authority::Model>> {
    Ok(authority::Entity::find_by_id(id).one(db).await?)
}

pub async fn find_by_slug(db: &impl ConnectionTrait, slug: &str) -> AppResult<Option<authority::Model>> {
    Ok(authority::Entity::find().filter(authority::Column::Slug.eq(slug)).one(db).await?)
}

pub async fn find_by_slugs(db: &impl ConnectionTrait, slugs: &[String]) -> AppResult<Vec<authority::Model>> {
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    Ok(authority::Entity::find().filter(authority::Column::Slug.is_in(slugs.iter().cloned())).all(db).await?)
}

/// The councils with these ids (in no particular order); none for no ids.
pub async fn find_by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> AppResult<Vec<authority::Model>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(authority::Entity::find().filter(authority::Column::Id.is_in(ids.iter().copied())).all(db).await?)
}

/// The slugs of the councils among `names`, keyed by the name as given,
/// lowercased; a council's slug names it too. What the form's collaborator
/// boxes need: people choose councils by name, the domain takes slugs.
/// Retired councils count too: a case study keeps the collaborators it
/// named, and saving it again must not lose them.
pub async fn slugs_by_name<'a>(
    db: &impl ConnectionTrait,
    names: impl Iterator<Item = &'a str>,
) -> AppResult<std::collections::HashMap<String, String>> {
    let wanted: std::collections::HashSet<String> = names.map(str::to_lowercase).collect();
    if wanted.is_empty() {
        return Ok(Default::default());
    }
    let mut found = std::collections::HashMap::new();
    for council in authority::Entity::find().all(db).await? {
        for key in [council.name.to_lowercase(), council.slug.clone()] {
            if wanted.contains(&key) {
                found.insert(key, council.slug.clone());
            }
        }
    }
    Ok(found)
}

/// Current councils whose name matches every search word, each word matching
/// the start of a word of the name (case-insensitive): "cam" finds Camden,
/// "tower ham" finds Tower Hamlets. Ordered by name.
///
/// The register is a few hundred rows, so it is filtered in memory: one
/// query, and word-prefix matching that behaves the same on both databases.
pub async fn search(db: &impl ConnectionTrait, search: Option<&str>) -> AppResult<Vec<authority::Model>> {
    let all = authority::Entity::find().filter(current()).order_by_asc(authority::Column::Name).all(db).await?;
    Ok(named(all, search))
}

/// The councils among `councils` whose name matches `search` as `search` matches (all when it is `None` or blank).
pub fn named(councils: Vec<authority::Model>, search: Option<&str>) -> Vec<authority::Model> {
    let words = search.map(search_words).unwrap_or_default();
    if words.is_empty() {
        return councils;
    }
    councils
        .into_iter()
        .filter(|authority| {
            let name_words = search_words(&authority.name);
            words.iter().all(|word| name_words.iter().any(|name_word| name_word.starts_with(word.as_str())))
        })
        .collect()
}

fn search_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).map(str::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymous_labels_name_kind_and_region_only() {
        let english = Locale::English;
        assert_eq!(anonymous_label(AuthorityKind::LondonBorough, "london", english), "A London borough");
        assert_eq!(
            anonymous_label(AuthorityKind::District, "south-east", english),
            "A district council in the South East"
        );
        assert_eq!(
            anonymous_label(AuthorityKind::Unitary, "south-west", english),
            "A unitary council in the South West"
        );
        assert_eq!(anonymous_label(AuthorityKind::ScottishCouncil, "scotland", english), "A Scottish council");
    }

    #[test]
    fn anonymous_labels_in_welsh_name_kind_and_region_only() {
        assert_eq!(anonymous_label(AuthorityKind::WelshCouncil, "wales", Locale::Welsh), "Cyngor yng Nghymru");
        assert_eq!(
            anonymous_label(AuthorityKind::District, "south-east", Locale::Welsh),
            "Cyngor dosbarth – De-ddwyrain Lloegr"
        );
    }
}
