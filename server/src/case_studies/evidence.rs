//! How much weight a case study bears: the strength of its evidence, and
//! what it cost and how long it took against the plan. The rules for "over
//! budget", "late" and the cost band a cost falls in live here, once: the
//! search index, the pages and the open data all ask these functions.

use crate::case_studies::CostBand;
pub use crate::entities::values::{Evidence, EvidenceStrength};
use crate::i18n::{self, Locale};

/// Largest cost accepted, in pounds (GraphQL's `Int` holds 2.1 billion).
pub const MAX_COST: i64 = i32::MAX as i64;

impl EvidenceStrength {
    pub fn label(self, locale: Locale) -> String {
        i18n::value_label(locale, "evidence", self.as_str())
    }

    /// What the rating means, as the form and the page explain it.
    pub fn meaning(self, locale: Locale) -> String {
        i18n::value_label(locale, "evidence-meaning", self.as_str())
    }
}

/// The band a cost in pounds falls in.
pub fn cost_band_for(pounds: i64) -> CostBand {
    match pounds {
        ..10_000 => CostBand::Under10k,
        10_000..50_000 => CostBand::From10kTo50k,
        50_000..250_000 => CostBand::From50kTo250k,
        250_000..1_000_000 => CostBand::From250kTo1m,
        _ => CostBand::Over1m,
    }
}

impl Evidence {
    /// The cost that decides the band: the actual, else the planned.
    pub fn known_cost(&self) -> Option<i64> {
        self.actual_cost.or(self.planned_cost)
    }

    /// Over budget: the actual cost exceeds the planned one. Unknown (None)
    /// unless both are given.
    pub fn over_budget(&self) -> Option<bool> {
        Some(self.actual_cost? > self.planned_cost?)
    }

    /// Late: it ended after its planned end. Unknown (None) unless both
    /// dates are given; a project still running is not yet late or on time
    /// (the index would otherwise change with the calendar).
    pub fn late(&self, ended_on: Option<chrono::NaiveDate>) -> Option<bool> {
        Some(ended_on? > self.planned_end_on?)
    }
}

/// "Yes"/"No" facet values, as the index stores the two-valued facets.
pub fn facet_value(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn cost_bands_start_at_their_lower_bound() {
        assert_eq!(cost_band_for(0), CostBand::Under10k);
        assert_eq!(cost_band_for(9_999), CostBand::Under10k);
        assert_eq!(cost_band_for(10_000), CostBand::From10kTo50k);
        assert_eq!(cost_band_for(250_000), CostBand::From250kTo1m);
        assert_eq!(cost_band_for(999_999), CostBand::From250kTo1m);
        assert_eq!(cost_band_for(1_000_000), CostBand::Over1m);
    }

    #[test]
    fn over_budget_and_late_need_both_figures() {
        let day = |d| NaiveDate::from_ymd_opt(2025, 1, d).unwrap();
        let mut evidence = Evidence { planned_cost: Some(100), ..Default::default() };
        assert_eq!(evidence.over_budget(), None);
        evidence.actual_cost = Some(100);
        assert_eq!(evidence.over_budget(), Some(false));
        evidence.actual_cost = Some(101);
        assert_eq!(evidence.over_budget(), Some(true));
        assert_eq!(evidence.late(Some(day(2))), None);
        evidence.planned_end_on = Some(day(2));
        assert_eq!(evidence.late(None), None);
        assert_eq!(evidence.late(Some(day(2))), Some(false));
        assert_eq!(evidence.late(Some(day(3))), Some(true));
    }
}
