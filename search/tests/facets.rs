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
    }
}

/// The counts a user should see: for each facet, over the documents that
/// pass every *other* facet's filter.
fn expected_counts(filters: &[(Facet, Vec<&str>)], audience: Audience) -> BTreeMap<Facet, BTreeMap<String, u64>> {
    let visible: Vec<CaseStudyDocument> =
        corpus().into_iter().filter(|doc| audience == Audience::Members || !doc.members_only).collect();
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
