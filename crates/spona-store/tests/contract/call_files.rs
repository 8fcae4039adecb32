//! Files attached to calls: recorded with their quota charge in one transaction, read back
//! oldest first; a file over quota or for a missing call leaves nothing behind.

use spona_domain::ids::CallId;
use spona_store::call_files::{self, CallFile};
use spona_store::quota::{Charge, QuotaKind, Scope};
use spona_store::{calls, quota};

use super::calls::{posted, values};
use super::*;

pub(crate) fn file(call_id: &str, name: &str, size: i64, at: i64) -> CallFile {
    CallFile {
        id: spona_store::new_id(),
        call_id: call_id.into(),
        filename: name.into(),
        media_type: "application/pdf".into(),
        size,
        sha256: format!("{:064x}", size),
        active_content: String::new(),
        created_at: at,
    }
}

pub(crate) fn charge(f: &CallFile, scopes: Vec<Scope>) -> Charge {
    Charge {
        bytes: f.size,
        scopes,
        object_id: Some(f.id.clone()),
    }
}

/// What the call-file and quota tests start from: Astra with two posted calls ("Grants",
/// `call`, and "Other", `other`), Ana, and Astra's hub quota of `limit` bytes.
pub(crate) struct AstraCalls {
    pub astra: String,
    pub ana: String,
    pub call: CallId,
    pub other: CallId,
    pub hub: Scope,
}

pub(crate) async fn astra_calls(db: &Db, limit: u64) -> AstraCalls {
    let astra = org(db, "astra", "Astra").await;
    let ana = user(db, "ana@example.org").await;
    let call = posted(db, Some(&astra), &values("Grants", 4_100_000_000)).await;
    let other = posted(db, Some(&astra), &values("Other", 4_100_000_000)).await;
    let hub = Scope::hub_org(&astra, limit);
    AstraCalls {
        astra,
        ana,
        call,
        other,
        hub,
    }
}

/// Asserts that `hub` holds `bytes` and that `rows_sql` (a `COUNT(*)`) counts `rows`.
pub(crate) async fn assert_held(
    db: &Db,
    hub: &Scope,
    bytes: i64,
    rows_sql: &'static str,
    rows: i64,
) {
    let kind = db.kind();
    assert_eq!(
        quota::used(db, std::slice::from_ref(hub))
            .await
            .expect("used"),
        [bytes],
        "{kind}: bytes held"
    );
    assert_eq!(count(db, rows_sql).await, rows, "{kind}: {rows_sql}");
}

/// Records `f` with its charge and commits; on an error the transaction is rolled back.
pub(crate) async fn attach(db: &Db, f: &CallFile, by: &str, c: &Charge) -> spona_store::Result<()> {
    let mut tx = db.begin().await.expect("begin");
    let result = call_files::add_in(&mut tx, f, by, c).await;
    crate::commit_or_roll_back(tx, result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_files_round_trip() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let AstraCalls {
            ana,
            call,
            other,
            hub,
            ..
        } = astra_calls(&db, 10_000).await;

        let mut guide = file(&call, "guidelines.pdf", 1200, 1_000);
        guide.active_content = "JavaScript,OpenAction".into();
        let form = file(&call, "form.pdf", 800, 1_001);
        // Written newest first; read oldest first.
        attach(&db, &form, &ana, &charge(&form, vec![hub.clone()]))
            .await
            .expect("add");
        attach(&db, &guide, &ana, &charge(&guide, vec![hub.clone()]))
            .await
            .expect("add");

        let files = call_files::of_call(&db, &call).await.expect("files");
        let names: Vec<&str> = files.iter().map(|f| f.filename.as_str()).collect();
        assert_eq!(names, ["guidelines.pdf", "form.pdf"], "{kind}");
        let g = &files[0];
        assert_eq!(
            (
                g.id.as_str(),
                g.call_id.as_str(),
                g.media_type.as_str(),
                g.size,
                g.sha256.as_str(),
                g.active_content.as_str(),
                g.created_at
            ),
            (
                guide.id.as_str(),
                guide.call_id.as_str(),
                "application/pdf",
                1200,
                guide.sha256.as_str(),
                "JavaScript,OpenAction",
                1_000
            ),
            "{kind}"
        );
        let got = call_files::get(&db, &call, &form.id).await.expect("get");
        assert_eq!(
            (got.filename.as_str(), got.size),
            ("form.pdf", 800),
            "{kind}"
        );
        // A file is found only under its own call.
        assert!(
            matches!(
                call_files::get(&db, &other, &form.id).await,
                Err(StoreError::NotFound)
            ),
            "{kind}"
        );
        assert!(
            matches!(
                call_files::get(&db, &call, "nope").await,
                Err(StoreError::NotFound)
            ),
            "{kind}"
        );
        assert!(
            call_files::of_call(&db, &other)
                .await
                .expect("files")
                .is_empty(),
            "{kind}"
        );

        // Each file changes the call's calendar entry, and is counted against the quota.
        let c = calls::load(&db, &call).await.expect("load").expect("found");
        assert_eq!((c.sequence, c.updated_at), (2, 1_000), "{kind}");
        assert_eq!(
            quota::used(&db, std::slice::from_ref(&hub))
                .await
                .expect("used"),
            [2000],
            "{kind}"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM storage_charges").await,
            2,
            "{kind}: each charge recorded for its file"
        );

        // A file for no quota at all (a funder's call).
        let free = file(&other, "free.pdf", 5, 1_002);
        attach(&db, &free, &ana, &charge(&free, vec![]))
            .await
            .expect("add");
        assert_eq!(
            call_files::of_call(&db, &other).await.expect("files").len(),
            1,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_refused_leaves_nothing() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let AstraCalls {
            astra,
            ana,
            call,
            hub,
            ..
        } = astra_calls(&db, 1_000).await;
        let first = file(&call, "a.pdf", 600, 1_000);
        attach(&db, &first, &ana, &charge(&first, vec![hub.clone()]))
            .await
            .expect("add");

        // Over quota: refused with what is used of what is allowed.
        let big = file(&call, "b.pdf", 401, 1_001);
        let r = attach(&db, &big, &ana, &charge(&big, vec![hub.clone()])).await;
        assert!(
            matches!(
                r,
                Err(StoreError::OverQuota {
                    kind: QuotaKind::HubOrg,
                    used: 600,
                    allowed: 1_000
                })
            ),
            "{kind}: {r:?}"
        );
        // For a call that does not exist: not found.
        let lost = file("no-such-call", "c.pdf", 1, 1_002);
        let r = attach(&db, &lost, &ana, &charge(&lost, vec![hub.clone()])).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");

        let files = call_files::of_call(&db, &call).await.expect("files");
        assert_eq!(files.len(), 1, "{kind}");
        let c = calls::load(&db, &call).await.expect("load").expect("found");
        assert_eq!(c.sequence, 1, "{kind}: the refused file raised nothing");
        assert_held(&db, &hub, 600, "SELECT COUNT(*) FROM storage_charges", 1).await;

        // The last byte fits.
        let last = file(&call, "d.pdf", 400, 1_003);
        attach(
            &db,
            &last,
            &ana,
            &charge(&last, vec![Scope::hub_org(&astra, 1_000)]),
        )
        .await
        .expect("exactly full");
    }
}
