//! Services (issue 19): what `create_in` writes `get` reads back whole (texts, codes, areas,
//! locations, hours), status and free places change `updated_at`, the database refuses
//! more free places than the total, and an update replaces every child row.

use spona_domain::ids::{OrgId, ServiceId};
use spona_domain::service::{
    Access, AgeBand, LocationDraft, OpeningDraft, ReferralField, ServiceDraft, ServiceStatus,
    ServiceText,
};
use spona_store::services::{self, Scope};

use super::{databases, org, user};

fn draft() -> ServiceDraft {
    ServiceDraft {
        kind: "shelter".into(),
        texts: vec![
            ServiceText {
                lang: "sr-Latn".into(),
                name: "Sigurna kuća".into(),
                description: "Smeštaj za žene i decu.".into(),
                eligibility: String::new(),
            },
            ServiceText {
                lang: "en".into(),
                name: "Safe house".into(),
                description: "Shelter for women and children.".into(),
                eligibility: "Women over 18; children with their mother.".into(),
            },
        ],
        access: "referral".into(),
        genders: vec!["female".into()],
        age_bands: vec!["18-24".into(), "0-11".into()],
        statuses: vec!["refugee".into()],
        languages: vec!["sr".into(), "sq".into()],
        area_countries: vec!["RS".into()],
        area_municipalities: "XK: Mitrovica".into(),
        locations: vec![LocationDraft {
            name: "Office".into(),
            address: "Ulica 1".into(),
            city: "Beograd".into(),
            country: "RS".into(),
        }],
        hours: vec![
            OpeningDraft {
                day: "TU".into(),
                opens: "09:00".into(),
                closes: "17:00".into(),
            },
            OpeningDraft {
                day: "MO".into(),
                opens: "09:00".into(),
                closes: "17:00".into(),
            },
        ],
        email: "shelter@example.org".into(),
        phone: "+381 11 000".into(),
        url: "https://example.org".into(),
        free: true,
        cost: String::new(),
        capacity_total: "12".into(),
        referral_fields: vec!["first-name".into(), "age-band".into(), "urgency".into()],
    }
}

