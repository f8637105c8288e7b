//! A question from a member of another council to the council that wrote a
//! case study, and that council's answer.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "questions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub case_study_id: String,
    /// Null once the asker's account is erased.
    pub asked_by: Option<String>,
    /// The asker's council when they asked.
    pub asker_authority_id: i32,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// The asker let the exchange be read by everyone who can read the case study.
    pub public: bool,
    pub asked_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub answer: Option<String>,
    pub answered_by: Option<String>,
    pub answered_at: Option<DateTimeUtc>,
    /// A moderator upheld a report on the question: it is shown to nobody but moderators.
    pub question_removed: bool,
    /// A moderator upheld a report on the answer.
    pub answer_removed: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
