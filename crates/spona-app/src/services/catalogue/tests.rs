//! The catalogue's search against a plain reading of the SQL filter
//! (`spona_store::services::search`'s `WHERE`), over random catalogues and filters. The e2e
//! test `services_catalogue` compares it with the SQL itself on both databases.

use proptest::prelude::*;
use spona_domain::ids::{OrgId, ServiceId};
use spona_domain::service::{Access, Capacity, ServiceStatus, ServiceText};
use spona_store::services::{ServiceArea, ServiceLocation};

use super::*;

const KINDS: [&str; 3] = ["shelter", "hotline", "legal-aid"];
const COUNTRIES: [&str; 3] = ["RS", "XK", "UA"];
const LANGS: [&str; 3] = ["sr", "sq", "en"];
const WORDS: [&str; 6] = ["Sigurna", "кућа", "Priština", "Beograd", "pravna", "помоћ"];

#[derive(Debug, Clone)]
struct Spec {
    kind: usize,
    org: usize,
    org_country: usize,
    published: bool,
    areas: Vec<usize>,
    locations: Vec<usize>,
    langs: Vec<usize>,
    free: Option<i64>,
    updated_at: i64,
    words: Vec<usize>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        (0..3usize, 0..3usize, 0..3usize, any::<bool>()),
        prop::collection::vec(0..3usize, 0..2),
        prop::collection::vec(0..3usize, 0..3),
        prop::collection::vec(0..3usize, 0..3),
        prop::option::of(0..3i64),
        0..5i64,
        prop::collection::vec(0..6usize, 0..4),
    )
        .prop_map(
            |((kind, org, org_country, published), areas, locations, langs, free, t, words)| Spec {
                kind,
                org,
                org_country,
                published,
                areas,
                locations,
                langs,
                free,
                updated_at: t * 100,
                words,
            },
        )
}

fn service(i: usize, s: &Spec) -> Service {
    let id = format!("svc-{:03}", (i * 37) % 1000);
    let mut languages: Vec<String> = s.langs.iter().map(|&l| LANGS[l].to_owned()).collect();
    languages.sort();
    languages.dedup();
    Service {
        id: ServiceId::from(id.clone()),
        org_id: OrgId::from(format!("org-{}", s.org)),
        org_slug: format!("org-{}", s.org),
        org_name: format!("Org {}", s.org),
        org_country: COUNTRIES[s.org_country].to_owned(),
        kind: KINDS[s.kind].to_owned(),
        status: if s.published {
            ServiceStatus::Published
        } else {
            ServiceStatus::Draft
        },
        access: Access::Both,
        texts: vec![ServiceText {
            lang: "en".into(),
            name: format!("Service {i}"),
            description: String::new(),
            eligibility: String::new(),
        }],
        genders: Vec::new(),
        age_bands: Vec::new(),
        statuses: Vec::new(),
        languages,
        referral_fields: Vec::new(),
        areas: s
            .areas
            .iter()
            .enumerate()
            .map(|(n, &c)| ServiceArea {
                id: format!("{id}-a{n}"),
                country: COUNTRIES[c].to_owned(),
                municipality: None,
            })
            .collect(),
        locations: s
            .locations
            .iter()
            .enumerate()
            .map(|(n, &c)| ServiceLocation {
                id: format!("loc-{:03}-{n}", (i * 53) % 1000),
                name: String::new(),
                address: String::new(),
                city: String::new(),
                country: COUNTRIES[c].to_owned(),
            })
            .collect(),
        hours: Vec::new(),
        email: None,
        phone: None,
        url: None,
        free: true,
        cost: None,
        capacity: Capacity {
            total: s.free.map(|_| 2),
            free: s.free,
            updated_at: s.free.map(|_| 1),
        },
        created_by: None,
        created_at: 0,
        updated_at: s.updated_at,
    }
}

fn search_text(s: &Spec) -> String {
    let words: Vec<&str> = s.words.iter().map(|&w| WORDS[w]).collect();
    spona_store::services::search_text(
        "",
        &[ServiceText {
            lang: "sr-Latn".into(),
            name: words.join(" "),
            description: String::new(),
            eligibility: String::new(),
        }],
        &[],
    )
}

/// The SQL `WHERE` of `spona_store::services::search`, read plainly.
fn sql_matches(s: &Service, text: &str, f: &ServiceFilter) -> bool {
    let country = |c: &String| {
        s.areas.iter().any(|a| &a.country == c)
            || s.locations.iter().any(|l| &l.country == c)
            || (s.areas.is_empty() && s.locations.is_empty() && &s.org_country == c)
    };
    let words = f.text.as_ref().map(|t| spona_search::directory_query(t));
    s.is_published()
        && (f.kinds.is_empty() || f.kinds.contains(&s.kind))
        && f.org_id.as_ref().is_none_or(|o| s.org_id.as_str() == o)
        && f.country.as_ref().is_none_or(country)
        && f.language.as_ref().is_none_or(|l| s.languages.contains(l))
        && (!f.available || s.capacity.free.is_none_or(|n| n > 0))
        && f.modified_after.is_none_or(|t| s.updated_at >= t)
        && words.is_none_or(|q| {
            !q.is_empty()
                && q.iter()
                    .all(|alts| alts.iter().any(|t| text.contains(&format!(" {t} "))))
        })
}

