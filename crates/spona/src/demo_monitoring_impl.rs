//! Monitoring's implementation demo data (lane monimpl), loaded after the recommendations'
//! (lane monrec): two participating organisations, measures with indicators and values
//! over time (one overdue), and for UPR recommendation 131.4 of Serbia's second cycle the
//! state's status beside the CSOs' signed assessments, one of them changed once (history)
//! and one differing from the state's. Recommendations it needs and does not find (matched
//! by mechanism, symbol and paragraph) it inserts itself, their texts marked as summaries.

use spona_app::monitoring::implementation::assessments::{Seed, seed};
use spona_domain::monitoring::{
    EvidenceKind, MeasureStatus, Mechanism, NewRecommendation, Response, Status, TermKind,
};
use spona_store::monitoring::assessments::Evidence;
use spona_store::monitoring::measures::{self, NewIndicator, NewMeasure};
use spona_web::AppState;

/// (mechanism, body, cycle, symbol, paragraph, summary, theme)
const NEEDED: [(Mechanism, &str, &str, &str, &str, &str, &str); 3] = [
    (
        Mechanism::Upr,
        "Human Rights Council",
        "2",
        "A/HRC/23/15",
        "131.4",
        "Establish a body to follow up the implementation of the recommendations of the UN \
         human rights mechanisms (summary for the demo; see the report for the wording).",
        "human-rights-mechanisms",
    ),
    (
        Mechanism::Nap1325,
        "Government of Serbia",
        "2017-2020",
        "NAP-1325-RS",
        "1.1",
        "Increase the participation of women in decision-making in the security sector \
         (summary for the demo).",
        "women-rights",
    ),
    (
        Mechanism::Nap1325,
        "Government of Serbia",
        "2017-2020",
        "NAP-1325-RS",
        "3.2",
        "Protect women and girls from gender-based violence in crises (summary for the demo).",
        "women-rights",
    ),
];

fn link(url: &str, label: &str) -> Evidence {
    Evidence {
        assessment_id: String::new(),
        kind: EvidenceKind::Link,
        target: url.to_owned(),
        label: label.to_owned(),
    }
}

