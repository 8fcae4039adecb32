//! What matching_resources.rs leaves out of the hub's resources: attachments with their
//! quota (given back when one is deleted), descriptions changed, edits that lost a race,
//! translations flagged outdated and confirmed, and the review work lists.

use spona_domain::ids::ResourceId;
use spona_domain::resource::{ResourceMeta, VariantText};
use spona_store::quota::{self, Charge, QuotaKind, Scope};
use spona_store::resources::{self, Attachment};

use super::raw::exec;
use super::*;

fn meta(review_due: i64) -> ResourceMeta {
    let mut m = ResourceDraft {
        kind: "best-practice".into(),
        themes: vec!["peacebuilding".into()],
        countries: vec!["RS".into()],
        visibility: "public".into(),
        networks: vec![],
        review_due: "2199-01-01".into(),
    }
    .validate()
    .expect("meta");
    m.review_due = review_due;
    m
}

fn variant(lang: &str, title: &str) -> VariantText {
    VariantDraft {
        written: lang.into(),
        title: title.into(),
        summary: "Summary".into(),
        body: "Body".into(),
        note: "why".into(),
    }
    .validate(false)
    .expect("variant")
}

async fn resource(db: &Db, owner: &str, author: &str, title: &str, review_due: i64) -> String {
    resources::create(
        db,
        owner,
        &meta(review_due),
        &[],
        &variant("en", title),
        author,
    )
    .await
    .expect("resource")
}

fn attachment(resource_id: &str, name: &str, size: i64, sha: &str) -> Attachment {
    Attachment {
        id: spona_store::new_id(),
        resource_id: ResourceId::from(resource_id),
        lang: ContentLang::En,
        filename: name.into(),
        media_type: "application/pdf".into(),
        size,
        sha256: sha.into(),
        extracted: "text found in the file".into(),
        created_at: 1_000,
        active_content: "OpenAction".into(),
    }
}

