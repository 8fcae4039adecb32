//! Sealing what older versions stored in clear, re-wrapping every sealed value under a new
//! vault key (all or nothing), and the sealed warnings about files' active content.

use spona_store::vault::{self, Rewrapped, Sealed, SealedValue, Upload};
use spona_store::vault_warnings;
use spona_vault::{VaultKey, is_sealed, owners};

use super::raw::{exec, stored};
use super::vault::{Keys, add, consent, file_item, new_case, note};
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn values_stored_in_clear_are_sealed_once() {
    use spona_store::vault::CustodySigner;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let keys = Keys::new();
        let ana = user(&db, "ana@example.org").await;
        let case = new_case(&db, &keys, &ana, "Case").await;
        let a = file_item(&keys, &case, &ana, "a.pdf", 123);
        add(
            &db,
            &keys,
            &a,
            Some(&consent(&a, &ana, "astra")),
            Upload::default(),
        )
        .await
        .expect("add");
        let mut log = vault::log(&db, note(&case, &ana, "view"), &keys)
            .await
            .expect("log");
        let sha = a.sha256.clone().expect("sha");
        assert_eq!(
            vault::seal_clear_values(&db, &keys).await.expect("seal"),
            Sealed::default(),
            "{kind}: nothing in clear"
        );

        // As a version before sealing (or migration 0020) left them.
        exec(
            &db,
            format!(
                "UPDATE vault_items SET size = '123', sha256 = '{sha}', media_type = 'application/pdf' \
                 WHERE id = '{}'",
                a.id
            ),
        )
        .await;
        exec(
            &db,
            "UPDATE vault_consents SET share_with = 'astra,zmina'".to_owned(),
        )
        .await;
        exec(
            &db,
            format!(
                "UPDATE vault_custody SET reason = 'seen', item_sha256 = '{sha}' \
                 WHERE case_id = '{case}' AND seq = {}",
                log.seq
            ),
        )
        .await;
        // The entry's hash covers its values in clear.
        log.reason = "seen".into();
        log.item_sha256 = Some(sha.clone());
        log.hash = log.compute_hash();
        exec(
            &db,
            format!(
                "UPDATE vault_custody SET hash = '{}' WHERE case_id = '{case}' AND seq = {}",
                log.hash, log.seq
            ),
        )
        .await;
        exec(
            &db,
            format!(
                "UPDATE vault_cases SET head_hash = '{}', head_signature = '{}' WHERE id = '{case}'",
                log.hash,
                keys.sign(&log)
            ),
        )
        .await;

        let done = vault::seal_clear_values(&db, &keys).await.expect("seal");
        assert_eq!(
            done,
            Sealed {
                item_values: 3,
                share_lists: 1,
                custody_values: 2
            },
            "{kind}"
        );
        assert_eq!(done.total(), 6, "{kind}");
        for sql in [
            format!("SELECT size FROM vault_items WHERE id = '{}'", a.id),
            format!("SELECT media_type FROM vault_items WHERE id = '{}'", a.id),
            "SELECT share_with FROM vault_consents".to_owned(),
            format!(
                "SELECT reason FROM vault_custody WHERE case_id = '{case}' AND seq = {}",
                log.seq
            ),
        ] {
            let v = stored(&db, sql.clone()).await.expect("value");
            assert!(is_sealed(&v), "{kind}: {sql} gives {v:?}");
        }
        let item = vault::item(&db, &case, &a.id, &keys).await.expect("item");
        assert_eq!(
            (item.size, item.sha256.as_deref(), item.unreadable.len()),
            (Some(123), Some(sha.as_str()), 0),
            "{kind}"
        );
        assert_eq!(
            vault::consents(&db, &case, &keys).await.expect("c")[0].share_with,
            "astra,zmina",
            "{kind}"
        );
        let entries = vault::custody(&db, &case, &keys).await.expect("custody");
        let last = entries.last().expect("entry");
        assert_eq!(
            (last.reason.as_str(), last.item_sha256.as_deref()),
            ("seen", Some(sha.as_str())),
            "{kind}"
        );
        assert_eq!(last.compute_hash(), last.hash, "{kind}: hash still holds");

        assert_eq!(
            vault::seal_clear_values(&db, &keys).await.expect("again"),
            Sealed::default(),
            "{kind}: idempotent"
        );
    }
}

