//! A deterministic synthetic corpus of realistic case studies: council
//! vocabulary, 300–1,500-word bodies, the real taxonomy and register.
//! Document `i` depends only on `i`, so corpora of any size are generated
//! lazily and agree with each other.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use casebook::entities::authority;
use casebook::taxonomy::Taxonomy;

const OUTCOMES: [&str; 5] = ["SUCCESS", "PARTIAL_SUCCESS", "FAILURE", "ABANDONED", "IN_PROGRESS"];
const COST_BANDS: [&str; 6] =
    ["UNDER_10K", "FROM_10K_TO_50K", "FROM_50K_TO_250K", "FROM_250K_TO_1M", "OVER_1M", "UNKNOWN"];

const SUBJECTS: &[&str] = &[
    "residents",
    "the contact centre",
    "social workers",
    "the waste team",
    "housing officers",
    "councillors",
    "the project board",
    "our supplier",
    "the IT service",
    "parking wardens",
    "library staff",
    "carers",
    "the planning team",
    "schools",
    "local businesses",
    "the finance team",
    "tenants",
    "the data team",
];
const VERBS: &[&str] = &[
    "used",
    "rejected",
    "asked for",
    "struggled with",
    "welcomed",
    "complained about",
    "tested",
    "piloted",
    "procured",
    "integrated",
    "abandoned",
    "replaced",
    "optimised",
    "automated",
    "reviewed",
    "rolled out",
];
const OBJECTS: &[&str] = &[
    "the chatbot",
    "the online form",
    "bin sensors",
    "the new CRM",
    "the mobile app",
    "the data platform",
    "robotic process automation",
    "the booking system",
    "missed collections reporting",
    "council tax payments",
    "the planning portal",
    "digital identity checks",
    "telecare alarms",
    "drone inspections",
    "the open data portal",
    "public wifi",
    "the cloud migration",
    "low-code workflows",
    "GIS mapping of gritting routes",
    "the website redesign",
    "artificial intelligence triage",
    "self-service kiosks",
    "the repairs app",
    "parking permits",
    "licence applications",
];
const CLAUSES: &[&str] = &[
    "because the business case assumed savings that never arrived",
    "after a six-month pilot in two wards",
    "although take-up stayed below twenty per cent",
    "which cut call volumes by a third",
    "once the organisation had cleaned its data",
    "but the procurement took longer than the programme allowed",
    "until the supplier went into administration",
    "and the colour-coded dashboard helped the centre manager",
    "while the licence costs doubled at renewal",
    "so that officers could focus on complex cases",
    "because nobody owned the service after go-live",
    "and residents without internet access were left behind",
];
const WORDS: &[&str] = &[
    "budget",
    "savings",
    "residents",
    "pilot",
    "supplier",
    "procurement",
    "contract",
    "data",
    "privacy",
    "training",
    "adoption",
    "accessibility",
    "integration",
    "legacy",
    "governance",
    "evaluation",
    "benefits",
    "risk",
    "outcomes",
    "channel",
    "shift",
    "demand",
    "capacity",
    "backlog",
    "complaints",
    "satisfaction",
    "workflow",
    "automation",
];

pub struct BenchDocument {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub lessons: Vec<String>,
    pub body: String,
    pub tags: Vec<String>,
    pub outcome: &'static str,
    pub service_areas: Vec<String>,
    pub technologies: Vec<String>,
    pub authority_index: usize,
    pub collaborator_indexes: Vec<usize>,
    pub anonymous: bool,
    pub members_only: bool,
    pub start_year: i32,
    pub cost_band: &'static str,
    pub published_at: i64,
}

pub struct Corpus<'a> {
    pub taxonomy: &'a Taxonomy,
    pub authorities: &'a [authority::Model],
}

fn pick<'b, T>(rng: &mut StdRng, items: &'b [T]) -> &'b T {
    &items[rng.random_range(0..items.len())]
}