fn charge(a: &Attachment, scope: &Scope) -> Charge {
    Charge {
        bytes: a.size,
        scopes: vec![scope.clone()],
        object_id: Some(a.id.clone()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attachments_are_counted_and_given_back() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let ana = user(&db, "ana@example.org").await;
        let id = resource(&db, &astra, &ana, "Safe houses", 4_100_000_000).await;
        let other = resource(&db, &astra, &ana, "Other", 4_100_000_000).await;
        let hub = Scope::hub_org(&astra, 1_000);
        let a = attachment(&id, "guide.pdf", 600, "aa");
        let b = attachment(&id, "copy.pdf", 300, "aa");
        let seq = resources::current_seq(&db).await.expect("seq");
        resources::add_attachment(&db, &a, &ana, &charge(&a, &hub))
            .await
            .expect("add");
        let mut tx = db.begin().await.expect("begin");
        resources::add_attachment_in(&mut tx, &b, &ana, &charge(&b, &hub))
            .await
            .expect("add");
        tx.commit().await.expect("commit");
        assert_eq!(
            resources::current_seq(&db).await.expect("seq"),
            seq + 2,
            "{kind}: each attachment changes what the index holds"
        );

        let got = resources::attachment(&db, &id, &a.id)
            .await
            .expect("attachment");
        assert_eq!(
            (
                got.filename.as_str(),
                got.lang,
                got.size,
                got.sha256.as_str(),
                got.extracted.as_str(),
                got.active_content.as_str(),
                got.created_at
            ),
            (
                "guide.pdf",
                ContentLang::En,
                600,
                "aa",
                "text found in the file",
                "OpenAction",
                1_000
            ),
            "{kind}"
        );
        assert!(
            matches!(
                resources::attachment(&db, &other, &a.id).await,
                Err(StoreError::NotFound)
            ),
            "{kind}: only under its own resource"
        );
        let r = resources::get(&db, &id).await.expect("get");
        assert_eq!(r.attachments.len(), 2, "{kind}");
        assert_eq!(
            resources::attachment_hashes(&db).await.expect("hashes"),
            ["aa"],
            "{kind}: each stored file once"
        );
        assert_eq!(
            quota::used(&db, std::slice::from_ref(&hub))
                .await
                .expect("used"),
            [900],
            "{kind}"
        );

        // Over quota, or for a resource that does not exist: nothing recorded.
        let c = attachment(&id, "big.pdf", 101, "bb");
        let r = resources::add_attachment(&db, &c, &ana, &charge(&c, &hub)).await;
        assert!(
            matches!(
                r,
                Err(StoreError::OverQuota {
                    kind: QuotaKind::HubOrg,
                    used: 900,
                    allowed: 1_000
                })
            ),
            "{kind}: {r:?}"
        );
        let d = attachment("no-such-resource", "d.pdf", 1, "dd");
        let r = resources::add_attachment(&db, &d, &ana, &charge(&d, &hub)).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
        assert_eq!(
            resources::get(&db, &id)
                .await
                .expect("get")
                .attachments
                .len(),
            2,
            "{kind}"
        );

        // Deleting an attachment gives its bytes back to the scope it was charged to.
        exec(
            &db,
            format!("DELETE FROM resource_attachments WHERE id = '{}'", a.id),
        )
        .await;
        assert_eq!(
            quota::used(&db, std::slice::from_ref(&hub))
                .await
                .expect("used"),
            [300],
            "{kind}"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM storage_charges").await,
            1,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn descriptions_variants_and_translations() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let ana = user(&db, "ana@example.org").await;
        let id = resource(&db, &astra, &ana, "Safe houses", 4_100_000_000).await;
        let net = spona_store::networks::create(
            &db,
            &Slug::parse("peace-net").expect("slug"),
            "Peace network",
            &astra,
            &[],
        )
        .await
        .expect("network");

        let mut changed = meta(4_200_000_000);
        changed.kind = "guide".into();
        changed.visibility = spona_domain::resource::Visibility::Networks;
        changed.themes = vec!["human-rights".into(), "peacebuilding".into()];
        let mut tx = db.begin().await.expect("begin");
        resources::update_meta_in(&mut tx, &id, &changed, std::slice::from_ref(&net))
            .await
            .expect("meta");
        let r = resources::update_meta_in(&mut tx, "nope", &changed, &[]).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
        tx.commit().await.expect("commit");
        let r = resources::get(&db, &id).await.expect("get");
        assert_eq!(
            (r.kind.as_str(), r.review_due, r.themes.clone()),
            ("guide", 4_200_000_000, changed.themes.clone()),
            "{kind}"
        );
        assert_eq!(text(r.visibility), "networks", "{kind}");
        let nets: Vec<&str> = r.networks.iter().map(|n| n.slug.as_str()).collect();
        assert_eq!(nets, ["peace-net"], "{kind}");
        assert_eq!(
            resources::networks_of(&db, std::slice::from_ref(&astra))
                .await
                .expect("networks"),
            ["peace-net"],
            "{kind}"
        );

        // A Ukrainian variant: the English one is flagged outdated until confirmed.
        let v = resources::save_variant(&db, &id, &variant("uk", "Безпечні будинки"), None, &ana)
            .await
            .expect("save");
        assert_eq!(v, 1, "{kind}");
        let outdated = resources::outdated(&db, None).await.expect("outdated");
        let langs: Vec<&str> = outdated.iter().map(|l| l.lang.as_str()).collect();
        assert_eq!(langs, ["en"], "{kind}");
        assert_eq!(outdated[0].owner_name, "Astra", "{kind}");
        assert!(
            resources::outdated(&db, Some(&[]))
                .await
                .expect("outdated")
                .is_empty(),
            "{kind}"
        );
        assert!(
            resources::outdated(&db, Some(&["other-org".to_owned()]))
                .await
                .expect("outdated")
                .is_empty(),
            "{kind}"
        );
        let mut tx = db.begin().await.expect("begin");
        resources::confirm_translation_in(&mut tx, &id, ContentLang::En)
            .await
            .expect("confirm");
        let r = resources::confirm_translation_in(&mut tx, &id, ContentLang::Sr).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
        tx.commit().await.expect("commit");
        assert!(
            resources::outdated(&db, None)
                .await
                .expect("outdated")
                .is_empty(),
            "{kind}"
        );

        // An edit from a version someone else has saved over: refused, nothing written.
        resources::save_variant(&db, &id, &variant("en", "Second"), Some(1), &ana)
            .await
            .expect("save");
        let r = resources::save_variant(&db, &id, &variant("en", "Lost"), Some(1), &ana).await;
        assert!(
            matches!(&r, Err(StoreError::Conflict(c)) if c == "version"),
            "{kind}: {r:?}"
        );
        let versions = resources::versions(&db, &id, ContentLang::En)
            .await
            .expect("versions");
        assert_eq!(versions.len(), 2, "{kind}");
        assert_eq!(versions[0].title, "Second", "{kind}");
        let r = resources::save_variant(&db, "nope", &variant("en", "Nowhere"), None, &ana).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_lists_and_reminders() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let ana = user(&db, "ana@example.org").await;
        let at = 2_000_000_000;
        let due = resource(&db, &astra, &ana, "Due", at - 10).await;
        let later = resource(&db, &astra, &ana, "Later", at + 10).await;
        let theirs = resource(&db, &zmina, &ana, "Theirs", at - 20).await;
        // Two variants: still one line for the review.
        resources::save_variant(&db, &due, &variant("sr-Cyrl", "Рок прегледа"), None, &ana)
            .await
            .expect("save");

        let ids = |lines: Vec<resources::ResourceLine>| -> Vec<String> {
            lines.into_iter().map(|l| text(l.id)).collect()
        };
        assert_eq!(
            ids(resources::needs_review(&db, None, at).await.expect("due")),
            [theirs.clone(), due.clone()],
            "{kind}: soonest due first, once each"
        );
        assert_eq!(
            ids(
                resources::needs_review(&db, Some(std::slice::from_ref(&astra)), at)
                    .await
                    .expect("due")
            ),
            std::slice::from_ref(&due),
            "{kind}"
        );
        assert!(
            resources::needs_review(&db, Some(&[]), at)
                .await
                .expect("due")
                .is_empty(),
            "{kind}"
        );
        assert!(
            !ids(resources::needs_review(&db, None, at).await.expect("due")).contains(&later),
            "{kind}"
        );

        let to_remind = resources::reviews_to_remind(&db, at).await.expect("remind");
        assert_eq!(to_remind.len(), 2, "{kind}");
        let reminded: Vec<(ResourceId, i64)> = to_remind
            .iter()
            .map(|l| (l.id.clone(), l.review_due))
            .collect();
        resources::mark_reminded(&db, &reminded, at)
            .await
            .expect("mark");
        resources::mark_reminded(&db, &reminded, at + 1)
            .await
            .expect("mark twice");
        assert!(
            resources::reviews_to_remind(&db, at)
                .await
                .expect("remind")
                .is_empty(),
            "{kind}: reminded once per review date"
        );
        // A new review date, once past, is reminded of again.
        let mut tx = db.begin().await.expect("begin");
        resources::update_meta_in(&mut tx, &due, &meta(at - 5), &[])
            .await
            .expect("meta");
        tx.commit().await.expect("commit");
        assert_eq!(
            ids(resources::reviews_to_remind(&db, at).await.expect("remind")),
            std::slice::from_ref(&due),
            "{kind}"
        );
    }
}
