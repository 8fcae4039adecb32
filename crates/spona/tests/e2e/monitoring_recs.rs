//! Recommendations (issue 21, lane monrec): the import from the UPR Info fixture of Serbia's
//! recommendations — preview, import, re-import without duplicates —, bad files (a
//! Windows-1251 CSV decoded right, wrong columns refused, duplicate rows skipped and named, a
//! bad cell named by row and column with nothing written), the list's filters, the JSON API,
//! the CSV export read back, the add form, and the command line.

use spona_store::monitoring::rec_list::{self, RecFilter};

use crate::harness::*;

const FIXTURE: &str = include_str!("../fixtures/upr_serbia.csv");

async fn count(app: &TestApp) -> i64 {
    rec_list::count(&app.db, &RecFilter::default())
        .await
        .expect("count")
}

/// Uploads `data` to the import form; the preview's address.
async fn upload(c: &Client, name: &str, data: &[u8], layout: &str) -> String {
    let r = c
        .upload_with(
            "/en/monitoring/recommendations/import",
            &[("layout", layout)],
            "file",
            name,
            "text/csv",
            data,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let to = r.location();
    assert!(
        to.starts_with("/en/monitoring/recommendations/import/"),
        "{to}"
    );
    to
}

/// `<th scope="row">label</th><td>n</td>` of the preview's counts.
fn counted(body: &str, label: &str) -> usize {
    let needle = format!("<th scope=\"row\">{label}</th><td>");
    let at = body
        .find(&needle)
        .unwrap_or_else(|| panic!("no {label} in {body}"))
        + needle.len();
    body[at..]
        .split('<')
        .next()
        .unwrap_or_default()
        .parse()
        .expect("a number")
}

/// 1251 bytes of text made of the Russian alphabet's letters, ASCII and spaces.
fn windows_1251(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            'а'..='я' => 0xE0 + (c as u32 - 'а' as u32) as u8,
            'А'..='Я' => 0xC0 + (c as u32 - 'А' as u32) as u8,
            c if c.is_ascii() => c as u8,
            other => panic!("not in the test's 1251 table: {other}"),
        })
        .collect()
}

