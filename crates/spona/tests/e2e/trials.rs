//! Trial monitoring end to end (issue 21 item 6), on SQLite and PostgreSQL: a member opens
//! cases through the forms, adds hearings, an observer's form and verdicts; the case page
//! shows its timeline and opens the sealed notes for the monitoring organisations only
//! (the database rows hold no plaintext); the public findings equal direct counts, withhold
//! figures drawn from fewer than three cases, and read back the same as CSV; the members'
//! CSV export lists their cases only; bad input is refused naming the field, nothing saved.

use crate::harness::*;

const NAME_IN_NOTE: &str = "Marko Marković";
const NAME_IN_FORM: &str = "Jelena Petrović";

pub(crate) async fn count(app: &TestApp, sql: &'static str) -> i64 {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("count")
}

pub(crate) async fn texts(app: &TestApp, sql: &'static str) -> Vec<String> {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await,
    }
    .expect("texts")
}

pub(crate) async fn user_id(app: &TestApp, email: &str) -> String {
    spona_store::users::find_by_email(&app.db, email)
        .await
        .expect("db")
        .expect("user")
        .id
        .to_string()
}

/// Opens a case through the form; its id.
pub(crate) async fn open_case(
    c: &Client,
    number: &str,
    country: &str,
    indicted_on: &str,
) -> String {
    let r = c
        .post(
            "/en/monitoring/trials/new",
            &[
                ("orgs", "astra"),
                ("country", country),
                ("court", "Higher Court in Belgrade"),
                ("case_number", number),
                ("charges", "trafficking-human-beings"),
                ("charges", "sexual-exploitation"),
                ("defendants", "2"),
                ("victims", "2"),
                ("indicted_on", indicted_on),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.location().rsplit('/').next().expect("id").to_owned()
}

pub(crate) async fn hearing(
    c: &Client,
    case: &str,
    at: &str,
    status: &str,
    reason: &str,
    note: &str,
) -> u16 {
    let r = c
        .post(
            &format!("/en/monitoring/trials/{case}/hearings/new"),
            &[
                ("at", at),
                ("zone", "Europe/Belgrade"),
                ("status", status),
                ("reason", reason),
                ("note", note),
            ],
        )
        .await;
    r.status
}

/// The case's hearing ids, earliest first.
pub(crate) async fn hearing_ids(app: &TestApp, case: &str) -> Vec<String> {
    spona_store::trials::hearings(&app.db, case)
        .await
        .expect("hearings")
        .into_iter()
        .map(|h| h.id)
        .collect()
}

/// Monitoring organisations' trial, for the authorisation matrix: ASTRA's, made once.
pub async fn fixture(app: &TestApp) -> String {
    let astra = spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("astra");
    let mine = spona_store::trials::cases_of(&app.db, &[astra.id.to_string()], "", 10)
        .await
        .expect("cases");
    if let Some(c) = mine.iter().find(|c| c.case_number == "K-Po1 1/24 (matrix)") {
        return c.id.clone();
    }
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let id = open_case(&member, "K-Po1 1/24 (matrix)", "RS", "2024-01-10").await;
    assert_eq!(
        hearing(&member, &id, "2024-02-01T09:00", "held", "", "").await,
        303
    );
    id
}

/// The matrix trial's first hearing.
pub async fn fixture_hearing(app: &TestApp) -> String {
    let case = fixture(app).await;
    hearing_ids(app, &case).await.remove(0)
}

pub(crate) fn figure(j: &serde_json::Value, measure: &str, country: &str) -> serde_json::Value {
    j["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .find(|f| f["measure"] == measure && f["country"] == country)
        .unwrap_or_else(|| panic!("no figure {measure} {country}"))["value"]
        .clone()
}

#[tokio::test]
async fn a_trial_from_its_case_to_the_aggregate_findings() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let form = member.get("/en/monitoring/trials/new").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("name=\"charges\""), "{}", form.body);

    let c1 = open_case(&member, "K-Po1 47/23", "RS", "2023-03-14").await;
    assert_eq!(app.audit_count("trial.case_opened").await, 1);
    assert_eq!(
        hearing(
            &member,
            &c1,
            "2023-05-10T09:30",
            "adjourned",
            "defendant-absent",
            ""
        )
        .await,
        303
    );
    let note = format!("Witness {NAME_IN_NOTE} was threatened outside the courtroom.");
    assert_eq!(
        hearing(&member, &c1, "2023-06-21T10:00", "held", "", &note).await,
        303
    );
    let ids = hearing_ids(&app, &c1).await;
    assert_eq!(ids.len(), 2);

    let me = user_id(&app, ASTRA_MEMBER).await;
    let observe = format!("/en/monitoring/trials/{c1}/hearings/{}/observe", ids[1]);
    assert_eq!(member.get(&observe).await.status, 200);
    let victim_note = format!("{NAME_IN_FORM} was asked about her past by the defence.");
    let r = member
        .post(
            &observe,
            &[
                ("observer", me.as_str()),
                ("check-public-hearing", "no"),
                ("check-interpretation-provided", "yes"),
                ("check-secondary-victimisation", "yes"),
                ("measures", "video-link"),
                ("measures", "closed-session"),
                ("compensation", "claimed"),
                ("prosecution", "appropriate"),
                ("court", "partly"),
                ("notes_victim", victim_note.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = member
        .post(
            &format!("/en/monitoring/trials/{c1}/verdict"),
            &[
                ("defendant", "1"),
                ("outcome", "convicted"),
                ("decided_on", "2024-02-02"),
                ("sentence_months", "96"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);

    // The case page: the timeline in date order and the sealed notes opened.
    let page = member.get(&format!("/en/monitoring/trials/{c1}")).await;
    assert_eq!(page.status, 200);
    let order = [
        "2023-03-14</time> — Indictment filed",
        "2023-05-10 09:30</time> — Hearing adjourned: Defendant absent",
        "2023-06-21 10:00</time> — Hearing held",
        "2023-06-21 10:00</time> — Observed by a monitor",
        "2024-02-02</time> — Verdict: Defendant 1 — Convicted",
    ];
    let mut at = 0;
    for line in order {
        let found = page.body[at..]
            .find(line)
            .unwrap_or_else(|| panic!("{line}: {}", page.body));
        at += found + line.len();
    }
    assert!(page.body.contains(NAME_IN_NOTE) && page.body.contains(NAME_IN_FORM));
    assert!(page.body.contains("Defendant 2, Victim A, Victim B"));

    // Sealed: no row of any trial table holds the names, the notes open only with the vault.
    let sealed = texts(
        &app,
        "SELECT note_sealed FROM trial_hearings WHERE note_sealed IS NOT NULL \
         UNION ALL SELECT notes_sealed FROM trial_observations WHERE notes_sealed IS NOT NULL",
    )
    .await;
    assert_eq!(sealed.len(), 2);
    for s in &sealed {
        assert!(spona_vault::is_sealed(s), "sealed: {s}");
        assert!(!s.contains("Marko") && !s.contains("Jelena"));
    }
    for table in [
        "SELECT COUNT(*) FROM trial_hearings WHERE note_sealed LIKE '%Markovi%'",
        "SELECT COUNT(*) FROM trial_observations WHERE notes_sealed LIKE '%Petrovi%'",
        "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%Markovi%' OR detail LIKE '%Petrovi%'",
    ] {
        assert_eq!(count(&app, table).await, 0, "{table}");
    }
    // The JSON API carries codes, never the notes.
    let j = member.get(&format!("/en/api/v1/trials/{c1}")).await;
    assert_eq!(j.status, 200);
    assert!(!j.body.contains("Markovi") && !j.body.contains("Petrovi"));
    assert_eq!(j.json()["observations"][0]["has_notes"], true);

    // Only the monitoring organisations' members see the case.
    for who in [ZMINA_ADMIN, ADMIN, ATINA_ADMIN] {
        let other = app.signed_in_in_process(who).await;
        assert_eq!(
            other
                .get(&format!("/en/monitoring/trials/{c1}"))
                .await
                .status,
            404,
            "{who}"
        );
        assert_eq!(
            other.get(&format!("/en/api/v1/trials/{c1}")).await.status,
            404,
            "{who}"
        );
    }

    // Two more Serbian cases and one Macedonian: the Serbian column has three cases.
    let c2 = open_case(&member, "K-Po1 48/23", "RS", "2023-04-01").await;
    assert_eq!(
        hearing(
            &member,
            &c2,
            "2023-05-02T09:00",
            "adjourned",
            "defendant-absent",
            ""
        )
        .await,
        303
    );
    assert_eq!(
        hearing(&member, &c2, "2023-06-02T09:00", "adjourned", "health", "").await,
        303
    );
    let r = member
        .post(
            &format!("/en/monitoring/trials/{c2}/verdict"),
            &[
                ("defendant", "2"),
                ("outcome", "acquitted"),
                ("decided_on", "2023-09-01"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let c3 = open_case(&member, "K-Po1 49/23", "RS", "2023-05-01").await;
    assert_eq!(
        hearing(
            &member,
            &c3,
            "2023-07-03T09:00",
            "adjourned",
            "defendant-absent",
            ""
        )
        .await,
        303
    );
    let c4 = open_case(&member, "KOK-1/24", "MK", "2024-01-01").await;
    assert_eq!(
        hearing(&member, &c4, "2024-02-03T09:00", "held", "", "").await,
        303
    );

    let anon = app.client_in_process();
    let j = anon.get("/en/api/v1/trials/findings").await;
    assert_eq!(j.status, 200);
    let j = j.json();
    assert_eq!(j["min_cases"], 3);
    let cases = count(&app, "SELECT COUNT(*) FROM trial_cases").await;
    let rs_cases = count(
        &app,
        "SELECT COUNT(*) FROM trial_cases WHERE country = 'RS'",
    )
    .await;
    assert_eq!(figure(&j, "cases", "all"), cases);
    assert_eq!(figure(&j, "cases", "RS"), rs_cases);
    // One Macedonian case: withheld.
    assert_eq!(figure(&j, "cases", "MK"), serde_json::Value::Null);
    let hearings = count(&app, "SELECT COUNT(*) FROM trial_hearings").await;
    assert_eq!(figure(&j, "hearings", "all"), hearings);
    let adjourned_rs = count(
        &app,
        "SELECT COUNT(*) FROM trial_hearings h JOIN trial_cases c ON c.id = h.case_id \
         WHERE c.country = 'RS' AND h.status = 'adjourned'",
    )
    .await;
    assert_eq!(figure(&j, "hearings-adjourned", "RS"), adjourned_rs);
    let absent = count(
        &app,
        "SELECT COUNT(*) FROM trial_hearings WHERE reason = 'defendant-absent'",
    )
    .await;
    assert_eq!(figure(&j, "reason:defendant-absent", "all"), absent);
    // Illness adjourned one case only: withheld; so are outcomes seen in one case.
    assert_eq!(figure(&j, "reason:health", "all"), serde_json::Value::Null);
    assert_eq!(
        figure(&j, "outcome:acquitted", "all"),
        serde_json::Value::Null
    );
    assert_eq!(figure(&j, "outcome:dismissed", "all"), 0);

    // The page shows the same, and the chart draws the reason seen in three cases.
    let page = anon.get("/en/monitoring/trials/findings").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<svg") && page.body.contains("Defendant absent"));
    assert!(page.body.contains("fewer than 3 cases"));
    assert!(!page.body.contains("Markovi"));

    // The findings as CSV, read back: the same figures.
    let (status, bytes, headers) = anon.bytes("/en/api/v1/trials/findings.csv").await;
    assert_eq!(status, 200);
    assert!(
        headers["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/csv")
    );
    let csv = String::from_utf8(bytes).expect("utf-8");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("measure,country,value,withheld"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), j["figures"].as_array().expect("figures").len());
    let cell = |m: &str, c: &str| {
        rows.iter()
            .find(|r| r[0] == m && r[1] == c)
            .map(|r| (r[2].to_owned(), r[3].to_owned()))
    };
    assert_eq!(cell("cases", "all"), Some((cases.to_string(), "no".into())));
    assert_eq!(cell("cases", "MK"), Some((String::new(), "yes".into())));

    // The members' export: every case of their organisations, one line each; none for others.
    let (status, bytes, _) = member.bytes("/en/api/v1/trials/cases.csv").await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(bytes).expect("utf-8");
    assert_eq!(csv.lines().count(), 1 + cases as usize, "{csv}");
    assert!(csv.contains("K-Po1 47/23") && !csv.contains("Markovi"));
    let line = csv.lines().find(|l| l.contains(&c1)).expect("c1 line");
    assert!(
        line.contains(",2,1,defendant-absent,1,2024-02-02,325,convicted,96"),
        "{line}"
    );
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    let (_, bytes, _) = zmina.bytes("/en/api/v1/trials/cases.csv").await;
    assert_eq!(String::from_utf8(bytes).expect("utf-8").lines().count(), 1);
    assert_eq!(anon.get("/en/api/v1/trials/cases.csv").await.status, 401);
    let list = member.get("/en/api/v1/trials").await.json();
    assert_eq!(
        list["items"].as_array().expect("items").len(),
        cases as usize
    );
}

#[tokio::test]
async fn bad_input_is_refused_naming_the_field_and_nothing_is_saved() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    // An unknown charge and a country outside the monitored region.
    let r = member
        .post(
            "/en/monitoring/trials/new",
            &[
                ("orgs", "astra"),
                ("country", "FR"),
                ("court", "Tribunal"),
                ("case_number", "1/24"),
                ("charges", "pickpocketing"),
                ("defendants", "1"),
                ("victims", "1"),
                ("indicted_on", "2024-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("id=\"charges-error\"") && r.body.contains("id=\"country-error\""));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM trial_cases").await, 0);
    // An organisation the member does not belong to alone.
    let r = member
        .post(
            "/en/monitoring/trials/new",
            &[
                ("orgs", "zmina"),
                ("country", "RS"),
                ("court", "Court"),
                ("case_number", "1/24"),
                ("charges", "forced-labour"),
                ("defendants", "1"),
                ("victims", "1"),
                ("indicted_on", "2024-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("Choose at least one organisation you belong to.")
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM trial_cases").await, 0);

    let case = open_case(&member, "K 5/24", "RS", "2024-03-01").await;
    // The same number at the same court again.
    let r = member
        .post(
            "/en/monitoring/trials/new",
            &[
                ("orgs", "astra"),
                ("country", "RS"),
                ("court", "Higher Court in Belgrade"),
                ("case_number", "K 5/24"),
                ("charges", "forced-labour"),
                ("defendants", "1"),
                ("victims", "1"),
                ("indicted_on", "2024-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("id=\"case_number-error\""));
    // A hearing before the indictment; an adjournment without its reason.
    assert_eq!(
        hearing(&member, &case, "2024-02-28T09:00", "held", "", "").await,
        422
    );
    assert_eq!(
        hearing(&member, &case, "2024-04-01T09:00", "adjourned", "", "").await,
        422
    );
    let r = member
        .post(
            &format!("/en/monitoring/trials/{case}/hearings/new"),
            &[
                ("at", "2024-02-28T09:00"),
                ("zone", "Europe/Belgrade"),
                ("status", "held"),
            ],
        )
        .await;
    assert!(
        r.body
            .contains("This date is before the indictment was filed.")
    );
    assert!(r.body.contains("id=\"at-error\""));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM trial_hearings").await, 0);

    // An observer outside the monitoring organisations.
    assert_eq!(
        hearing(&member, &case, "2024-04-01T09:00", "held", "", "").await,
        303
    );
    let h = hearing_ids(&app, &case).await.remove(0);
    let outsider = user_id(&app, ZMINA_ADMIN).await;
    let r = member
        .post(
            &format!("/en/monitoring/trials/{case}/hearings/{h}/observe"),
            &[("observer", outsider.as_str()), ("notes_general", "A note")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("id=\"observer-error\""));
    assert!(
        r.body
            .contains("The observer must be a member of one of the monitoring organisations.")
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM trial_observations").await,
        0
    );

    // A sentence out of range, and one without a conviction.
    for (outcome, months) in [
        ("convicted", "481"),
        ("convicted", "0"),
        ("acquitted", "12"),
    ] {
        let r = member
            .post(
                &format!("/en/monitoring/trials/{case}/verdict"),
                &[
                    ("defendant", "1"),
                    ("outcome", outcome),
                    ("decided_on", "2024-06-01"),
                    ("sentence_months", months),
                ],
            )
            .await;
        assert_eq!(r.status, 422, "{outcome} {months}");
        assert!(
            r.body.contains("id=\"sentence_months-error\""),
            "{outcome} {months}"
        );
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM trial_verdicts").await, 0);
    assert_eq!(app.audit_count("trial.verdict").await, 0);
}
