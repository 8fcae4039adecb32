//! Changes of the signing key at their edges: what a change's signatures cover, a change
//! that does not follow the one before, changes read back from custody lines, the path from
//! a trusted key to a signer, and the heads record when a line is re-serialised or a change
//! between two unrelated keys is slipped in. Written against mutants `cargo mutants` found
//! alive in `rotation.rs` and `heads.rs` (`bench/mutants.sh spona-vault`).

use spona_vault::rotation::{changes_in_jsonl, path_to};
use spona_vault::{
    ChainProblem, CustodyEntry, HeadsLog, KeyChange, KeyTrust, NewEntry, ROTATION_ACTION,
    ServerKey, append, changes_in, read_heads, verify_chain_across,
};

fn entry(prev: Option<&CustodyEntry>, action: &str, reason: &str) -> CustodyEntry {
    append(
        prev,
        NewEntry {
            case_id: "c".into(),
            at_ms: 1,
            actor: "u".into(),
            action: action.into(),
            reason: reason.into(),
            item_sha256: None,
        },
    )
}

#[test]
fn both_signatures_cover_the_time_and_the_keys_must_differ() {
    let (a, b) = (ServerKey::generate(), ServerKey::generate());
    let change = KeyChange::sign(&a, &b, 7);
    assert!(change.is_valid());
    let later = KeyChange {
        at_ms: 8,
        ..change.clone()
    };
    assert!(!later.is_valid(), "the time is signed");
    let swapped = KeyChange {
        old: change.new.clone(),
        new: change.old.clone(),
        old_signature: change.new_signature.clone(),
        new_signature: change.old_signature.clone(),
        ..change.clone()
    };
    assert!(!swapped.is_valid(), "the direction is signed");
    assert!(
        !KeyChange::sign(&a, &a, 7).is_valid(),
        "a key is not its own successor"
    );
    let unreadable = KeyChange {
        old: "zz".into(),
        ..change.clone()
    };
    assert!(!unreadable.is_valid() && unreadable.old_key().is_none());
    assert_eq!(change.old_key(), Some(a.public()));
    assert_eq!(change.new_key(), Some(b.public()));
}

#[test]
fn only_the_fixed_form_reads_as_a_change() {
    let (a, b) = (ServerKey::generate(), ServerKey::generate());
    let change = KeyChange::sign(&a, &b, 7);
    let reason = change.to_reason();
    assert_eq!(KeyChange::from_reason(&reason), Some(change.clone()));
    assert_eq!(KeyChange::from_reason("case opened"), None);
    assert_eq!(
        KeyChange::from_reason(&reason.replace("; signatures", " signatures")),
        None,
        "the time ends with a semicolon"
    );
    let plain = entry(None, "create", &reason);
    assert_eq!(KeyChange::from_entry(&plain), None, "not a rotation entry");
    let garbled = entry(None, ROTATION_ACTION, "signing key replaced");
    assert_eq!(KeyChange::from_entry(&garbled), Some(None));
    let rotation = entry(None, ROTATION_ACTION, &reason);
    assert_eq!(KeyChange::from_entry(&rotation), Some(Some(change.clone())));
    assert_eq!(
        changes_in(&[plain, garbled, rotation.clone()]),
        vec![change.clone()]
    );
    let jsonl = format!("not json\n{}\n", rotation.to_json_line());
    assert_eq!(changes_in_jsonl(&jsonl), vec![change]);
}

#[test]
fn a_change_must_start_from_the_key_the_one_before_named() {
    let (a, b, c, d) = (
        ServerKey::generate(),
        ServerKey::generate(),
        ServerKey::generate(),
        ServerKey::generate(),
    );
    let first = KeyChange::sign(&a, &b, 1);
    let unrelated = KeyChange::sign(&c, &d, 2);
    let e0 = entry(None, "create", "case opened");
    let e1 = entry(Some(&e0), ROTATION_ACTION, &first.to_reason());
    let e2 = entry(Some(&e1), ROTATION_ACTION, &unrelated.to_reason());
    let chain = [e0, e1, e2];
    let head = b.sign_head("c", 2, &chain[2].hash);
    let trust = KeyTrust::new(a.public(), changes_in(&chain));
    let report = verify_chain_across("c", &chain, Some(&head), &trust);
    assert_eq!(
        report.problems,
        vec![ChainProblem::RotationInvalid { seq: 2 }]
    );
    // Following on from the first, the same place is fine.
    let next = KeyChange::sign(&b, &c, 2);
    let e2 = entry(Some(&chain[1]), ROTATION_ACTION, &next.to_reason());
    let chain = [chain[0].clone(), chain[1].clone(), e2];
    let head = c.sign_head("c", 2, &chain[2].hash);
    let trust = KeyTrust::new(a.public(), changes_in(&chain));
    let report = verify_chain_across("c", &chain, Some(&head), &trust);
    assert!(report.is_intact(), "{:?}", report.problems);
    // A head signed by the first key after it was replaced does not verify.
    let stale = a.sign_head("c", 2, &chain[2].hash);
    let report = verify_chain_across("c", &chain, Some(&stale), &trust);
    assert_eq!(report.problems, vec![ChainProblem::HeadSignatureInvalid]);
}

