//! Unit tests of the access rules that need rows to decide (a network's coordinator and
//! members, a round's participants and proposals, a case's team), and of [`Actor`] itself.
//! Written against the mutants `cargo mutants` found surviving (`bench/mutants.sh
//! app-access`): each assertion fails when a rule answers the other way.

use spona_domain::matching::{OptInDraft, RoundDraft, RoundStatus, Side};
use spona_domain::org::{OrgDraft, Slug};
use spona_domain::role::{OrgRole, PlatformRole};
use spona_domain::vault::CaseRole;
use spona_store::Db;
use spona_store::matching::{self as rounds, Reason, Round};

use crate::actor::testing::{in_orgs, member, user};
use crate::matching::{access, privacy};
use crate::vault::access::load_case;
use crate::vault::testing::{open_case, person, setup};
use crate::{Actor, Error};

#[test]
fn an_anonymous_actor_is_nobody_and_manages_nothing() {
    let a = Actor::anonymous();
    assert!(a.user().is_none() && a.id().is_none() && !a.is_signed_in());
    assert!(matches!(a.require_user(), Err(Error::SignInRequired)));
    assert!(matches!(a.require_admin(), Err(Error::SignInRequired)));
    assert!(a.memberships().is_empty());
    assert!(!a.is_admin() && !a.can_manage_org("astra") && !a.is_member_of("astra"));
}

#[test]
fn a_signed_in_person_manages_only_what_they_administer() {
    let a = in_orgs(
        "u1",
        &[("astra", OrgRole::Admin), ("atina", OrgRole::Member)],
    );
    assert_eq!(a.user().map(|u| u.email.as_str()), Some("u1@example.org"));
    assert_eq!(a.id(), Some("u1"));
    assert!(a.is_signed_in() && !a.is_admin());
    assert_eq!(
        a.require_user().map(|u| u.id.to_string()).ok().as_deref(),
        Some("u1")
    );
    assert!(matches!(a.require_admin(), Err(Error::Forbidden)));
    let orgs: Vec<&str> = a.memberships().iter().map(|m| m.org_id.as_str()).collect();
    assert_eq!(orgs, ["astra", "atina"]);
    assert!(a.can_manage_org("astra"));
    assert!(!a.can_manage_org("atina"), "a member does not manage");
    assert!(
        !a.can_manage_org("zmina"),
        "an admin elsewhere does not manage"
    );
    assert!(a.is_member_of("astra") && a.is_member_of("atina"));
    assert!(!a.is_member_of("zmina"));
}

#[test]
fn a_platform_admin_manages_every_organisation_without_belonging_to_it() {
    let a = Actor::signed_in(user("root", PlatformRole::Admin), Vec::new());
    assert!(a.is_admin());
    assert_eq!(
        a.require_admin().map(|u| u.id.to_string()).ok().as_deref(),
        Some("root")
    );
    assert!(a.can_manage_org("astra"));
    assert!(!a.is_member_of("astra"));
}

async fn org(db: &Db, slug: &str, country: &str) -> String {
    let profile = OrgDraft {
        name: format!("Org {slug}"),
        country: country.into(),
        city: "City".into(),
        email: format!("office@{slug}.example"),
        contact_visibility: "members".into(),
        themes: vec!["peacebuilding".into()],
        offers: vec!["safe-houses".into()],
        languages: vec!["sr".into()],
        ..OrgDraft::default()
    }
    .validate()
    .expect("profile");
    spona_store::orgs::create(db, &Slug::parse(slug).expect("slug"), &profile)
        .await
        .expect("org")
}

async fn round(db: &Db, programme: &str, network: Option<&str>, deadline: &str) -> Round {
    let spec = RoundDraft {
        programme: programme.into(),
        title: "Round".into(),
        titles: Vec::new(),
        side_a: vec!["RS".into()],
        side_b: vec!["UA".into()],
        deadline: deadline.into(),
    }
    .validate(0)
    .expect("round");
    let creator = spona_store::users::create(db, "c@x.example", "C", "-", PlatformRole::User)
        .await
        .ok();
    let id = rounds::create_round(db, &spec, network, creator.as_deref().unwrap_or("-"))
        .await
        .expect("create");
    rounds::round(db, &id).await.expect("round")
}

