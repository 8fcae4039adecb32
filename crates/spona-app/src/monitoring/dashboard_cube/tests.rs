use spona_store::monitoring::dashboard_cube::{CellRow, LinkRow, MeasureRow};

use super::*;

fn cell(mechanism: &str, cycle: &str, state: &str, themes: &str, cso: [i64; 4], n: i64) -> CellRow {
    CellRow {
        mechanism: mechanism.into(),
        cycle: cycle.into(),
        country: "RS".into(),
        state_status: state.into(),
        themes: themes.into(),
        institutions: String::new(),
        c0: cso[0],
        c1: cso[1],
        c2: cso[2],
        c3: cso[3],
        n,
    }
}

fn measure(id: &str, institution: &str, deadline: &str, status: &str) -> MeasureRow {
    MeasureRow {
        id: id.into(),
        title: format!("Measure {id}"),
        institution: institution.into(),
        deadline: Some(deadline.into()),
        status: status.into(),
    }
}

fn cube() -> Cube {
    let sep = SEPARATOR;
    let mut linked = cell("upr", "3", "implemented", "torture", [0, 1, 0, 0], 1);
    linked.institutions = "Ministry".into();
    Cube::build(Source {
        version: 7,
        cells: vec![
            // Two rows that are one cell once their lists are read as sets.
            cell(
                "upr",
                "2",
                "implemented",
                &format!("roma{sep}torture"),
                [0, 0, 1, 0],
                3,
            ),
            cell(
                "upr",
                "2",
                "implemented",
                &format!("torture{sep}roma"),
                [0, 0, 1, 0],
                2,
            ),
            cell("upr", "2", "none", "", [2, 0, 0, 0], 4),
            cell("nap-1325", "", "partially", "women-rights", [0, 0, 0, 1], 6),
            linked,
        ],
        measures: vec![
            measure("m1", "Ministry", "2001-01-01", "in-progress"),
            measure("m2", "Ministry", "2001-01-01", "done"),
            measure("m3", "Government", "2999-01-01", "planned"),
        ],
        links: vec![LinkRow {
            measure_id: "m1".into(),
            recommendation_id: "r1".into(),
            mechanism: "upr".into(),
            cycle: "3".into(),
            country: "RS".into(),
            themes: "torture".into(),
            institutions: "Ministry".into(),
        }],
    })
}

#[test]
fn cells_alike_are_added_up_and_filtered_exactly() {
    let c = cube();
    assert_eq!(c.version, 7);
    assert_eq!(c.cells(), 4, "the two orders of one theme set are one cell");
    let all = c.dashboard(Filter::default(), "2025-01-01");
    assert_eq!(all.total, 16);
    // not-started, partially, implemented, regressed, none
    assert_eq!(all.state_totals, vec![0, 6, 6, 0, 4]);
    assert_eq!(all.cso_totals, vec![8, 1, 5, 6]);
    // The nap-1325 cell (partially vs regressed) and the linked one (implemented vs
    // partially) differ; the upr 2 cells agree or have no state status.
    assert_eq!(all.disagreements, 7);
    let torture = c.dashboard(
        Filter {
            theme: Some("torture".into()),
            ..Filter::default()
        },
        "2025-01-01",
    );
    assert_eq!(torture.total, 6);
    let nothing = c.dashboard(
        Filter {
            theme: Some("no-such-theme".into()),
            ..Filter::default()
        },
        "2025-01-01",
    );
    assert_eq!(nothing.total, 0);
    let cycle = c.dashboard(
        Filter {
            mechanism: Some("upr".into()),
            cycle: Some("2".into()),
            ..Filter::default()
        },
        "2025-01-01",
    );
    assert_eq!((cycle.total, cycle.disagreements), (9, 0));
}

#[test]
fn measures_follow_the_filter_and_the_day() {
    let c = cube();
    let all = c.counts(&Filter::default(), "2025-01-01");
    let ministry = all
        .institutions
        .iter()
        .find(|i| i.institution == "Ministry")
        .expect("counted");
    assert_eq!(
        (
            ministry.measures,
            ministry.overdue,
            ministry.recommendations
        ),
        (2, 1, 1)
    );
    assert_eq!(all.overdue.len(), 1);
    assert_eq!(all.overdue[0].id, "m1");
    // Before the deadline, nothing is overdue.
    let early = c.counts(&Filter::default(), "2000-12-31");
    assert!(early.overdue.is_empty());
    // A filter about recommendations keeps the measures implementing a selected one.
    let nap = c.counts(
        &Filter {
            mechanism: Some("nap-1325".into()),
            ..Filter::default()
        },
        "2025-01-01",
    );
    assert!(nap.institutions.is_empty());
    let by_institution = c.counts(
        &Filter {
            institution: Some("Ministry".into()),
            ..Filter::default()
        },
        "2025-01-01",
    );
    assert_eq!(by_institution.by_cycle.iter().map(|b| b.n).sum::<i64>(), 1);
    assert_eq!(by_institution.institutions.len(), 1);
}

#[test]
fn the_choices_are_what_the_cube_holds() {
    let (cycles, themes, institutions) = cube().choices();
    assert_eq!(
        cycles,
        vec![
            ("nap-1325".to_owned(), String::new()),
            ("upr".to_owned(), "2".to_owned()),
            ("upr".to_owned(), "3".to_owned()),
        ]
    );
    assert_eq!(themes, vec!["roma", "torture", "women-rights"]);
    assert_eq!(institutions, vec!["Government", "Ministry"]);
}
