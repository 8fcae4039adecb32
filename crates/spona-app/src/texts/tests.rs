use super::*;
use crate::actor::testing::{member, user};
use spona_domain::role::{OrgRole, PlatformRole};

fn text(orgs: &[&str]) -> JointText {
    JointText {
        id: "t".into(),
        kind: "declaration".into(),
        group_id: None,
        created_by: None,
        created_at: 0,
        updated_at: 0,
        orgs: orgs.iter().map(|o| (*o).to_owned()).collect(),
    }
}

fn version(number: i64, lang: &str, frozen: bool) -> Version {
    Version {
        text_id: "t".into(),
        number,
        lang: lang.into(),
        title: format!("Title {number}"),
        body: format!("Body {number}\n\nSecond"),
        note: String::new(),
        author_id: None,
        author_name: None,
        created_at: 0,
        frozen_by: None,
        frozen_at: frozen.then_some(1),
    }
}

#[test]
fn only_members_of_a_drafting_organisation_edit() {
    let t = text(&["astra", "atina"]);
    let astra = Actor::signed_in(
        user("m", PlatformRole::User),
        vec![member("astra", OrgRole::Member)],
    );
    let zmina = Actor::signed_in(
        user("z", PlatformRole::User),
        vec![member("zmina", OrgRole::Admin)],
    );
    let admin = Actor::signed_in(user("a", PlatformRole::Admin), vec![]);
    assert!(can_edit(&astra, &t));
    assert!(!can_edit(&zmina, &t));
    assert!(!can_edit(&admin, &t), "a platform admin is not a drafter");
    assert!(!can_edit(&Actor::anonymous(), &t));
}

#[test]
fn the_edition_is_the_current_finals_and_a_new_final_changes_it() {
    let t = text(&["astra"]);
    assert_eq!(sign::edition_of(&t, &[version(1, "en", false)]), None);
    let e3 =
        sign::edition_of(&t, &[version(3, "en", true), version(2, "sr", true)]).expect("edition");
    assert_eq!(e3.version, 3);
    assert_eq!(e3.covers, "en:3 sr:2");
    // A draft after the final changes nothing; a new final does.
    let same = sign::edition_of(
        &t,
        &[
            version(3, "en", true),
            version(2, "sr", true),
            version(4, "en", false),
        ],
    )
    .expect("edition");
    assert_eq!(same, e3);
    let e4 =
        sign::edition_of(&t, &[version(4, "en", true), version(2, "sr", true)]).expect("edition");
    assert_eq!(e4.version, 4);
    assert_ne!(e4.sha256, e3.sha256);
}