fn filter() -> impl Strategy<Value = ServiceFilter> {
    (
        prop::option::of(prop::sample::select(vec![
            "sigurna",
            "Сигурна кућа",
            "kuca",
            "pristina",
            "Приштина",
            "beograd pomoc",
            "nothing",
            " %_ ",
        ])),
        prop::collection::vec(0..3usize, 0..2),
        prop::option::of(0..4usize),
        prop::option::of(0..3usize),
        prop::option::of(0..3usize),
        any::<bool>(),
        prop::option::of(0..5i64),
        (1..5u32, 1..6u32),
    )
        .prop_map(
            |(text, kinds, org, country, lang, available, after, (page, per_page))| ServiceFilter {
                text: text.map(str::to_owned),
                kinds: kinds.iter().map(|&k| KINDS[k].to_owned()).collect(),
                org_id: org.map(|o| format!("org-{o}")),
                country: country.map(|c| COUNTRIES[c].to_owned()),
                language: lang.map(|l| LANGS[l].to_owned()),
                available,
                modified_after: after.map(|t| t * 100),
                page,
                per_page,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn search_finds_what_the_sql_filter_finds(
        specs in prop::collection::vec(spec(), 0..30),
        filters in prop::collection::vec(filter(), 1..8),
    ) {
        let services: Vec<Service> =
            specs.iter().enumerate().map(|(i, s)| service(i, s)).collect();
        let texts: Vec<(String, String)> = services
            .iter()
            .zip(&specs)
            .map(|(s, spec)| (s.id.to_string(), search_text(spec)))
            .collect();
        let c = Catalogue::build(CatalogueVersion::default(), services.clone(), texts.clone(), Vec::new());
        let mut by_id: Vec<(&Service, &str)> =
            services.iter().zip(texts.iter().map(|t| t.1.as_str())).collect();
        by_id.sort_by(|a, b| a.0.id.as_str().cmp(b.0.id.as_str()));
        for f in &filters {
            let all: Vec<&Service> = by_id
                .iter()
                .filter(|(s, t)| sql_matches(s, t, f))
                .map(|(s, _)| *s)
                .collect();
            let start = ((f.page - 1) * f.per_page) as usize;
            let want: Vec<&str> = all
                .iter()
                .skip(start)
                .take(f.per_page as usize)
                .map(|s| s.id.as_str())
                .collect();
            let found = c.search(f);
            let got: Vec<&str> = found.items.iter().map(|s| s.id.as_str()).collect();
            prop_assert_eq!(got, want, "{:?}", f);
            prop_assert_eq!(found.total, all.len() as i64);

            let mut locs: Vec<(&str, &str)> = all
                .iter()
                .flat_map(|s| s.locations.iter().map(move |l| (l.id.as_str(), s.id.as_str())))
                .collect();
            locs.sort();
            let want: Vec<(&str, &str)> =
                locs.iter().skip(start).take(f.per_page as usize).copied().collect();
            let found = c.locations(f);
            let got: Vec<(&str, &str)> =
                found.items.iter().map(|(l, s)| (l.id.as_str(), s.id.as_str())).collect();
            prop_assert_eq!(got, want, "{:?}", f);
            prop_assert_eq!(found.total, locs.len() as i64);
        }
    }
}

#[test]
fn a_query_of_nothing_but_punctuation_finds_nothing() {
    let spec = Spec {
        kind: 0,
        org: 0,
        org_country: 0,
        published: true,
        areas: Vec::new(),
        locations: Vec::new(),
        langs: Vec::new(),
        free: None,
        updated_at: 0,
        words: vec![0],
    };
    let s = service(1, &spec);
    let c = Catalogue::build(
        CatalogueVersion::default(),
        vec![s.clone()],
        vec![(s.id.to_string(), search_text(&spec))],
        Vec::new(),
    );
    let f = |text: &str| ServiceFilter {
        text: Some(text.into()),
        page: 1,
        per_page: 20,
        ..ServiceFilter::default()
    };
    assert_eq!(c.search(&f(" %_ ")).total, 0);
    assert_eq!(c.search(&f("sigurna")).total, 1);
    assert_eq!(c.search(&f("Сигурна")).total, 1, "Cyrillic finds Latin");
    assert_eq!(
        c.service(s.id.as_str()).map(|x| x.id.as_str()),
        Some(s.id.as_str())
    );
}
