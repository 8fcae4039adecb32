//! Visibility and facets through the public API: what each reader sees, and counts that
//! never reveal more; bad queries are safe.

mod common;

use common::*;

fn visibility_fixture() -> SearchIndex {
    let mut public = resource(
        "public",
        vec![variant(Lang::En, "Shelter guide", "shelter")],
    );
    public.kind = "guide".into();
    let mut members = resource(
        "members",
        vec![variant(Lang::En, "Shelter budget", "shelter")],
    );
    members.visibility = Visibility::Members;
    members.kind = "budget".into();
    members.themes = vec!["secret-theme".into()];
    let mut network = resource(
        "network",
        vec![variant(Lang::Uk, "Shelter protocol", "shelter")],
    );
    network.visibility = Visibility::Networks(vec!["safe-net".into()]);
    network.kind = "protocol".into();
    network.owner_org = "netowner".into();
    network.countries = vec!["UA".into()];
    index_with(&[public, members, network])
}

#[test]
fn anonymous_sees_only_public_not_even_counts() {
    let idx = visibility_fixture();
    for text in ["shelter", "", "budget", "protocol"] {
        let r = search(&idx, &as_reader(text, Reader::Anonymous));
        assert!(
            ids(&r).iter().all(|&id| id == "public"),
            "{text}: {:?}",
            ids(&r)
        );
        assert!(r.total <= 1);
        let all = [
            &r.facets.kind,
            &r.facets.theme,
            &r.facets.language,
            &r.facets.country,
        ];
        for facet in all {
            for c in facet {
                assert_eq!(c.count, 1, "{text}: {c:?}");
                assert!(
                    !["budget", "protocol", "secret-theme", "uk", "UA"].contains(&c.value.as_str())
                );
            }
        }
    }
    // A members-only kind filter gives nothing, not a count.
    let mut query = as_reader("", Reader::Anonymous);
    query.kinds = vec!["budget".into()];
    let r = search(&idx, &query);
    assert_eq!(r.total, 0);
    assert!(r.facets.kind.iter().all(|c| c.value == "guide"));
}

#[test]
fn members_networks_owners_and_admins() {
    let idx = visibility_fixture();
    let sorted = |r: SearchResults| {
        let mut v: Vec<String> = r.hits.into_iter().map(|h| h.id).collect();
        v.sort();
        v
    };
    let member = Reader::Member {
        orgs: vec!["someone".into()],
        networks: vec![],
    };
    assert_eq!(
        sorted(search(&idx, &as_reader("shelter", member))),
        ["members", "public"]
    );
    let in_network = Reader::Member {
        orgs: vec![],
        networks: vec!["safe-net".into()],
    };
    assert_eq!(
        sorted(search(&idx, &as_reader("shelter", in_network))),
        ["members", "network", "public"]
    );
    let owner = Reader::Member {
        orgs: vec!["netowner".into()],
        networks: vec!["other-net".into()],
    };
    assert_eq!(
        sorted(search(&idx, &as_reader("shelter", owner))),
        ["members", "network", "public"]
    );
    let r = search(&idx, &as_reader("", Reader::Admin));
    assert_eq!(r.total, 3);
}

#[test]
fn facet_counts_ignore_their_own_filter() {
    let mut docs = Vec::new();
    for (i, (kind, themes, country, lang)) in [
        ("guide", vec!["health"], "RS", Lang::En),
        ("guide", vec!["health", "law"], "UA", Lang::Uk),
        ("form", vec!["law"], "RS", Lang::Sr),
        ("form", vec!["law"], "RS", Lang::Sr),
        ("brief", vec!["law"], "XK", Lang::En),
    ]
    .into_iter()
    .enumerate()
    {
        let mut d = resource(&format!("d{i}"), vec![variant(lang, "shelter", "shelter")]);
        d.kind = kind.into();
        d.themes = themes.into_iter().map(String::from).collect();
        d.countries = vec![country.into()];
        d.updated_at = i as i64;
        docs.push(d);
    }
    let idx = index_with(&docs);
    let count = |v: &[spona_search::FacetCount], value: &str| {
        v.iter().find(|c| c.value == value).map_or(0, |c| c.count)
    };
    let r = search(&idx, &q(""));
    assert_eq!(r.total, 5);
    assert_eq!(
        ids(&r),
        ["d4", "d3", "d2", "d1", "d0"],
        "browse is newest first"
    );
    assert_eq!(count(&r.facets.kind, "guide"), 2);
    assert_eq!(count(&r.facets.theme, "law"), 4);
    assert_eq!(count(&r.facets.country, "RS"), 3);
    assert_eq!(count(&r.facets.language, "sr"), 2);
    assert_eq!(r.facets.kind[0].value, "form", "ties sorted by value");

    let mut query = q("shelter");
    query.kinds = vec!["guide".into()];
    let r = search(&idx, &query);
    assert_eq!(r.total, 2);
    assert_eq!(count(&r.facets.kind, "form"), 2, "own filter ignored");
    assert_eq!(count(&r.facets.country, "RS"), 1, "other filters applied");
    assert_eq!(count(&r.facets.theme, "law"), 1);

    query.countries = vec!["RS".into()];
    let r = search(&idx, &query);
    assert_eq!(ids(&r), ["d0"]);
    assert_eq!(count(&r.facets.kind, "form"), 2);
    assert_eq!(count(&r.facets.kind, "guide"), 1);
    assert_eq!(count(&r.facets.country, "UA"), 1);
    assert_eq!(count(&r.facets.country, "XK"), 0);

    let mut query = q("");
    query.languages = vec![Lang::Sr];
    let r = search(&idx, &query);
    assert_eq!(r.total, 2);
    assert_eq!(count(&r.facets.language, "en"), 2);
}

#[test]
fn stray_operators_and_huge_queries_are_safe() {
    let idx = index_with(&[resource(
        "a",
        vec![variant(Lang::En, "Rights", "human rights")],
    )]);
    for text in [
        "\"",
        "((",
        "title:",
        "AND OR NOT",
        "+-!^~*?",
        "rights AND",
        "\\",
        "[x TO y]",
        "' '",
        "{}",
        "\"\"\"",
        ":::",
        "a\u{0}b",
        "\u{301}",
    ] {
        idx.search(&q(text)).expect(text);
    }
    assert_eq!(ids(&search(&idx, &q("(rights) AND title:"))), ["a"]);
    let long = "rights \"human ".repeat(1500) + &"x".repeat(1000);
    assert!(long.len() >= 10_000);
    let start = std::time::Instant::now();
    let mut query = q(&long);
    query.prefix = true;
    idx.search(&query).expect("long query");
    assert!(start.elapsed().as_secs() < 2);
    let mut query = q("rights");
    query.limit = usize::MAX;
    query.offset = usize::MAX;
    assert!(search(&idx, &query).hits.is_empty());
}