fn opt() -> spona_domain::matching::OptIn {
    OptInDraft {
        offers: vec!["safe-houses".into()],
        languages: vec!["en".into()],
        statement: "We can host.".into(),
        capacity: "1".into(),
        ..OptInDraft::default()
    }
    .validate()
    .expect("opt in")
}

/// A network coordinated by `coordinator` (an organisation in Serbia) with `astra` (Serbia)
/// and `zmina` (Ukraine) as members, and one organisation outside it (`bridge`, Serbia).
struct Network {
    _dir: tempfile::TempDir,
    db: Db,
    id: String,
    coordinator: String,
    astra: String,
    zmina: String,
    bridge: String,
}

async fn network() -> Network {
    let (dir, db, _vault) = setup().await;
    let coordinator = org(&db, "hub", "RS").await;
    let astra = org(&db, "astra", "RS").await;
    let zmina = org(&db, "zmina", "UA").await;
    let bridge = org(&db, "bridge", "RS").await;
    let id = spona_store::networks::create(
        &db,
        &Slug::parse("net").expect("slug"),
        "Net",
        &coordinator,
        &[],
    )
    .await
    .expect("network");
    for o in [&astra, &zmina] {
        spona_store::networks::add_member(&db, &id, o)
            .await
            .expect("member");
    }
    Network {
        _dir: dir,
        db,
        id,
        coordinator,
        astra,
        zmina,
        bridge,
    }
}

#[tokio::test]
async fn a_network_round_is_coordinated_by_its_coordinators_admins_only() {
    let n = network().await;
    let db = &n.db;
    let r = round(db, "peer_exchange", Some(&n.id), "2199-01-01").await;
    let open = round(db, "peer_exchange", None, "2199-01-01").await;
    let coordinator = in_orgs("c1", &[(&n.coordinator, OrgRole::Admin)]);
    let member = in_orgs("c2", &[(&n.coordinator, OrgRole::Member)]);
    let astra = in_orgs("a1", &[(&n.astra, OrgRole::Admin)]);
    let root = Actor::signed_in(user("root", PlatformRole::Admin), Vec::new());

    let nets = access::coordinated_networks(&coordinator, db)
        .await
        .expect("nets");
    assert_eq!(
        nets.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
        [n.id.as_str()]
    );
    assert!(
        access::coordinated_networks(&member, db)
            .await
            .expect("nets")
            .is_empty()
    );
    assert!(
        access::coordinated_networks(&astra, db)
            .await
            .expect("nets")
            .is_empty()
    );
    assert_eq!(
        access::coordinated_networks(&root, db)
            .await
            .expect("nets")
            .len(),
        1
    );
    assert!(matches!(
        access::coordinated_networks(&Actor::anonymous(), db).await,
        Err(Error::SignInRequired)
    ));

    assert!(access::may_coordinate(&coordinator, db).await.expect("may"));
    assert!(access::may_coordinate(&root, db).await.expect("may"));
    assert!(!access::may_coordinate(&member, db).await.expect("may"));
    assert!(!access::may_coordinate(&astra, db).await.expect("may"));

    assert!(access::coordinates(&coordinator, db, &r).await.expect("c"));
    assert!(access::coordinates(&root, db, &r).await.expect("c"));
    assert!(access::coordinates(&root, db, &open).await.expect("c"));
    for (who, a) in [("a member", &member), ("a member org's admin", &astra)] {
        assert!(!access::coordinates(a, db, &r).await.expect("c"), "{who}");
    }
    assert!(
        !access::coordinates(&coordinator, db, &open)
            .await
            .expect("c"),
        "a round for everyone is the platform's"
    );
    assert!(
        !access::coordinates(&Actor::anonymous(), db, &r)
            .await
            .expect("c")
    );

    assert!(
        access::require_coordinator(&coordinator, db, &r)
            .await
            .is_ok()
    );
    assert!(matches!(
        access::require_coordinator(&astra, db, &r).await,
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        access::require_coordinator(&Actor::anonymous(), db, &r).await,
        Err(Error::SignInRequired)
    ));
}

