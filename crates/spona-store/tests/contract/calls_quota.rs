//! Calls' quota and stored terms (issue 16, findings 4 and 7 of the contract lane): a call's
//! files give their bytes back when deleted, alone or with their call (migration 0092), and
//! a stored term kind this version does not know is an error, never filed as a language.

use spona_store::call_files;
use spona_store::quota;

use super::call_files::{AstraCalls, astra_calls, attach, charge, file};
use super::calls::{posted, values};
use super::raw::{exec, exec_unchecked};
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_files_give_their_bytes_back() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let AstraCalls {
            ana,
            call,
            other,
            hub,
            ..
        } = astra_calls(&db, 1_000).await;
        let used = || quota::used(&db, std::slice::from_ref(&hub));
        let (a, b, c) = (
            file(&call, "a.pdf", 300, 1),
            file(&call, "b.pdf", 200, 2),
            file(&other, "c.pdf", 400, 3),
        );
        for f in [&a, &b, &c] {
            attach(&db, f, &ana, &charge(f, vec![hub.clone()]))
                .await
                .expect("add");
        }
        assert_eq!(used().await.expect("used"), [900], "{kind}");

        // One file deleted: its bytes come back, and only its.
        exec(
            &db,
            format!("DELETE FROM call_attachments WHERE id = '{}'", a.id),
        )
        .await;
        assert_eq!(used().await.expect("used"), [600], "{kind}");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM storage_charges").await,
            2,
            "{kind}: its charge is gone"
        );
        // The freed bytes are there to use again.
        let d = file(&call, "d.pdf", 400, 4);
        attach(&db, &d, &ana, &charge(&d, vec![hub.clone()]))
            .await
            .expect("fits again");
        assert_eq!(used().await.expect("used"), [1_000], "{kind}");

        // A call deleted takes its files' bytes with it.
        exec(&db, format!("DELETE FROM calls WHERE id = '{call}'")).await;
        assert!(
            call_files::of_call(&db, &call)
                .await
                .expect("files")
                .is_empty(),
            "{kind}"
        );
        assert_eq!(
            used().await.expect("used"),
            [400],
            "{kind}: only c.pdf left"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM storage_charges").await,
            1,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stored_term_kind_this_version_does_not_know_is_an_error() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let id = posted(&db, Some(&astra), &values("Grants", 4_100_000_000)).await;
        assert!(calls_load_ok(&db, &id).await, "{kind}: known kinds read");
        exec_unchecked(
            &db,
            "call_terms",
            "kind",
            &format!(
                "INSERT INTO call_terms (call_id, kind, code) VALUES ('{id}', 'region', 'balkans')"
            ),
        )
        .await;
        let r = spona_store::calls::load(&db, &id).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
        let r = spona_store::calls::list(&db).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
    }
}

async fn calls_load_ok(db: &Db, id: &str) -> bool {
    spona_store::calls::load(db, id)
        .await
        .is_ok_and(|c| c.is_some_and(|c| c.terms.languages == ["en", "sr"]))
}