#[test]
fn trust_keeps_valid_changes_once_and_follows_them() {
    let (a, b, c) = (
        ServerKey::generate(),
        ServerKey::generate(),
        ServerKey::generate(),
    );
    let ab = KeyChange::sign(&a, &b, 1);
    let mut forged = KeyChange::sign(&b, &c, 2);
    forged.new_signature = forged.old_signature.clone();
    let trust = KeyTrust::new(a.public(), [ab.clone(), ab.clone(), forged]);
    assert_eq!(trust.changes(), std::slice::from_ref(&ab));
    assert_eq!(trust.trusted(), a.public());
    assert_eq!(trust.forward(), vec![a.public(), b.public()]);
    assert_eq!(trust.current(), b.public());
    // From the newer key, the line reaches back; forward stays at the newer key.
    let from_b = KeyTrust::new(b.public(), [ab.clone()]);
    assert_eq!(from_b.forward(), vec![b.public()]);
    assert_eq!(from_b.line(), vec![a.public(), b.public()]);
    // A cycle of changes ends.
    let ba = KeyChange::sign(&b, &a, 3);
    let cycle = KeyTrust::new(a.public(), [ab.clone(), ba]);
    assert_eq!(cycle.forward(), vec![a.public(), b.public()]);
    let line = cycle.line();
    assert!(line.len() <= 3 && line.contains(&a.public()) && line.contains(&b.public()));
    assert_eq!(cycle.current(), b.public());
}

#[test]
fn the_path_to_a_signer_goes_through_recorded_changes() {
    let (a, b, c) = (
        ServerKey::generate(),
        ServerKey::generate(),
        ServerKey::generate(),
    );
    let e0 = entry(
        None,
        ROTATION_ACTION,
        &KeyChange::sign(&a, &b, 1).to_reason(),
    );
    let e1 = entry(
        Some(&e0),
        ROTATION_ACTION,
        &KeyChange::sign(&b, &c, 2).to_reason(),
    );
    let jsonl = format!("{}\n{}\n", e0.to_json_line(), e1.to_json_line());
    let hex = |k: &ServerKey| k.public().to_hex();
    assert_eq!(
        path_to(&a.public(), &c.public(), &jsonl),
        Some(vec![hex(&a), hex(&b), hex(&c)])
    );
    assert_eq!(
        path_to(&a.public(), &a.public(), &jsonl),
        Some(vec![hex(&a)])
    );
    assert_eq!(
        path_to(&c.public(), &a.public(), &jsonl),
        None,
        "not backwards"
    );
    assert_eq!(
        path_to(&a.public(), &ServerKey::generate().public(), &jsonl),
        None
    );
}

#[test]
fn a_heads_line_written_again_in_other_bytes_breaks_the_next_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("heads.log");
    let key = ServerKey::generate();
    let log = HeadsLog::open(&path).expect("open");
    for seq in 0..3 {
        log.record(&key, "a", seq, &format!("h{seq}"))
            .expect("record");
    }
    let text = std::fs::read_to_string(&path).expect("read");
    let lines: Vec<&str> = text.lines().collect();
    // The same record, its fields signed as before, with a space added.
    let respaced = lines[1].replacen(",", ", ", 1);
    assert_ne!(respaced, lines[1]);
    std::fs::write(&path, format!("{}\n{respaced}\n{}\n", lines[0], lines[2])).expect("write");
    let read = read_heads(&path, &key.public())
        .expect("read")
        .expect("some");
    assert_eq!(
        read.problems,
        vec!["heads record line 3: lines before it were removed or changed".to_owned()]
    );
    assert_eq!(read.lines, 3);
    assert_eq!(read.heads["a"].len(), 3);
}

#[test]
fn a_heads_change_between_keys_the_trusted_one_does_not_reach_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("heads.log");
    let (k, x, y) = (
        ServerKey::generate(),
        ServerKey::generate(),
        ServerKey::generate(),
    );
    let log = HeadsLog::open(&path).expect("open");
    log.record(&k, "a", 0, "h0").expect("record");
    // A valid change from x to y, slipped into k's record.
    log.record_key_change(&k, &KeyChange::sign(&x, &y, 1))
        .expect("change");
    log.record(&y, "a", 1, "h1").expect("record");
    let read = read_heads(&path, &k.public()).expect("read").expect("some");
    assert_eq!(
        read.problems,
        vec![
            "heads record line 2: a change of the signing key not signed by both keys".to_owned(),
            "heads record line 3: the signature is not the server's".to_owned(),
        ]
    );
    assert_eq!(read.heads["a"], vec![(0, "h0".to_owned())]);
}
