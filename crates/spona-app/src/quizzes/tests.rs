use super::take::{TokenError, check_token, dedup_hash, make_token};
use super::*;
use crate::actor::testing::{member, user};
use spona_domain::role::{OrgRole, PlatformRole};

fn campaign() -> Campaign {
    Campaign {
        id: "c1".into(),
        slug: "stop".into(),
        org_id: "astra".into(),
        public_results: 0,
        token_key: "00".repeat(32),
        created_by: None,
        created_at: 0,
        network_id: None,
        network_coordinator: None,
    }
}

#[test]
fn org_admins_and_platform_admins_coordinate() {
    let c = campaign();
    let admin = Actor::signed_in(
        user("ana", PlatformRole::User),
        vec![member("astra", OrgRole::Admin)],
    );
    let editor = Actor::signed_in(
        user("eva", PlatformRole::User),
        vec![member("astra", OrgRole::Member)],
    );
    let other = Actor::signed_in(
        user("oli", PlatformRole::User),
        vec![member("zmina", OrgRole::Admin)],
    );
    let root = Actor::signed_in(user("root", PlatformRole::Admin), vec![]);
    assert!(coordinates(&admin, &c));
    assert!(coordinates(&root, &c));
    assert!(!coordinates(&editor, &c));
    assert!(!coordinates(&other, &c));
    assert!(!coordinates(&Actor::anonymous(), &c));
}

#[test]
fn a_networks_campaign_is_coordinated_by_its_coordinators_only() {
    // Owned by the BRIDGE network, which Atina coordinates; `org_id` records ASTRA (the
    // coordinator when the campaign was opened): ASTRA's admin no longer coordinates it.
    let c = Campaign {
        network_id: Some("bridge".into()),
        network_coordinator: Some("atina".into()),
        ..campaign()
    };
    let coordinator = Actor::signed_in(
        user("ana", PlatformRole::User),
        vec![member("atina", OrgRole::Admin)],
    );
    let member_admin = Actor::signed_in(
        user("pia", PlatformRole::User),
        vec![member("pvpt", OrgRole::Admin)],
    );
    let former = Actor::signed_in(
        user("ada", PlatformRole::User),
        vec![member("astra", OrgRole::Admin)],
    );
    let root = Actor::signed_in(user("root", PlatformRole::Admin), vec![]);
    assert!(coordinates(&coordinator, &c));
    assert!(coordinates(&root, &c));
    assert!(!coordinates(&member_admin, &c));
    assert!(!coordinates(&former, &c));
}

#[test]
fn tokens_are_signed_and_expire() {
    let key = "ab".repeat(32);
    let t = make_token(&key, "s1", 1000);
    assert_eq!(check_token(&key, &t, 999), Ok("s1".to_owned()));
    assert_eq!(check_token(&key, &t, 1001), Err(TokenError::Expired));
    assert_eq!(
        check_token(&"cd".repeat(32), &t, 999),
        Err(TokenError::Forged)
    );
    let forged = t.replace("s1", "s2");
    assert_eq!(check_token(&key, &forged, 999), Err(TokenError::Forged));
    let later = t.replace(".1000.", ".9000.");
    assert_eq!(check_token(&key, &later, 999), Err(TokenError::Forged));
    assert_eq!(check_token(&key, "junk", 0), Err(TokenError::Forged));
}

#[test]
fn the_hash_changes_with_the_salt_and_hides_the_address() {
    let a = dedup_hash("salt1", "q", "203.0.113.77", "ua");
    assert_eq!(a, dedup_hash("salt1", "q", "203.0.113.77", "ua"));
    assert_ne!(a, dedup_hash("salt2", "q", "203.0.113.77", "ua"));
    assert_ne!(a, dedup_hash("salt1", "q", "203.0.113.78", "ua"));
    assert!(!a.contains("203"));
}

mod withheld {
    use proptest::prelude::*;
    use spona_domain::quiz::results::{MIN_CELL, withhold};

    /// Every value a withheld cell may hold, given what a reader sees: the shown cells, the
    /// table's total (so the sum of the withheld ones), that a withheld cell is at least 1,
    /// and at most 9 when the reader may assume all withheld cells are small (none shown is
    /// under ten, so a reader cannot tell a secondary cell from a small one: we grant the
    /// bound whenever every withheld cell is in fact small).
    fn range(withheld: &[i64]) -> (i64, i64) {
        let k = withheld.len() as i64;
        let s: i64 = withheld.iter().sum();
        let hi_each = if withheld.iter().all(|n| *n < MIN_CELL) {
            MIN_CELL - 1
        } else {
            s
        };
        let lo = (s - (k - 1) * hi_each).max(1);
        let hi = (s - (k - 1)).min(hi_each);
        (lo, hi)
    }

    proptest! {
        #[test]
        fn no_withheld_cell_follows_from_the_shown_cells_and_the_total(
            counts in proptest::collection::vec(
                prop_oneof![Just(0i64), 1i64..10, 10i64..40], 1..9)
        ) {
            let (hidden, together) = withhold(&counts);
            for (n, h) in counts.iter().zip(&hidden) {
                // Small cells are always withheld; zeros never.
                if (1..MIN_CELL).contains(n) { prop_assert!(*h); }
                if *n == 0 { prop_assert!(!*h); }
            }
            let withheld: Vec<i64> = counts.iter().zip(&hidden)
                .filter(|(_, h)| **h).map(|(n, _)| *n).collect();
            if withheld.is_empty() || together {
                // Nothing withheld, or the withheld cells are shown as one line without
                // their keys: nothing per key to derive.
                if together {
                    prop_assert!(counts.iter().zip(&hidden).all(|(n, h)| *h || *n == 0));
                }
                return Ok(());
            }
            let (lo, hi) = range(&withheld);
            prop_assert!(lo < hi, "{counts:?} → {hidden:?}: each withheld cell is within {lo}..={hi}");
        }
    }

    #[test]
    fn the_cell_a_total_would_reveal_is_withheld() {
        // One small cell: the next smallest goes too.
        assert_eq!(withhold(&[7, 15, 30]).0, [true, true, false]);
        // Two ones: still every one is 1, so a third.
        assert_eq!(withhold(&[1, 1, 12, 40]).0, [true, true, true, false]);
        // Two nines: both 9; a third.
        assert_eq!(withhold(&[9, 9, 11, 20]).0, [true, true, true, false]);
        // Nothing to hide beside them: shown together, keys withheld.
        assert_eq!(withhold(&[1, 1, 0]), (vec![true, true, false], true));
        assert_eq!(withhold(&[12, 0, 30]), (vec![false, false, false], false));
    }
}