#[tokio::test]
async fn the_fixture_is_previewed_imported_and_reimported_without_duplicates() {
    let app = TestApp::start().await;
    let admin = app.signed_in_in_process(ADMIN).await;
    assert_eq!(
        admin
            .get("/en/monitoring/recommendations/import")
            .await
            .status,
        200
    );
    let preview = upload(&admin, "upr_serbia.csv", FIXTURE.as_bytes(), "").await;
    let page = admin.get(&preview).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(counted(&page.body, "New"), 5);
    assert!(
        page.body.contains("CSV (UTF-8)") && page.body.contains("UPR Info"),
        "{}",
        page.body
    );
    assert!(page.body.contains("131.4"));
    assert_eq!(count(&app).await, 0, "a preview writes nothing");
    let done = admin.post(&preview, &[]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(count(&app).await, 5);
    let page = admin.get(&preview).await;
    assert!(page.body.contains("Import done"), "{}", page.body);
    assert_eq!(counted(&page.body, "New"), 5);
    // Again: every row unchanged, nothing added.
    let again = upload(&admin, "upr_serbia.csv", FIXTURE.as_bytes(), "upr-info").await;
    let page = admin.get(&again).await;
    assert_eq!(
        (counted(&page.body, "New"), counted(&page.body, "Unchanged")),
        (0, 5)
    );
    assert_eq!(admin.post(&again, &[]).await.status, 303);
    assert_eq!(count(&app).await, 5);
    // One text changed: one update, the same id.
    let changed = FIXTURE.replace(
        "Accede to the ILO Convention 189",
        "Accede to ILO Convention No. 189",
    );
    let third = upload(&admin, "upr_serbia.csv", changed.as_bytes(), "").await;
    let page = admin.get(&third).await;
    assert_eq!(
        (
            counted(&page.body, "Changed"),
            counted(&page.body, "Unchanged")
        ),
        (1, 4)
    );
    assert_eq!(admin.post(&third, &[]).await.status, 303);
    assert_eq!(count(&app).await, 5);
    let found = rec_list::list(
        &app.db,
        &RecFilter {
            text: Some("131.2".into()),
            ..Default::default()
        },
        1,
        10,
    )
    .await
    .expect("list");
    assert_eq!(
        found.items[0].texts[0].1,
        "Accede to ILO Convention No. 189 (Philippines)"
    );
    // Members may not see an import, nor make one.
    let other = app.signed_in_in_process(ASTRA_ADMIN).await;
    assert_eq!(other.get(&preview).await.status, 403);

    // The list's filters, linkable.
    let anon = app.client_in_process();
    let by_state = anon.get("/en/monitoring/recommendations?state=PT").await;
    assert_eq!(by_state.status, 200);
    assert!(
        by_state.body.contains("132.1") && !by_state.body.contains("131.2"),
        "{}",
        by_state.body
    );
    let by_text = anon
        .get("/en/monitoring/recommendations?q=migrant+workers")
        .await;
    assert!(by_text.body.contains("131.1") && !by_text.body.contains("133.2"));
    let by_theme = anon
        .get("/sr-Cyrl/monitoring/recommendations?theme=children&cycle=2")
        .await;
    assert!(
        by_theme.body.contains("132.1") && by_theme.body.contains("Препорук"),
        "{}",
        by_theme.body
    );
    assert_eq!(
        anon.get("/en/monitoring/recommendations?mechanism=parliament")
            .await
            .status,
        400
    );

    // The JSON API and the CSV export, read back.
    let json = anon
        .get("/api/monitoring/recommendations?cycle=2&country=RS")
        .await
        .json();
    assert_eq!(json["total"], 5);
    let id = json["items"][0]["id"].as_str().expect("id").to_owned();
    let one = anon
        .get(&format!("/api/monitoring/recommendations/{id}"))
        .await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json()["symbol"], "A/HRC/23/15");
    assert_eq!(
        anon.get("/api/monitoring/recommendations/nothing")
            .await
            .status,
        404
    );
    let csv = anon
        .get("/api/monitoring/recommendations.csv?state=Philippines")
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(
        lines[0].starts_with("id,mechanism,body,cycle,symbol,paragraph"),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines.len(),
        3,
        "a state's name finds its code: {}",
        csv.body
    );
    let csv = anon
        .get("/api/monitoring/recommendations.csv?state=PH")
        .await;
    let rows: Vec<&str> = csv.body.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{}", csv.body);
    assert!(
        rows.iter()
            .any(|r| r.contains(",131.1,") && r.contains("EG; PH")),
        "{}",
        csv.body
    );
    let all = anon.get("/api/monitoring/recommendations.csv").await;
    assert_eq!(all.body.lines().count(), 6);

    // A recommendation's page: its text, states, and where the assessments are.
    let page = anon
        .get(&format!("/en/monitoring/recommendations/{id}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("A/HRC/23/15") && page.body.contains("/assessments"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn bad_files_are_named_row_and_column_and_nothing_is_half_imported() {
    let app = TestApp::start().await;
    let admin = app.signed_in_in_process(ADMIN).await;
    // A UHRI export saved as Windows-1251, semicolons, dates in two forms.
    let uhri = "Symbol;Annotation;Body;Regions/Countries;Themes;Publication date\r\n\
                CEDAW/C/SRB/CO/4 para. 24;Заштита права жена;CEDAW;Serbia;Women's rights;14.03.2019\r\n\
                CCPR/C/SRB/CO/3 para. 11;Право на правичан суд;CCPR;RS;Justice;2017-04-10\r\n";
    let bytes = windows_1251(uhri);
    let preview = upload(&admin, "uhri.csv", &bytes, "").await;
    let page = admin.get(&preview).await;
    assert!(
        page.body.contains("CSV (windows-1251)") && page.body.contains("UHRI export"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Заштита права жена"), "{}", page.body);
    assert_eq!(admin.post(&preview, &[]).await.status, 303);
    let found = rec_list::list(
        &app.db,
        &RecFilter {
            text: Some("zastita".into()),
            ..Default::default()
        },
        1,
        10,
    )
    .await
    .expect("list");
    assert_eq!(found.total, 1);
    let r = &found.items[0];
    assert_eq!(
        (r.symbol.as_str(), r.paragraph.as_str()),
        ("CEDAW/C/SRB/CO/4", "24")
    );
    assert_eq!(r.published_on.as_deref(), Some("2019-03-14"));
    assert_eq!(r.texts[0].1, "Заштита права жена");
    assert_eq!(count(&app).await, 2);

    // Wrong columns: refused, with what each layout misses; no import button.
    let preview = upload(&admin, "wrong.csv", b"Name,Text\r\nx,y\r\n", "").await;
    let page = admin.get(&preview).await;
    assert!(
        page.body.contains("not those of a known layout")
            && page.body.contains("Recommending State"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Import all rows"));
    assert_eq!(admin.post(&preview, &[]).await.status, 422);

    // A duplicate row is skipped and names the row it repeats.
    let mut dup = FIXTURE.to_owned();
    dup.push_str(FIXTURE.lines().nth(2).expect("a row"));
    dup.push_str("\r\n");
    let preview = upload(&admin, "dup.csv", dup.as_bytes(), "").await;
    let page = admin.get(&preview).await;
    assert_eq!(counted(&page.body, "Skipped"), 1);
    assert!(
        page.body
            .contains("same mechanism, symbol and paragraph as row 3"),
        "{}",
        page.body
    );

    // A bad cell: the whole file waits; the message names row and column.
    let mut bad = FIXTURE.to_owned();
    bad.push_str("Some text,Norway,Atlantis,,2,15,131.9,,A/HRC/23/15,,\r\n");
    let preview = upload(&admin, "bad.csv", bad.as_bytes(), "").await;
    let page = admin.get(&preview).await;
    assert!(
        page.body.contains("Row 7, column “State under Review”"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Import all rows"));
    let refused = admin.post(&preview, &[]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Row 7"));
    assert_eq!(count(&app).await, 2, "nothing of the file was kept");
    // An ambiguous date is refused the same way.
    let ambiguous =
        "Symbol,Annotation,Body,Country,Publication date\r\nA/1 para. 1,Text,UPR,RS,03/04/2013\r\n";
    let preview = upload(&admin, "date.csv", ambiguous.as_bytes(), "uhri").await;
    let page = admin.get(&preview).await;
    assert!(
        page.body.contains("column “Publication date”") && page.body.contains("either way round"),
        "{}",
        page.body
    );
    // No file at all.
    let r = admin
        .upload_with(
            "/en/monitoring/recommendations/import",
            &[("layout", "")],
            "file",
            "empty.csv",
            "text/csv",
            b"",
        )
        .await;
    assert_eq!(r.status, 422);
}

#[tokio::test]
async fn admins_add_a_recommendation_by_hand() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_ADMIN).await;
    assert_eq!(
        member
            .get("/en/monitoring/recommendations/new")
            .await
            .status,
        403
    );
    let admin = app.signed_in_in_process(ADMIN).await;
    let form = admin.get("/en/monitoring/recommendations/new").await;
    assert_eq!(form.status, 200);
    let fields = [
        ("mechanism", "nap-1325"),
        ("symbol", "NAP 1325 (2017)"),
        ("paragraph", "2.1"),
        ("country", "Serbia"),
        ("text_lang", "sr"),
        ("text", "Повећати учешће жена у мировним мисијама"),
        ("sdgs", "5.5"),
        ("published_on", "09.02.2017"),
    ];
    let r = admin
        .post("/en/monitoring/recommendations/new", &fields)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = admin.get(&r.location()).await;
    assert!(
        page.body.contains("Повећати учешће жена") && page.body.contains("2017-02-09"),
        "{}",
        page.body
    );
    // The same key again, and bad fields: 422 with messages, nothing saved.
    let again = admin
        .post("/en/monitoring/recommendations/new", &fields)
        .await;
    assert_eq!(again.status, 422);
    assert!(again.body.contains("already recorded"));
    let bad = admin
        .post(
            "/en/monitoring/recommendations/new",
            &[("mechanism", "parliament"), ("text_lang", "en")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Choose the mechanism"));
    assert_eq!(count(&app).await, 1);
}

#[tokio::test]
async fn the_command_line_imports_big_files() {
    let app = TestApp::start().await;
    let url = app.cli_database_url().await;
    let path = app.dir.path().join("upr.csv");
    std::fs::write(&path, FIXTURE).expect("write");
    let file = path.to_str().expect("path");
    let (ok, out) = app.run_cli(&url, &["monitoring", "import", file, "--dry-run"], &[]);
    assert!(ok, "{out}");
    assert!(out.contains("5 created"), "{out}");
    assert_eq!(count(&app).await, 0);
    let (ok, out) = app.run_cli(
        &url,
        &["monitoring", "import", file, "--layout", "upr-info"],
        &[],
    );
    assert!(ok && out.contains("5 created"), "{out}");
    let (ok, out) = app.run_cli(&url, &["monitoring", "import", file], &[]);
    assert!(ok && out.contains("5 unchanged"), "{out}");
    assert_eq!(count(&app).await, 5);
    std::fs::write(&path, "Name\r\nx\r\n").expect("write");
    let (ok, out) = app.run_cli(&url, &["monitoring", "import", file], &[]);
    assert!(!ok && out.contains("not those of a known layout"), "{out}");
}

/// One recommendation (the authorisation matrix's `@rec`), made once per app.
pub async fn fixture(app: &TestApp) -> String {
    let found = rec_list::list(&app.db, &RecFilter::default(), 1, 1)
        .await
        .expect("list");
    if let Some(r) = found.items.first() {
        return r.id.to_string();
    }
    let r = spona_domain::monitoring::NewRecommendation {
        mechanism: spona_domain::monitoring::Mechanism::Upr,
        body: None,
        cycle: "2".to_owned(),
        symbol: "A/HRC/23/15".to_owned(),
        paragraph: "131.4".to_owned(),
        country: "RS".to_owned(),
        published_on: None,
        response: None,
        text_lang: "en".to_owned(),
        texts: vec![("en".to_owned(), "A matrix recommendation".to_owned())],
        states: Vec::new(),
        terms: Vec::new(),
    };
    let mut tx = app.db.begin().await.expect("begin");
    let id = spona_store::monitoring::recommendations::insert_in(&mut tx, &r)
        .await
        .expect("insert");
    tx.commit().await.expect("commit");
    id.to_string()
}