#[tokio::test]
async fn services_round_trip_with_their_status_and_capacity() {
    for (db, _dir) in databases().await {
        let a = user(&db, "a@example.org").await;
        let o = OrgId::from(org(&db, "atina", "Atina").await);
        let id = ServiceId::from(spona_store::new_id());
        let v = draft().validate().expect("valid");
        let mut tx = db.begin().await.expect("tx");
        services::create_in(&mut tx, &id, &o, Some(&a), ServiceStatus::Draft, &v, None)
            .await
            .expect("create");
        tx.commit().await.expect("commit");

        let s = services::get(&db, &id).await.expect("get").expect("there");
        assert_eq!(s.org_id, o);
        assert_eq!(s.org_slug, "atina");
        assert_eq!(s.org_country, "RS");
        assert_eq!(s.kind, "shelter");
        assert_eq!(s.status, ServiceStatus::Draft);
        assert_eq!(s.access, Access::Referral);
        assert_eq!(s.texts.len(), 2);
        assert_eq!(s.texts[0].lang, "en");
        assert_eq!(
            s.texts[0].eligibility,
            "Women over 18; children with their mother."
        );
        assert_eq!(s.texts[1].eligibility, "");
        assert_eq!(s.name(&["sr-Latn"]), "Sigurna kuća");
        assert_eq!(s.name(&["uk"]), "Safe house");
        assert_eq!(s.genders, vec!["female"]);
        assert_eq!(s.age_bands, vec![AgeBand::Child, AgeBand::YoungAdult]);
        assert_eq!(s.statuses, vec!["refugee"]);
        assert_eq!(s.languages, vec!["sq", "sr"]);
        assert_eq!(
            s.referral_fields,
            vec![
                ReferralField::FirstName,
                ReferralField::AgeBand,
                ReferralField::Urgency
            ]
        );
        assert!(s.asks(ReferralField::Urgency));
        assert!(!s.asks(ReferralField::Needs));
        assert_eq!(s.areas.len(), 2);
        assert_eq!(s.areas[0].country, "RS");
        assert_eq!(s.areas[1].municipality.as_deref(), Some("Mitrovica"));
        assert_eq!(s.locations.len(), 1);
        assert_eq!(s.locations[0].city, "Beograd");
        assert_eq!(s.hours.len(), 2);
        assert_eq!(s.hours[0].opening.day.as_str(), "MO");
        assert_eq!(s.hours[0].opening.opens_at(), "09:00");
        assert!(s.free);
        assert_eq!(s.capacity.total, Some(12));
        assert_eq!(s.capacity.free, None);
        assert!(!s.is_full());
        assert!(!s.takes_referrals(), "a draft takes no referrals");

        // Published, then full: takes referrals, then not.
        let mut tx = db.begin().await.expect("tx");
        services::set_status_in(&mut tx, &id, ServiceStatus::Published)
            .await
            .expect("publish");
        services::set_free_places_in(&mut tx, &id, 3)
            .await
            .expect("free");
        let s = services::get_in(&mut tx, &id)
            .await
            .expect("get")
            .expect("there");
        tx.commit().await.expect("commit");
        assert!(s.takes_referrals());
        assert_eq!(s.capacity.free, Some(3));
        assert!(s.capacity.updated_at.is_some());
        let mut tx = db.begin().await.expect("tx");
        services::set_free_places_in(&mut tx, &id, 0)
            .await
            .expect("full");
        tx.commit().await.expect("commit");
        let s = services::get(&db, &id).await.expect("get").expect("there");
        assert!(s.is_full());
        assert!(!s.takes_referrals(), "a full service takes no referrals");

        // More free places than the total: the database refuses, nothing changes.
        let mut tx = db.begin().await.expect("tx");
        assert!(
            services::set_free_places_in(&mut tx, &id, 13)
                .await
                .is_err()
        );
        drop(tx);
        let s = services::get(&db, &id).await.expect("get").expect("there");
        assert_eq!(s.capacity.free, Some(0));

        // An update replaces every child row; a lower total brings free places down.
        let mut d = draft();
        d.texts.truncate(1);
        d.hours.clear();
        d.locations.clear();
        d.area_countries.clear();
        d.area_municipalities.clear();
        d.referral_fields = vec!["needs".into()];
        d.capacity_total = "2".into();
        let v = d.validate().expect("valid");
        let mut tx = db.begin().await.expect("tx");
        services::set_free_places_in(&mut tx, &id, 5)
            .await
            .expect("free");
        services::update_in(&mut tx, &id, &v).await.expect("update");
        tx.commit().await.expect("commit");
        let s = services::get(&db, &id).await.expect("get").expect("there");
        assert_eq!(s.texts.len(), 1);
        assert!(s.hours.is_empty() && s.locations.is_empty() && s.areas.is_empty());
        assert_eq!(s.referral_fields, vec![ReferralField::Needs]);
        assert_eq!(s.capacity.total, Some(2));
        assert_eq!(s.capacity.free, Some(2));
        assert_eq!(s.status, ServiceStatus::Published);

        // Scopes: by organisation, published only.
        let other = ServiceId::from(spona_store::new_id());
        let mut tx = db.begin().await.expect("tx");
        services::create_in(&mut tx, &other, &o, None, ServiceStatus::Draft, &v, None)
            .await
            .expect("create");
        tx.commit().await.expect("commit");
        assert_eq!(services::list_for_org(&db, &o).await.expect("org").len(), 2);
        let published = services::load(&db, Scope::Published).await.expect("pub");
        assert_eq!(published.len(), 1);
        assert_eq!(published[0].id, id);
        assert!(services::get(&db, "nope").await.expect("get").is_none());
        let mut tx = db.begin().await.expect("tx");
        assert!(
            services::set_status_in(
                &mut tx,
                &ServiceId::from("nope".to_owned()),
                ServiceStatus::Closed
            )
            .await
            .is_err()
        );
    }
}
