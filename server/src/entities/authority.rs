use sea_orm::entity::prelude::*;

use super::json::StringList;
use super::values::AuthorityKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "authorities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// mySociety's three-letter `local-authority-code`: the key imports match on.
    pub register_code: Option<String>,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    /// Its Welsh name (the Welsh councils'), shown in the Welsh interface.
    pub name_cy: Option<String>,
    pub gss_code: String,
    pub kind: AuthorityKind,
    pub region: String,
    pub nation: String,
    #[sea_orm(column_type = "Json")]
    pub email_domains: StringList,
    /// Domains several councils' staff share: their addresses wait for an admin.
    #[sea_orm(column_type = "Json")]
    pub shared_email_domains: StringList,
    /// When an admin last edited it: the shipped register and imports then leave it alone.
    pub edited_by_admin_at: Option<DateTimeUtc>,
    pub successor_id: Option<i32>,
    pub retired_on: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
