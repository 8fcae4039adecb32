//! Trial monitoring's pages run a fixed number of SQL statements whatever the rows: the
//! findings, a monitor's list, a case's page (hearings, observations, verdicts) and the
//! cases' JSON are counted with one case and again after more cases, hearings and
//! observations. The list and the case page are in-process requests (see
//! `harness::queries`).

use crate::harness::queries;
use crate::harness::*;

async fn counted(c: &Client, path: &str) -> usize {
    let warm = c.get(path).await;
    assert_eq!(warm.status, 200, "{path}: {}", warm.body);
    let mut fewest = usize::MAX;
    for _ in 0..2 {
        let (reply, n) = queries::statements(c.get(path)).await;
        assert_eq!(reply.status, 200, "{path}");
        fewest = fewest.min(n.len());
    }
    fewest
}

async fn grow(member: &Client, case: &str, n: usize, app: &TestApp) {
    let me = spona_store::users::find_by_email(&app.db, ASTRA_MEMBER)
        .await
        .expect("db")
        .expect("member")
        .id
        .to_string();
    for i in 0..n {
        let at = format!("2024-0{}-1{}T09:00", 2 + i % 7, i % 10);
        let r = member
            .post(
                &format!("/en/monitoring/trials/{case}/hearings/new"),
                &[
                    ("at", at.as_str()),
                    ("zone", "Europe/Belgrade"),
                    ("status", "held"),
                    ("note", "sealed note"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    for h in spona_store::trials::hearings(&app.db, case)
        .await
        .expect("hearings")
    {
        let r = member
            .post(
                &format!("/en/monitoring/trials/{case}/hearings/{}/observe", h.id),
                &[
                    ("observer", me.as_str()),
                    ("measures", "video-link"),
                    ("check-public-hearing", "yes"),
                    ("notes_general", "sealed"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
}

#[tokio::test]
async fn trial_pages_run_the_same_statements_with_more_rows() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let anon = app.client_in_process();
    let case = crate::trials::fixture(&app).await;
    let pages = [
        (&anon, "/en/monitoring/trials/findings".to_owned()),
        (&anon, "/en/api/v1/trials/findings".to_owned()),
        (&member, "/en/monitoring/trials".to_owned()),
        (&member, format!("/en/monitoring/trials/{case}")),
        (&member, format!("/en/api/v1/trials/{case}")),
        (&member, "/en/api/v1/trials".to_owned()),
    ];
    let mut few = Vec::new();
    for (c, p) in &pages {
        few.push(counted(c, p).await);
    }
    grow(&member, &case, 6, &app).await;
    for i in 0..4 {
        let number = format!("S1 {i}/24");
        let r = member
            .post(
                "/en/monitoring/trials/new",
                &[
                    ("orgs", "astra"),
                    ("country", "BA"),
                    ("court", "Court of Bosnia and Herzegovina"),
                    ("case_number", number.as_str()),
                    ("charges", "forced-begging"),
                    ("defendants", "3"),
                    ("victims", "4"),
                    ("indicted_on", "2024-01-01"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    for ((c, p), before) in pages.iter().zip(few) {
        let after = counted(c, p).await;
        println!("{p}: {before} → {after} statements");
        assert_eq!(
            before, after,
            "{p} grew from {before} to {after} statements"
        );
    }
}
