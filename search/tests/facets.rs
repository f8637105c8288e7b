//! Facet counts checked against counts computed independently from the
//! fixture, with disjunctive semantics; and visibility inside the query.

mod fixture;

use std::collections::BTreeMap;

use casebook_search::{Audience, CaseStudyDocument, Facet, Filters, SearchRequest};
use fixture::{corpus, ids, index, index_in_segments};

fn values(doc: &CaseStudyDocument, facet: Facet) -> Vec<String> {
    match facet {
        Facet::Outcome => vec![doc.outcome.clone()],
        Facet::ServiceArea => doc.service_areas.clone(),
        Facet::Technology => doc.technologies.clone(),
        Facet::Tag => doc.tags.clone(),
        Facet::Authority => doc.authorities.clone(),
        Facet::Region => vec![doc.region.clone()],
        Facet::AuthorityKind => vec![doc.authority_kind.clone()],
        Facet::Year => vec![doc.start_year.to_string()],
        Facet::CostBand => vec![doc.cost_band.clone()],
        Facet::EvidenceStrength => [doc.evidence_strength.clone()].into_iter().filter(|v| !v.is_empty()).collect(),
        Facet::OverBudget => doc.over_budget.map(|v| v.to_string()).into_iter().collect(),
        Facet::Late => doc.late.map(|v| v.to_string()).into_iter().collect(),
        Facet::Reused => vec![doc.reused.to_string()],
        Facet::Language => vec![doc.language.clone()],
    }
}

/// The counts a user should see: for each facet, over the documents that
/// pass every *other* facet's filter.
fn expected_counts(filters: &[(Facet, Vec<&str>)], audience: Audience) -> BTreeMap<Facet, BTreeMap<String, u64>> {
    expected_counts_among(filters, audience, |_| true)
}

/// `expected_counts` over the documents `found` keeps (those some words find).
fn expected_counts_among(
    filters: &[(Facet, Vec<&str>)],
    audience: Audience,
    found: impl Fn(&CaseStudyDocument) -> bool,
) -> BTreeMap<Facet, BTreeMap<String, u64>> {
    let visible: Vec<CaseStudyDocument> = corpus()
        .into_iter()
        .filter(|doc| audience == Audience::Members || !doc.members_only)
        .filter(|doc| found(doc))
        .collect();
    let passes = |doc: &CaseStudyDocument, facet: Facet, selected: &[&str]| {
        values(doc, facet).iter().any(|value| selected.contains(&value.as_str()))
    };
    let mut expected = BTreeMap::new();
    for facet in Facet::ALL {
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for doc in &visible {
            let others_pass = filters
                .iter()
                .filter(|(other, _)| *other != facet)
                .all(|(other, selected)| passes(doc, *other, selected));
            if others_pass {
                for value in values(doc, facet) {
                    *counts.entry(value).or_default() += 1;
                }
            }
        }
        expected.insert(facet, counts);
    }
    expected
}

fn request(filters: &[(Facet, Vec<&str>)], audience: Audience) -> SearchRequest {
    let mut request_filters = Filters::default();
    for (facet, selected) in filters {
        let selected: Vec<String> = selected.iter().map(|value| (*value).to_owned()).collect();
        match facet {
            Facet::Outcome => request_filters.outcomes = selected,
            Facet::ServiceArea => request_filters.service_areas = selected,
            Facet::Technology => request_filters.technologies = selected,
            Facet::Tag => request_filters.tags = selected,
            Facet::Authority => request_filters.authorities = selected,
            Facet::Region => request_filters.regions = selected,
            Facet::AuthorityKind => request_filters.authority_kinds = selected,
            Facet::CostBand => request_filters.cost_bands = selected,
            Facet::EvidenceStrength => request_filters.evidence_strengths = selected,
            Facet::OverBudget => request_filters.over_budget = selected,
            Facet::Late => request_filters.late = selected,
            Facet::Reused => request_filters.reused = selected,
            Facet::Language => request_filters.language = selected,
            Facet::Year => unreachable!("years filter by range"),
        }
    }
    SearchRequest { filters: request_filters, limit: 100, ..SearchRequest::words("", audience) }
}

fn actual(results: &casebook_search::SearchResults) -> BTreeMap<Facet, BTreeMap<String, u64>> {
    results.facets.iter().map(|(facet, counts)| (*facet, counts.iter().cloned().collect())).collect()
}

#[test]
fn facet_counts_match_an_independent_count_for_every_combination() {
    for index in [index(), index_in_segments(4)] {
        counts_match_an_independent_count(&index);
    }
}

fn counts_match_an_independent_count(index: &casebook_search::SearchIndex) {
    let cases: Vec<Vec<(Facet, Vec<&str>)>> = vec![
        vec![],
        vec![(Facet::Outcome, vec!["SUCCESS"])],
        vec![(Facet::Outcome, vec!["SUCCESS", "FAILURE"])],
        vec![(Facet::Outcome, vec!["SUCCESS"]), (Facet::Region, vec!["london"])],
        vec![(Facet::ServiceArea, vec!["waste-and-recycling"]), (Facet::Authority, vec!["leeds", "camden"])],
        vec![
            (Facet::Technology, vec!["e-forms"]),
            (Facet::AuthorityKind, vec!["COUNTY"]),
            (Facet::Outcome, vec!["SUCCESS"]),
        ],
        vec![(Facet::Tag, vec!["nothing-has-this"])],
        vec![(Facet::EvidenceStrength, vec!["MONITORED"]), (Facet::OverBudget, vec!["true"])],
        vec![(Facet::Late, vec!["false"]), (Facet::Reused, vec!["true"]), (Facet::Outcome, vec!["SUCCESS", "FAILURE"])],
        vec![(Facet::OverBudget, vec!["true", "false"]), (Facet::EvidenceStrength, vec!["EVALUATED", "MONITORED"])],
    ];
    for audience in [Audience::Public, Audience::Members] {
        for filters in &cases {
            let results = index.search(&request(filters, audience)).unwrap();
            assert_eq!(actual(&results), expected_counts(filters, audience), "{filters:?} as {audience:?}");
            let total = corpus()
                .iter()
                .filter(|doc| audience == Audience::Members || !doc.members_only)
                .filter(|doc| {
                    filters
                        .iter()
                        .all(|(facet, selected)| values(doc, *facet).iter().any(|v| selected.contains(&v.as_str())))
                })
                .count() as u64;
            assert_eq!(results.total, total, "{filters:?}");
            assert_eq!(results.hits.len() as u64, total);
        }
    }
}