fn sentence(rng: &mut StdRng) -> String {
    let mut text = format!("{} {} {}", pick(rng, SUBJECTS), pick(rng, VERBS), pick(rng, OBJECTS));
    if rng.random_bool(0.6) {
        text.push(' ');
        text.push_str(pick::<&str>(rng, CLAUSES));
    }
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

impl Corpus<'_> {
    pub fn document(&self, index: u64) -> BenchDocument {
        let mut rng = StdRng::seed_from_u64(index.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xCA5E_B00C);
        let service_areas = self.taxonomy.service_areas.iter().map(|term| term.key.clone()).collect::<Vec<_>>();
        let technologies = self.taxonomy.technologies.iter().map(|term| term.key.clone()).collect::<Vec<_>>();
        let technology = pick(&mut rng, &self.taxonomy.technologies).label.to_lowercase();
        let area = pick(&mut rng, &self.taxonomy.service_areas).label.to_lowercase();
        let title = format!(
            "{} {} for {}",
            pick(&mut rng, &["Piloting", "Replacing", "Rolling out", "Lessons from", "Why we stopped"]),
            technology,
            area
        );
        let summary = (0..2).map(|_| sentence(&mut rng)).collect::<Vec<_>>().join(" ");
        let target_words = rng.random_range(300..=1500);
        let mut body = String::with_capacity(target_words * 7);
        let mut words = 0;
        while words < target_words {
            if rng.random_bool(0.08) {
                body.push_str("\n\n## ");
                body.push_str(pick::<&str>(&mut rng, WORDS));
                body.push_str("\n\n");
            }
            let next = sentence(&mut rng);
            words += next.split_whitespace().count();
            body.push_str(&next);
            body.push(' ');
        }
        let lessons = (0..rng.random_range(1..=5)).map(|_| sentence(&mut rng)).collect();
        let tags = (0..rng.random_range(0..=4))
            .map(|_| {
                if rng.random_bool(0.7) {
                    (*pick(&mut rng, WORDS)).to_owned()
                } else {
                    format!("tag-{}", rng.random_range(0..5000))
                }
            })
            .collect();
        let authority_index = rng.random_range(0..self.authorities.len());
        let collaborator_indexes = (0..rng.random_range(0..=2))
            .map(|_| rng.random_range(0..self.authorities.len()))
            .filter(|i| *i != authority_index)
            .collect();
        BenchDocument {
            id: format!("00000000-0000-4000-8000-{index:012}"),
            title,
            summary,
            lessons,
            body,
            tags,
            outcome: pick::<&str>(&mut rng, &OUTCOMES),
            service_areas: (0..rng.random_range(1..=3)).map(|_| pick(&mut rng, &service_areas).clone()).collect(),
            technologies: (0..rng.random_range(0..=3)).map(|_| pick(&mut rng, &technologies).clone()).collect(),
            authority_index,
            collaborator_indexes,
            anonymous: rng.random_bool(0.15),
            members_only: rng.random_bool(0.2),
            start_year: rng.random_range(2012..=2026),
            cost_band: pick::<&str>(&mut rng, &COST_BANDS),
            published_at: 1_600_000_000_000 + index as i64 * 1000,
        }
    }
}

/// One of the mixed benchmark queries: text and up to two facet filters.
pub struct BenchQuery {
    /// What kind of query it is, for the per-kind breakdown.
    pub kind: &'static str,
    pub text: String,
    pub outcome: Option<&'static str>,
    pub service_area: Option<String>,
}

/// The measured queries.
pub fn queries(count: usize, taxonomy: &Taxonomy) -> Vec<BenchQuery> {
    queries_from_seed(42, count, taxonomy)
}

/// Other queries of the same mix, to warm a process up before measuring.
pub fn warm_up_queries(taxonomy: &Taxonomy) -> Vec<BenchQuery> {
    queries_from_seed(7, 200, taxonomy)
}

fn queries_from_seed(seed: u64, count: usize, taxonomy: &Taxonomy) -> Vec<BenchQuery> {
    let mut rng = StdRng::seed_from_u64(seed);
    let vocabulary: Vec<&str> = WORDS
        .iter()
        .copied()
        .chain([
            "chatbot",
            "sensors",
            "payments",
            "repairs",
            "gritting",
            "kiosks",
            "telecare",
            "portal",
            "migration",
            "organization",
        ])
        .collect();
    (0..count)
        .map(|n| {
            let (kind, text) = match n % 6 {
                0 => ("one word", (*pick(&mut rng, &vocabulary)).to_owned()),
                1 | 2 => {
                    let words = (0..rng.random_range(2..=4)).map(|_| *pick(&mut rng, &vocabulary)).collect::<Vec<_>>();
                    ("two to four words", words.join(" "))
                }
                3 => {
                    let phrases =
                        ["missed collections", "council tax", "business case", "call volumes", "data platform"];
                    ("a phrase", format!("\"{}\"", pick(&mut rng, &phrases)))
                }
                4 => {
                    let word =
                        pick(&mut rng, &["procurement", "integration", "accessibility", "complaints", "automation"]);
                    let mut chars: Vec<char> = word.chars().collect();
                    chars.swap(2, 3);
                    ("a typo", chars.into_iter().collect())
                }
                _ => {
                    let text = format!("{} -{}", pick(&mut rng, &vocabulary), pick(&mut rng, &vocabulary));
                    ("a word and an exclusion", text)
                }
            };
            let filtered = n % 2 == 1;
            BenchQuery {
                kind,
                text,
                outcome: filtered.then(|| *pick(&mut rng, &OUTCOMES)),
                service_area: filtered.then(|| pick(&mut rng, &taxonomy.service_areas).key.clone()),
            }
        })
        .collect()
}
