//! Cymraeg (issue 20):
//!
//! - `case_studies.languages`: which language a case study is written in,
//!   and its Welsh title and summary beside the English (one JSON value;
//!   null for case studies written before, which are English).
//! - `members.language`: the interface language a member chose (`en` or
//!   `cy`), for their pages and their emails; null until they choose.
//! - `authorities.name_cy`, `taxonomy_terms.label_cy`: Welsh names.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        crate::CYMRAEG
    }
}

#[derive(DeriveIden)]
enum CaseStudies {
    Table,
    Languages,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Language,
}

#[derive(DeriveIden)]
enum Authorities {
    Table,
    NameCy,
}

#[derive(DeriveIden)]
enum TaxonomyTerms {
    Table,
    LabelCy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns: [(DynIden, ColumnDef); 4] = [
            (CaseStudies::Table.into_iden(), ColumnDef::new(CaseStudies::Languages).json().null().to_owned()),
            (Members::Table.into_iden(), ColumnDef::new(Members::Language).string_len(8).null().to_owned()),
            (Authorities::Table.into_iden(), ColumnDef::new(Authorities::NameCy).string_len(300).null().to_owned()),
            (
                TaxonomyTerms::Table.into_iden(),
                ColumnDef::new(TaxonomyTerms::LabelCy).string_len(200).null().to_owned(),
            ),
        ];
        for (table, mut column) in columns {
            manager.alter_table(Table::alter().table(table).add_column(&mut column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns: [(DynIden, DynIden); 4] = [
            (CaseStudies::Table.into_iden(), CaseStudies::Languages.into_iden()),
            (Members::Table.into_iden(), Members::Language.into_iden()),
            (Authorities::Table.into_iden(), Authorities::NameCy.into_iden()),
            (TaxonomyTerms::Table.into_iden(), TaxonomyTerms::LabelCy.into_iden()),
        ];
        for (table, column) in columns {
            manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