#[test]
fn with_words_and_phrases_the_counts_match_an_independent_count_of_what_the_words_find() {
    let index = index_in_segments(3);
    let filter_sets: Vec<Vec<(Facet, Vec<&str>)>> = vec![
        vec![(Facet::Outcome, vec!["SUCCESS", "FAILURE"]), (Facet::ServiceArea, vec!["waste-and-recycling"])],
        vec![
            (Facet::Outcome, vec!["SUCCESS"]),
            (Facet::Region, vec!["london", "yorkshire-and-the-humber"]),
            (Facet::Technology, vec!["chatbot", "e-forms"]),
        ],
    ];
    let found_by = |text: &str| -> Vec<String> {
        let request = SearchRequest { limit: 100, ..SearchRequest::words(text, Audience::Members) };
        index.search(&request).unwrap().hits.into_iter().map(|hit| hit.id).collect()
    };
    let mut relaxed_checked = false;
    let texts = [
        "\"missed collections\"",
        "\"reporting missed collections\"",
        "chatbot",
        "missed collections",
        "bins -sensors",
    ];
    for text in texts {
        assert!(!found_by(text).is_empty(), "{text} finds something");
        for filters in &filter_sets {
            let mut filtered = request(filters, Audience::Members);
            filtered.text = text.to_owned();
            let results = index.search(&filtered).unwrap();
            // When no case study has every word and passes the filters, any word will do.
            let found: Vec<String> = if results.relaxed {
                relaxed_checked = true;
                text.split_whitespace().flat_map(found_by).collect()
            } else {
                found_by(text)
            };
            let expected = expected_counts_among(filters, Audience::Members, |doc| found.contains(&doc.id));
            assert_eq!(actual(&results), expected, "{text} with {filters:?}");
            if !results.relaxed {
                // Filters narrow what is found, never how it scores.
                let alone =
                    index.search(&SearchRequest { limit: 100, ..SearchRequest::words(text, Audience::Members) });
                for hit in &results.hits {
                    let same = alone.as_ref().unwrap().hits.iter().find(|other| other.id == hit.id).unwrap();
                    assert_eq!(hit.score, same.score, "{text}: {}", hit.id);
                }
            }
        }
    }
    assert!(relaxed_checked, "one case relaxes to any word");
}

#[test]
fn year_ranges_include_both_ends_and_do_not_narrow_their_own_counts() {
    let index = index();
    let mut request = request(&[], Audience::Public);
    request.filters.year_from = Some(2020);
    request.filters.year_to = Some(2021);
    let results = index.search(&request).unwrap();
    let in_range = corpus().iter().filter(|doc| !doc.members_only && (2020..=2021).contains(&doc.start_year)).count();
    assert_eq!(results.total, in_range as u64);
    let years = actual(&results)[&Facet::Year].clone();
    assert!(years.contains_key("2018") && years.contains_key("2024"), "{years:?}");
}

#[test]
fn members_only_case_studies_are_never_hits_counts_or_similar_for_the_public() {
    let index = index();
    let public = index.search(&SearchRequest::words("ransomware", Audience::Public)).unwrap();
    assert_eq!(public.total, 0);
    assert!(public.facets.values().all(|counts| counts.is_empty()));
    let members = index.search(&SearchRequest::words("ransomware", Audience::Members)).unwrap();
    assert_eq!(ids(&members), ["members"]);

    let everything = index.search(&request(&[], Audience::Public)).unwrap();
    let tags = &everything.facets[&Facet::Tag];
    assert!(!tags.iter().any(|(tag, _)| tag == "ransomware"), "{tags:?}");
    assert!(!ids(&everything).contains(&"members"));

    let similar_public = index.similar("chatbot", Audience::Public, 20).unwrap();
    assert!(!similar_public.contains(&"members".to_owned()));
    assert!(!similar_public.contains(&"chatbot".to_owned()), "never itself");
    assert!(!similar_public.is_empty());
}

#[test]
fn anonymous_case_studies_count_under_no_council_but_under_region_and_kind() {
    let index = index();
    let results = index.search(&request(&[], Audience::Public)).unwrap();
    let authorities = &results.facets[&Facet::Authority];
    let camden = authorities.iter().find(|(slug, _)| slug == "camden").map(|(_, count)| *count);
    assert_eq!(camden, Some(3), "chatbot, optimize, parking; not the anonymous one");
    let filtered = index.search(&request(&[(Facet::Authority, vec!["camden"])], Audience::Members)).unwrap();
    assert!(!ids(&filtered).contains(&"anonymous"));
    let london = results.facets[&Facet::Region].iter().find(|(region, _)| region == "london").map(|(_, count)| *count);
    assert_eq!(london, Some(4));
}

#[test]
fn similar_prefers_shared_service_areas() {
    let index = index();
    let similar = index.similar("sensors", Audience::Members, 3).unwrap();
    assert!(similar.iter().take(3).any(|id| id == "phrase" || id == "unphrased" || id == "chatbot"), "{similar:?}");
}