#[tokio::test]
async fn only_the_networks_members_take_part_in_its_rounds() {
    let n = network().await;
    let db = &n.db;
    let r = round(db, "peer_exchange", Some(&n.id), "2199-01-01").await;
    let open = round(db, "peer_exchange", None, "2199-01-01").await;
    let astra_member = in_orgs("a2", &[(&n.astra, OrgRole::Member)]);
    let outsider = in_orgs("b1", &[(&n.bridge, OrgRole::Admin)]);
    assert!(access::in_network(&astra_member, db, &r).await.expect("in"));
    assert!(!access::in_network(&outsider, db, &r).await.expect("in"));
    assert!(
        !access::in_network(&Actor::anonymous(), db, &r)
            .await
            .expect("in")
    );
    assert!(access::in_network(&outsider, db, &open).await.expect("in"));

    // Eligible: administered, in the network, not yet in, in a country of a side.
    let admin = in_orgs(
        "a3",
        &[
            (&n.zmina, OrgRole::Admin),
            (&n.bridge, OrgRole::Admin),
            (&n.astra, OrgRole::Admin),
            (&n.coordinator, OrgRole::Member),
        ],
    );
    let names = |v: Vec<(spona_store::orgs::Org, Side)>| -> Vec<(String, Side)> {
        v.into_iter().map(|(o, s)| (o.slug, s)).collect()
    };
    let eligible = access::eligible_orgs(&admin, db, &r, &[])
        .await
        .expect("eligible");
    assert_eq!(
        names(eligible),
        [("zmina".to_owned(), Side::B), ("astra".to_owned(), Side::A)],
        "the network's members the actor administers, in the order of their memberships"
    );
    let eligible = access::eligible_orgs(&admin, db, &open, &[])
        .await
        .expect("eligible");
    assert_eq!(
        names(eligible),
        [
            ("zmina".to_owned(), Side::B),
            ("bridge".to_owned(), Side::A),
            ("astra".to_owned(), Side::A)
        ]
    );
    rounds::opt_in(db, &r.id, &n.astra, Side::A, &opt(), "a3")
        .await
        .expect("opt in");
    let people = rounds::participants(db, &r.id).await.expect("participants");
    let eligible = access::eligible_orgs(&admin, db, &r, &people)
        .await
        .expect("eligible");
    assert_eq!(names(eligible), [("zmina".to_owned(), Side::B)]);
    assert!(
        access::eligible_orgs(&astra_member, db, &r, &[])
            .await
            .expect("eligible")
            .is_empty()
    );
}

#[tokio::test]
async fn a_person_opts_in_once_while_the_round_is_open() {
    let n = network().await;
    let db = &n.db;
    let r = round(db, "mentorship", Some(&n.id), "2199-01-01").await;
    let uid = spona_store::users::create(db, "p@x.example", "P", "-", PlatformRole::User)
        .await
        .expect("user");
    let user = spona_store::users::find_by_email(db, "p@x.example")
        .await
        .expect("db")
        .expect("user");
    let p = Actor::signed_in(user.clone(), vec![member(&n.astra, OrgRole::Member)]);
    assert!(
        access::may_opt_in_person(&p, db, &r, &[])
            .await
            .expect("may")
    );
    let outsider = Actor::signed_in(user, vec![member(&n.bridge, OrgRole::Admin)]);
    assert!(
        !access::may_opt_in_person(&outsider, db, &r, &[])
            .await
            .expect("may")
    );
    assert!(
        !access::may_opt_in_person(&Actor::anonymous(), db, &r, &[])
            .await
            .expect("may")
    );
    let personal = OptInDraft {
        offers: vec!["safe-houses".into()],
        languages: vec!["en".into()],
        statement: "I can mentor.".into(),
        capacity: "1".into(),
        ..OptInDraft::default()
    }
    .validate_personal(spona_domain::matching::MentorshipRole::Mentor)
    .expect("opt in");
    rounds::opt_in_person(db, &r.id, &uid, "RS", Side::A, &personal)
        .await
        .expect("opt in");
    let people = rounds::participants(db, &r.id).await.expect("participants");
    assert!(
        !access::may_opt_in_person(&p, db, &r, &people)
            .await
            .expect("may"),
        "once in, not twice"
    );
    let mut closed = r.clone();
    closed.deadline = 0;
    assert!(
        !access::may_opt_in_person(&p, db, &closed, &[])
            .await
            .expect("may"),
        "not after the deadline"
    );
}