/// Re-wraps with `from`'s vault key opened and `to`'s sealed; blob keys get a marker.
fn rewrap_to<'a>(
    from: &'a Keys,
    to: &'a Keys,
) -> impl Fn(SealedValue<'_>) -> Result<String, String> + Sync + 'a {
    use spona_store::vault::CustodySigner;
    move |v| {
        let (owner, sealed) = match v {
            SealedValue::CaseTitle { case_id, sealed } => (owners::case_title(case_id), sealed),
            SealedValue::ItemField { item_id, sealed } => (owners::item(item_id), sealed),
            SealedValue::Field { owner, sealed } => (owner.to_owned(), sealed),
            SealedValue::BlobKey {
                blob_id, wrapped, ..
            } => return Ok(format!("{wrapped}+{blob_id}")),
        };
        let open = from
            .open(&owner, sealed)
            .ok_or_else(|| format!("{owner} does not open"))?;
        Ok(to.seal(&owner, &open))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_sealed_value_is_rewrapped_or_none() {
    use spona_store::vault::CustodySigner;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let old = Keys::new();
        let ana = user(&db, "ana@example.org").await;
        let case = new_case(&db, &old, &ana, "Case").await;
        let a = file_item(&old, &case, &ana, "a.pdf", 10);
        let warning = old.seal(&owners::item_warning(&a.id), "JavaScript");
        add(
            &db,
            &old,
            &a,
            Some(&consent(&a, &ana, "astra")),
            Upload {
                charge: None,
                warning: Some(&warning),
            },
        )
        .await
        .expect("add");
        let new = Keys::with(VaultKey::generate(), old.server.clone());

        // A value that does not open: refused, and nothing changed.
        let strange = Keys::new();
        let r = vault::rewrap_all(&db, &rewrap_to(&strange, &new)).await;
        assert!(
            matches!(&r, Err(vault::RewrapError::Value(_))),
            "{kind}: {r:?}"
        );
        let r = vault::rewrap_all(&db, &|v: SealedValue<'_>| match v {
            SealedValue::BlobKey { .. } => Err("no blob key".to_owned()),
            SealedValue::CaseTitle { sealed, .. }
            | SealedValue::ItemField { sealed, .. }
            | SealedValue::Field { sealed, .. } => Ok(format!("{sealed}!")),
        })
        .await;
        assert!(
            matches!(&r, Err(vault::RewrapError::Value(_))),
            "{kind}: half-way refused: {r:?}"
        );
        let item = vault::item(&db, &case, &a.id, &old).await.expect("item");
        assert!(item.unreadable.is_empty(), "{kind}: {item:?}");
        assert_eq!(item.sealed, a.sealed, "{kind}: unchanged");

        let done = vault::rewrap_all(&db, &rewrap_to(&old, &new))
            .await
            .expect("rewrap");
        assert_eq!(
            done,
            Rewrapped {
                case_titles: 1,
                item_fields: 1,
                // size, sha256, media type, share list, warning, two custody reasons and
                // the file's item hash
                metadata: 8,
                blob_keys: 1
            },
            "{kind}"
        );
        let c = vault::case(&db, &case).await.expect("case");
        assert_eq!(
            new.open(&owners::case_title(&case), &c.title).as_deref(),
            Some("Case"),
            "{kind}"
        );
        let item = vault::item(&db, &case, &a.id, &new).await.expect("item");
        assert!(item.unreadable.is_empty(), "{kind}: {item:?}");
        assert_eq!(
            (item.size, item.media_type.as_str()),
            (Some(10), "application/pdf"),
            "{kind}"
        );
        assert_eq!(
            new.open(&owners::item(&a.id), &item.sealed).as_deref(),
            Some("a.pdf"),
            "{kind}"
        );
        assert_eq!(
            item.wrapped_key,
            Some(format!(
                "{}+{}",
                a.wrapped_key.clone().expect("key"),
                a.blob_id.clone().expect("blob")
            )),
            "{kind}"
        );
        assert_eq!(
            vault::consents(&db, &case, &new).await.expect("c")[0].share_with,
            "astra",
            "{kind}"
        );
        let entries = vault::custody(&db, &case, &new).await.expect("custody");
        assert!(
            entries.iter().all(|e| e.compute_hash() == e.hash),
            "{kind}: every entry opens to what its hash covers"
        );
        let sealed = vault_warnings::of_item(&db, &a.id)
            .await
            .expect("warning")
            .expect("some");
        assert_eq!(
            new.open(&owners::item_warning(&a.id), &sealed).as_deref(),
            Some("JavaScript"),
            "{kind}"
        );
        // The old key opens nothing any more.
        let item = vault::item(&db, &case, &a.id, &old).await.expect("item");
        assert_eq!(item.unreadable.len(), 3, "{kind}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn warnings_are_read_per_item_and_case() {
    use spona_store::vault::CustodySigner;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let keys = Keys::new();
        let ana = user(&db, "ana@example.org").await;
        let case = new_case(&db, &keys, &ana, "Case").await;
        let other = new_case(&db, &keys, &ana, "Other").await;
        let mut warned = Vec::new();
        for (c, name, warn) in [
            (&case, "a.pdf", true),
            (&case, "b.pdf", false),
            (&case, "c.pdf", true),
            (&other, "d.pdf", true),
        ] {
            let item = file_item(&keys, c, &ana, name, 10);
            let sealed = keys.seal(
                &owners::item_warning(&item.id),
                &format!("Launch in {name}"),
            );
            let upload = Upload {
                charge: None,
                warning: warn.then_some(sealed.as_str()),
            };
            add(&db, &keys, &item, None, upload).await.expect("add");
            if warn && c == &case {
                warned.push((text(&item.id), sealed));
            }
            if !warn {
                assert_eq!(
                    vault_warnings::of_item(&db, &item.id)
                        .await
                        .expect("warning"),
                    None,
                    "{kind}"
                );
            }
        }
        warned.sort();
        let got = vault_warnings::of_case(&db, &case).await.expect("of case");
        assert_eq!(got, warned, "{kind}: only the case's, by item");
        let (id, sealed) = &got[0];
        assert_eq!(
            vault_warnings::of_item(&db, id)
                .await
                .expect("warning")
                .as_ref(),
            Some(sealed),
            "{kind}"
        );
        assert!(
            keys.open(&owners::item_warning(id), sealed)
                .is_some_and(|w| w.starts_with("Launch in")),
            "{kind}"
        );
        assert_eq!(
            vault_warnings::of_case(&db, &other)
                .await
                .expect("of case")
                .len(),
            1,
            "{kind}"
        );
        assert!(
            vault_warnings::of_case(&db, "nope")
                .await
                .expect("of case")
                .is_empty(),
            "{kind}"
        );
    }
}