async fn org(db: &spona_store::Db, slug: &str) -> anyhow::Result<Option<String>> {
    match spona_store::orgs::get_by_slug(db, slug).await {
        Ok(o) => Ok(Some(o.id.to_string())),
        Err(spona_store::StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

async fn user(db: &spona_store::Db, email: &str) -> anyhow::Result<Option<String>> {
    Ok(spona_store::users::find_by_email(db, email)
        .await?
        .map(|u| u.id.to_string()))
}

/// Loads the demo once (nothing when a measure exists already).
pub async fn load_if_empty(state: &AppState) -> anyhow::Result<()> {
    let db = &state.db;
    if measures::any(db).await? {
        return Ok(());
    }
    let mut recs = Vec::new();
    for (mechanism, body, cycle, symbol, paragraph, text, theme) in NEEDED {
        let found =
            measures::find_recommendation(db, mechanism.as_str(), symbol, paragraph).await?;
        let id = match found {
            Some(id) => id,
            None => {
                let mut tx = db.begin().await?;
                let id = spona_store::monitoring::recommendations::insert_in(
                    &mut tx,
                    &NewRecommendation {
                        mechanism,
                        body: Some(body.to_owned()),
                        cycle: cycle.to_owned(),
                        symbol: symbol.to_owned(),
                        paragraph: paragraph.to_owned(),
                        country: "RS".to_owned(),
                        published_on: None,
                        response: (mechanism == Mechanism::Upr).then_some(Response::Supported),
                        text_lang: "en".to_owned(),
                        texts: vec![("en".to_owned(), text.to_owned())],
                        states: Vec::new(),
                        terms: vec![(TermKind::Theme, theme.to_owned())],
                    },
                )
                .await?;
                tx.commit().await?;
                id.to_string()
            }
        };
        recs.push(id);
    }
    let admin = user(db, "admin@spona.example").await?;
    let jelena = user(db, "jelena@astra.example.org").await?;
    let astra = org(db, "astra").await?;
    let atina = org(db, "atina").await?;
    let mut tx = db.begin().await?;
    for o in [&astra, &atina].into_iter().flatten() {
        spona_store::monitoring::participants::add_in(&mut tx, o, admin.as_deref()).await?;
    }
    let council = measures::insert_in(
        &mut tx,
        &NewMeasure {
            title: "The Council for monitoring the implementation of UN human rights \
                    recommendations meets at least four times a year"
                .into(),
            title_lang: "en".into(),
            institution: "Office for Human and Minority Rights".into(),
            deadline: Some("2024-12-31".into()),
            budget_line: Some("Office for Human and Minority Rights, programme 1001".into()),
            status: MeasureStatus::InProgress,
            recommendation_ids: vec![recs[0].clone()],
        },
        admin.as_deref(),
        None,
    )
    .await?;
    let sessions = measures::insert_indicator_in(
        &mut tx,
        council.as_str(),
        &NewIndicator {
            name: "Sessions of the Council in the year".into(),
            unit: "sessions".into(),
            baseline: Some(0.0),
            target: Some(4.0),
            min_value: Some(0.0),
            max_value: Some(52.0),
            due_on: Some("2024-12-31".into()),
        },
    )
    .await?;
    for (date, v) in [
        ("2021-12-31", 3.0),
        ("2022-12-31", 2.0),
        ("2023-12-31", 1.0),
    ] {
        measures::set_value_in(
            &mut tx,
            sessions.as_str(),
            date,
            v,
            "Council minutes",
            admin.as_deref(),
        )
        .await?;
    }
    let women = measures::insert_in(
        &mut tx,
        &NewMeasure {
            title: "Raise the share of women in multinational operations".into(),
            title_lang: "en".into(),
            institution: "Ministry of Defence".into(),
            deadline: Some("2027-12-31".into()),
            budget_line: None,
            status: MeasureStatus::InProgress,
            recommendation_ids: vec![recs[1].clone()],
        },
        admin.as_deref(),
        None,
    )
    .await?;
    let share = measures::insert_indicator_in(
        &mut tx,
        women.as_str(),
        &NewIndicator {
            name: "Women among members of multinational operations".into(),
            unit: "%".into(),
            baseline: Some(9.0),
            target: Some(20.0),
            min_value: Some(0.0),
            max_value: Some(100.0),
            due_on: Some("2027-12-31".into()),
        },
    )
    .await?;
    for (date, v) in [("2022-12-31", 10.5), ("2024-12-31", 12.0)] {
        measures::set_value_in(
            &mut tx,
            share.as_str(),
            date,
            v,
            "Ministry report",
            admin.as_deref(),
        )
        .await?;
    }
    measures::insert_in(
        &mut tx,
        &NewMeasure {
            title: "Train police officers on protecting women from violence in emergencies".into(),
            title_lang: "en".into(),
            institution: "Ministry of the Interior".into(),
            deadline: Some("2020-12-31".into()),
            budget_line: None,
            status: MeasureStatus::Planned,
            recommendation_ids: vec![recs[2].clone()],
        },
        admin.as_deref(),
        None,
    )
    .await?;
    tx.commit().await?;

    let keys = state.federation.keys(db).await?;
    let key = &keys.signing;
    seed(db, key, &Seed {
        recommendation_id: &recs[0],
        org_id: None,
        author_id: admin.as_deref(),
        status: Status::Implemented,
        assessed_on: "2024-06-30",
        comment: "The Council was established in 2014 and meets regularly (the state's report).",
        comment_lang: "en",
        evidence: vec![link("https://www.ljudskaprava.gov.rs/", "Office for Human and Minority Rights")],
    })
    .await?;
    if let Some(astra) = astra.as_deref() {
        seed(db, key, &Seed {
            recommendation_id: &recs[0],
            org_id: Some(astra),
            author_id: jelena.as_deref(),
            status: Status::Partially,
            assessed_on: "2024-03-01",
            comment: "The Council exists but met once in 2023; CSOs are not consulted on its agenda.",
            comment_lang: "en",
            evidence: vec![link("https://example.org/astra/shadow-report-2024", "Shadow report (demo)")],
        })
        .await?;
        seed(
            db,
            key,
            &Seed {
                recommendation_id: &recs[0],
                org_id: Some(astra),
                author_id: jelena.as_deref(),
                status: Status::Regressed,
                assessed_on: "2025-01-15",
                comment: "No session of the Council in 2024.",
                comment_lang: "en",
                evidence: vec![link(
                    "https://example.org/astra/letter-2025",
                    "Letter to the Office (demo)",
                )],
            },
        )
        .await?;
        seed(
            db,
            key,
            &Seed {
                recommendation_id: &recs[1],
                org_id: Some(astra),
                author_id: jelena.as_deref(),
                status: Status::Partially,
                assessed_on: "2025-02-01",
                comment: "The share grows slowly; far from the target.",
                comment_lang: "en",
                evidence: Vec::new(),
            },
        )
        .await?;
    }
    if let Some(atina) = atina.as_deref() {
        seed(
            db,
            key,
            &Seed {
                recommendation_id: &recs[0],
                org_id: Some(atina),
                author_id: None,
                status: Status::Implemented,
                assessed_on: "2024-05-10",
                comment: "The Council is in place.",
                comment_lang: "en",
                evidence: Vec::new(),
            },
        )
        .await?;
    }
    seed(
        db,
        key,
        &Seed {
            recommendation_id: &recs[1],
            org_id: None,
            author_id: admin.as_deref(),
            status: Status::Implemented,
            assessed_on: "2024-12-31",
            comment: "",
            comment_lang: "en",
            evidence: Vec::new(),
        },
    )
    .await?;
    Ok(())
}