#[tokio::test]
async fn the_sides_see_their_proposal_once_published_and_others_never() {
    let n = network().await;
    let db = &n.db;
    let r = round(db, "peer_exchange", Some(&n.id), "2199-01-01").await;
    let a = rounds::opt_in(db, &r.id, &n.astra, Side::A, &opt(), "x")
        .await
        .expect("a");
    let b = rounds::opt_in(db, &r.id, &n.zmina, Side::B, &opt(), "x")
        .await
        .expect("b");
    let people = rounds::participants(db, &r.id).await.expect("participants");
    let new = [(a.clone().into(), b.clone().into(), 7, Reason::Pinned)];
    rounds::replace_proposals(db, &r.id, &new, RoundStatus::Proposed)
        .await
        .expect("proposals");
    let side_a = in_orgs("a1", &[(&n.astra, OrgRole::Admin)]);
    let outsider = in_orgs("b1", &[(&n.bridge, OrgRole::Admin)]);
    let coordinator = in_orgs("c1", &[(&n.coordinator, OrgRole::Admin)]);
    let proposed = rounds::round(db, &r.id).await.expect("round");
    let seen = privacy::visible(&coordinator, db, &proposed, &people, None)
        .await
        .expect("visible");
    assert_eq!(seen.len(), 1, "the coordinator sees it at once");
    assert!(seen[0].1.coordinator && seen[0].0.a_id == a);
    assert!(
        privacy::visible(&side_a, db, &proposed, &people, None)
            .await
            .expect("visible")
            .is_empty(),
        "a side waits for publishing"
    );
    let mut tx = db.begin().await.expect("tx");
    rounds::set_status_in(&mut tx, &r.id, RoundStatus::Published)
        .await
        .expect("publish");
    tx.commit().await.expect("commit");
    let published = rounds::round(db, &r.id).await.expect("round");
    let seen = privacy::visible(&side_a, db, &published, &people, Some(false))
        .await
        .expect("visible");
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].1.my_side, Some(Side::A));
    assert!(
        privacy::visible(&outsider, db, &published, &people, None)
            .await
            .expect("visible")
            .is_empty()
    );
}

#[tokio::test]
async fn a_case_is_read_by_its_team_and_changed_by_the_roles_that_may() {
    let (_dir, db, vault) = setup().await;
    let lead = person(&db, "lead@example.org", PlatformRole::User).await;
    let reviewer = person(&db, "reviewer@example.org", PlatformRole::User).await;
    let documenter = person(&db, "doc@example.org", PlatformRole::User).await;
    let id = open_case(&db, &vault, &lead).await;
    let access = load_case(&lead, &db, &vault, &id).await.expect("lead");
    for (email, role) in [
        ("reviewer@example.org", CaseRole::Reviewer),
        ("doc@example.org", CaseRole::Documenter),
    ] {
        crate::vault::team::grant_by_email(&db, &access, email, role, "the team")
            .await
            .expect("grant");
    }
    assert_eq!(access.id(), id);
    let entry = access.entry("item.viewed", "a reason", Some("abc"));
    assert_eq!(
        (
            entry.case_id.as_str(),
            entry.actor.as_str(),
            entry.action.as_str()
        ),
        (id.as_str(), lead.id().expect("id"), "item.viewed")
    );
    assert!(access.require_add_items().is_ok() && access.require_manage().is_ok());
    let access = load_case(&documenter, &db, &vault, &id).await.expect("doc");
    assert!(access.require_add_items().is_ok());
    assert!(matches!(access.require_manage(), Err(Error::Forbidden)));
    let access = load_case(&reviewer, &db, &vault, &id)
        .await
        .expect("reviewer");
    assert_eq!(access.role, CaseRole::Reviewer);
    assert!(matches!(access.require_add_items(), Err(Error::Forbidden)));
    assert!(matches!(access.require_manage(), Err(Error::Forbidden)));
}
