//! Optional typed ids (`ids::OptId`): a column that is `NULL` reads as `None`, text as the
//! id, the same on both databases — here a round's participants, an organisation (no
//! person) and a person (no organisation).

use spona_store::matching;

use super::*;

fn round(programme: &str) -> spona_domain::matching::RoundSpec {
    RoundDraft {
        programme: programme.into(),
        title: format!("{programme} round"),
        titles: vec![],
        side_a: vec!["RS".into()],
        side_b: vec!["UA".into()],
        deadline: "2199-01-01".into(),
    }
    .validate(0)
    .expect("round")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn optional_ids_read_back_as_none_or_the_id() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let coordinator = user(&db, "coord@example.org").await;
        let mentor = spona_store::users::create(
            &db,
            "mentor@example.org",
            "Mentor",
            "h",
            PlatformRole::User,
        )
        .await
        .expect("user");
        let opt = OptInDraft {
            offers: vec!["safe-houses".into()],
            languages: vec!["en".into()],
            statement: "We can help.".into(),
            capacity: "1".into(),
            ..OptInDraft::default()
        }
        .validate()
        .expect("opt in");

        let exchange = matching::create_round(&db, &round("peer_exchange"), None, &coordinator)
            .await
            .expect("round");
        matching::opt_in(&db, &exchange, &astra, Side::A, &opt, &coordinator)
            .await
            .expect("opt in");
        let mentorship = matching::create_round(&db, &round("mentorship"), None, &coordinator)
            .await
            .expect("round");
        matching::opt_in_person(&db, &mentorship, &mentor, "RS", Side::A, &opt)
            .await
            .expect("opt in");

        let orgs = matching::participants(&db, &exchange)
            .await
            .expect("participants");
        let o = &orgs[0];
        assert_eq!(
            (
                o.org_id.as_ref().map(text),
                o.org_slug.as_deref(),
                o.user_id.as_ref().map(text),
                o.name.as_str()
            ),
            (Some(astra.clone()), Some("astra"), None, "Astra"),
            "{kind}"
        );
        let people = matching::participants(&db, &mentorship)
            .await
            .expect("participants");
        let p = &people[0];
        assert_eq!(
            (
                p.org_id.as_ref().map(text),
                p.org_slug.as_deref(),
                p.user_id.as_ref().map(text),
                p.name.as_str(),
                p.country.as_str()
            ),
            (None, None, Some(mentor.clone()), "Mentor", "RS"),
            "{kind}"
        );
    }
}
