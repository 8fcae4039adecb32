//! What the reasons written by `facts` say is what `replay` reads back: the team, the
//! items and their consent (found with cargo-mutants: the writers could return nothing and
//! the "grant" reading could be dropped without a test failing).

use spona_vault::CustodyEntry;
use spona_vault::facts::{self, ConsentFacts};

fn entry(seq: u64, actor: &str, action: &str, reason: String) -> CustodyEntry {
    CustodyEntry {
        case_id: "case-1".into(),
        seq,
        at_ms: 1_700_000_000_000 + seq as i64,
        actor: actor.into(),
        action: action.into(),
        reason,
        item_sha256: (action == "create" && seq > 0).then(|| "ab".repeat(32)),
        prev_hash: String::new(),
        hash: String::new(),
    }
}

#[test]
fn the_team_and_the_items_read_back_from_the_reasons() {
    let consent = ConsentFacts {
        documentation: true,
        share_with: vec!["astra".into()],
        ..Default::default()
    };
    let withdrawn = ConsentFacts {
        withdrawn: true,
        ..Default::default()
    };
    let entries = [
        entry(0, "lead", "create", "case opened".into()),
        entry(
            1,
            "lead",
            "grant",
            facts::granted("u-ana", "investigator", "", "joins"),
        ),
        entry(
            2,
            "lead",
            "grant",
            facts::granted("u-bo", "viewer", " (until May)", "reads"),
        ),
        entry(
            3,
            "u-ana",
            "create",
            facts::file_created("i-1", 2048, &consent, "photo"),
        ),
        entry(
            4,
            "u-ana",
            "create",
            facts::testimony_created("i-2", &consent),
        ),
        entry(
            5,
            "lead",
            "consent",
            facts::consent_changed("i-1", &withdrawn, "asked"),
        ),
        entry(6, "lead", "revoke", facts::revoked("u-bo", "left")),
    ];
    let f = facts::replay(&entries);
    assert!(f.unreadable.is_empty(), "{:?}", f.unreadable);
    let team: Vec<_> = f
        .team
        .iter()
        .map(|(u, r)| (u.as_str(), r.as_str()))
        .collect();
    assert_eq!(team, [("lead", "lead"), ("u-ana", "investigator")]);
    let file = &f.items["i-1"];
    assert_eq!(file.kind, "file");
    assert_eq!(file.size, Some(2048));
    assert_eq!(file.created_at_seq, 3);
    assert_eq!(
        file.consent,
        Some(withdrawn),
        "the later consent entry wins"
    );
    let testimony = &f.items["i-2"];
    assert_eq!(testimony.kind, "testimony");
    assert_eq!(testimony.consent, Some(consent));
    // The reasons name what they are about.
    assert!(facts::file_created("i-9", 1, &ConsentFacts::default(), "x").starts_with("file i-9 "));
    assert_eq!(facts::revoked("u-1", "left"), "u-1: left");
}

#[test]
fn unreadable_entries_are_named_not_skipped() {
    let entries = [
        entry(0, "lead", "create", "case opened".into()),
        entry(1, "lead", "create", "spreadsheet i-3 stored".into()),
        entry(2, "lead", "create", "file".into()),
        entry(3, "lead", "grant", "someone".into()),
        entry(4, "lead", "revoke", "nobody".into()),
        entry(
            5,
            "lead",
            "consent",
            "item i-7: consent: documentation".into(),
        ),
    ];
    let f = facts::replay(&entries);
    assert_eq!(f.unreadable.len(), 5, "{:?}", f.unreadable);
    assert!(f.unreadable[0].starts_with("entry 1: unknown creation"));
    assert!(f.unreadable[1].starts_with("entry 2: unknown creation"));
    assert_eq!(f.unreadable[2], "entry 3: grant without a user");
    assert_eq!(f.unreadable[3], "entry 4: revocation without a user");
}
