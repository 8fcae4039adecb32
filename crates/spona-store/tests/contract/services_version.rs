//! The catalogue's version (migration 0103): every write to a service or its rows moves
//! `services_version` in the write's own transaction (nothing moves before the commit, a
//! rolled-back write moves nothing), and a change to an organisation moves
//! `directory_version` — the two counters the catalogue in memory reloads on.

use spona_domain::ids::{OrgId, ServiceId};
use spona_domain::service::{ServiceDraft, ServiceStatus};
use spona_store::services::{self, CatalogueVersion, catalogue_version};

use super::{databases, org};

#[tokio::test]
async fn every_write_to_a_service_moves_the_catalogue_version() {
    for (db, _dir) in databases().await {
        let o = OrgId::from(org(&db, "atina", "Atina").await);
        let id = ServiceId::from(spona_store::new_id());
        let v = ServiceDraft::simple("shelter", "en", "Safe house", "")
            .validate()
            .expect("valid");
        let start = catalogue_version(&db).await.expect("version");

        let mut tx = db.begin().await.expect("tx");
        services::create_in(&mut tx, &id, &o, None, ServiceStatus::Draft, &v, None)
            .await
            .expect("create");
        assert_eq!(
            catalogue_version(&db).await.expect("version"),
            start,
            "not before the commit"
        );
        tx.commit().await.expect("commit");
        let created = catalogue_version(&db).await.expect("version");
        assert!(
            created.services > start.services,
            "{created:?} after {start:?}"
        );
        assert_eq!(created.directory, start.directory);

        let mut last = created;
        let mut moved = |now: CatalogueVersion, what: &str| {
            assert!(
                now.services > last.services,
                "{what}: {now:?} after {last:?}"
            );
            last = now;
        };
        for step in 0..4 {
            let mut tx = db.begin().await.expect("tx");
            match step {
                0 => services::update_in(&mut tx, &id, &v).await.expect("update"),
                1 => services::set_status_in(&mut tx, &id, ServiceStatus::Published)
                    .await
                    .expect("publish"),
                2 => {
                    let mut with_total = ServiceDraft::simple("shelter", "en", "Safe house", "");
                    with_total.capacity_total = "4".into();
                    let v = with_total.validate().expect("valid");
                    services::update_in(&mut tx, &id, &v).await.expect("update")
                }
                _ => services::set_free_places_in(&mut tx, &id, 2)
                    .await
                    .expect("places"),
            }
            tx.commit().await.expect("commit");
            moved(
                catalogue_version(&db).await.expect("version"),
                &format!("step {step}"),
            );
        }

        // A rolled-back write moves nothing.
        let before = catalogue_version(&db).await.expect("version");
        let mut tx = db.begin().await.expect("tx");
        services::set_status_in(&mut tx, &id, ServiceStatus::Closed)
            .await
            .expect("close");
        tx.rollback().await.expect("rollback");
        assert_eq!(catalogue_version(&db).await.expect("version"), before);

        // An organisation's change moves the directory's counter.
        let atina = spona_store::orgs::get(&db, o.as_str()).await.expect("org");
        let mut profile = atina.profile();
        profile.name = "Atina Beograd".into();
        spona_store::orgs::update(&db, o.as_str(), &profile)
            .await
            .expect("rename");
        let renamed = catalogue_version(&db).await.expect("version");
        assert!(
            renamed.directory > before.directory,
            "{renamed:?} after {before:?}"
        );
    }
}
