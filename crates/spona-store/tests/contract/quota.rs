//! Storage quotas: bytes counted per scope, the room left, a full scope refused at once,
//! two uploads racing for the last bytes (one passes), and whom a case's files count against.

use spona_domain::vault::CaseRole;
use spona_store::quota::{self, QuotaKind, Scope};

use super::call_files::{AstraCalls, assert_held, astra_calls, attach, charge, file};
use super::vault::{Keys, new_case, note};
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_and_room_per_scope() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let AstraCalls {
            astra,
            ana,
            call,
            hub,
            ..
        } = astra_calls(&db, 1_000).await;
        let case = Scope::case("c1", 5_000);
        let org_vault = Scope::vault_org(&astra, 300);
        assert_eq!(
            (
                hub.key.as_str(),
                case.key.as_str(),
                org_vault.kind,
                org_vault.allowed
            ),
            (
                format!("hub-org:{astra}").as_str(),
                "case:c1",
                QuotaKind::VaultOrg,
                300
            ),
            "{kind}"
        );
        // A limit past what the database counts in is the most it can.
        assert_eq!(Scope::case("c2", u64::MAX).allowed, i64::MAX, "{kind}");

        let scopes = [hub.clone(), case.clone(), org_vault.clone()];
        assert_eq!(
            quota::used(&db, &scopes).await.expect("used"),
            [0, 0, 0],
            "{kind}"
        );
        assert_eq!(
            quota::room(&db, &scopes).await.expect("room"),
            300,
            "{kind}: the tightest"
        );
        assert_eq!(
            quota::room(&db, &[]).await.expect("room"),
            u64::MAX,
            "{kind}"
        );

        // One upload counted against two scopes at once.
        let f = file(&call, "a.pdf", 250, 1_000);
        attach(
            &db,
            &f,
            &ana,
            &charge(&f, vec![hub.clone(), org_vault.clone()]),
        )
        .await
        .expect("add");
        assert_eq!(
            quota::used(&db, &scopes).await.expect("used"),
            [250, 0, 250],
            "{kind}"
        );
        assert_eq!(quota::room(&db, &scopes).await.expect("room"), 50, "{kind}");

        // A scope over its limit in one, refused in all, and nothing of it counted.
        let g = file(&call, "b.pdf", 100, 1_001);
        let r = attach(
            &db,
            &g,
            &ana,
            &charge(&g, vec![hub.clone(), org_vault.clone()]),
        )
        .await;
        assert!(
            matches!(
                r,
                Err(StoreError::OverQuota {
                    kind: QuotaKind::VaultOrg,
                    used: 250,
                    allowed: 300
                })
            ),
            "{kind}: {r:?}"
        );
        assert_eq!(
            quota::used(&db, &scopes).await.expect("used"),
            [250, 0, 250],
            "{kind}: the hub's bytes were given back with the transaction"
        );

        // Full: the room check refuses before anything is received.
        let h = file(&call, "c.pdf", 50, 1_002);
        attach(&db, &h, &ana, &charge(&h, vec![org_vault.clone()]))
            .await
            .expect("add");
        let r = quota::room(&db, &scopes).await;
        assert!(
            matches!(
                r,
                Err(StoreError::OverQuota {
                    kind: QuotaKind::VaultOrg,
                    used: 300,
                    allowed: 300
                })
            ),
            "{kind}: {r:?}"
        );
    }
}

/// Two uploads for the last bytes of a scope at once: exactly one is counted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_uploads_racing_for_the_last_bytes() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let AstraCalls {
            ana,
            call: a,
            other: b,
            hub,
            ..
        } = astra_calls(&db, 100).await;
        let fa = file(&a, "a.pdf", 60, 1_000);
        let fb = file(&b, "b.pdf", 60, 1_000);
        let (ca, cb) = (
            charge(&fa, vec![hub.clone()]),
            charge(&fb, vec![hub.clone()]),
        );
        let (ra, rb) = tokio::join!(attach(&db, &fa, &ana, &ca), attach(&db, &fb, &ana, &cb));
        let passed = [&ra, &rb].iter().filter(|r| r.is_ok()).count();
        assert_eq!(passed, 1, "{kind}: {ra:?} {rb:?}");
        let refused = [&ra, &rb]
            .into_iter()
            .find_map(|r| r.as_ref().err())
            .expect("one refused");
        assert!(
            matches!(refused, StoreError::OverQuota { used: 60, .. }),
            "{kind}: {refused:?}"
        );
        assert_held(&db, &hub, 60, "SELECT COUNT(*) FROM call_attachments", 1).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cases_files_count_against_its_leads_organisations() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let keys = Keys::new();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let atina = org(&db, "atina", "Atina").await;
        let ana = user(&db, "ana@example.org").await;
        let bo = user(&db, "bo@example.org").await;
        let cy = user(&db, "cy@example.org").await;
        for (u, o) in [(&ana, &astra), (&ana, &zmina), (&bo, &zmina), (&cy, &atina)] {
            spona_store::users::set_membership(&db, u, o, OrgRole::Member)
                .await
                .expect("member");
        }
        let case = new_case(&db, &keys, &ana, "Case").await;
        // A second lead in one of the same organisations; a documenter from another.
        for (u, role) in [(&bo, CaseRole::Lead), (&cy, CaseRole::Documenter)] {
            let mut tx = db.begin().await.expect("begin");
            spona_store::vault::set_member_in(
                &mut tx,
                &case,
                u,
                role,
                &ana,
                note(&case, &ana, "grant"),
                &keys,
            )
            .await
            .expect("member");
            tx.commit().await.expect("commit");
        }
        let mut want = vec![astra.clone(), zmina.clone()];
        want.sort();
        assert_eq!(
            quota::case_lead_orgs(&db, &case).await.expect("orgs"),
            want,
            "{kind}: each organisation once, the documenter's not"
        );
        assert!(
            quota::case_lead_orgs(&db, "nope")
                .await
                .expect("orgs")
                .is_empty(),
            "{kind}"
        );
    }
}
