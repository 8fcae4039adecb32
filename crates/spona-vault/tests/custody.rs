//! The custody chain: what verification reports for each kind of change, the canonical
//! encoding, and the server key's text forms.

use sha2::{Digest, Sha256};
use spona_vault::{ChainProblem, CustodyEntry, NewEntry, ServerKey, append, verify_chain};

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn entry(case: &str, action: &str, at: i64) -> NewEntry {
    NewEntry {
        case_id: case.into(),
        at_ms: at,
        actor: "user-1".into(),
        action: action.into(),
        reason: "documentation".into(),
        item_sha256: Some(sha(action.as_bytes())),
    }
}

fn chain(n: usize) -> Vec<CustodyEntry> {
    let mut out: Vec<CustodyEntry> = Vec::new();
    for i in 0..n {
        let e = append(
            out.last(),
            entry(
                "case-1",
                &format!("action-{i}"),
                1_700_000_000_000 + i as i64,
            ),
        );
        out.push(e);
    }
    out
}

#[test]
fn custody_chain_reports_exactly_what_was_done() {
    let server = ServerKey::generate();
    let public = server.public();
    let entries = chain(6);
    let last = entries.last().expect("last");
    let head = server.sign_head("case-1", last.seq, &last.hash);
    let report = verify_chain("case-1", &entries, Some(&head), &public);
    assert!(report.is_intact(), "{:?}", report.problems);

    // Altered entry (hash left as it was).
    let mut altered = entries.clone();
    altered[2].reason = "nothing happened".into();
    assert_eq!(
        verify_chain("case-1", &altered, Some(&head), &public).problems,
        vec![ChainProblem::Altered { seq: 2 }]
    );

    // Altered entry with its own hash recomputed: the next entry's link shows it.
    let mut rewritten = entries.clone();
    rewritten[2].actor = "someone else".into();
    rewritten[2].hash = rewritten[2].compute_hash();
    assert_eq!(
        verify_chain("case-1", &rewritten, Some(&head), &public).problems,
        vec![ChainProblem::Rewritten { seq: 2 }]
    );

    // An entry's own link altered, or two stored rows' contents swapped: only the altered
    // entries are named, never their untouched neighbours.
    let mut relinked = entries.clone();
    relinked[3].prev_hash = entries[1].hash.clone();
    assert_eq!(
        verify_chain("case-1", &relinked, Some(&head), &public).problems,
        vec![ChainProblem::Altered { seq: 3 }]
    );
    for (a, b) in [(1, 2), (2, 3), (3, 4), (0, 1)] {
        let mut swapped = entries.clone();
        let (x, y) = (swapped[a].clone(), swapped[b].clone());
        swapped[a] = CustodyEntry { seq: x.seq, ..y };
        swapped[b] = CustodyEntry { seq: y.seq, ..x };
        let problems = verify_chain("case-1", &swapped, Some(&head), &public).problems;
        assert!(
            problems
                .iter()
                .all(|p| matches!(p, ChainProblem::Altered { seq } if *seq == a as u64 || *seq == b as u64)),
            "rows {a} and {b} swapped: {problems:?}"
        );
    }

    // One entry deleted.
    let mut deleted = entries.clone();
    deleted.remove(3);
    assert_eq!(
        verify_chain("case-1", &deleted, Some(&head), &public).problems,
        vec![ChainProblem::Missing { from: 3, to: 3 }]
    );
    let mut first_deleted = entries.clone();
    first_deleted.remove(0);
    assert_eq!(
        verify_chain("case-1", &first_deleted, Some(&head), &public).problems,
        vec![ChainProblem::Missing { from: 0, to: 0 }]
    );

    // Two entries swapped.
    let mut reordered = entries.clone();
    reordered.swap(1, 2);
    assert_eq!(
        verify_chain("case-1", &reordered, Some(&head), &public).problems,
        vec![ChainProblem::Reordered {
            position: 2,
            seq: 1
        }]
    );

    // Tail removed.
    let truncated = &entries[..4];
    assert_eq!(
        verify_chain("case-1", truncated, Some(&head), &public).problems,
        vec![ChainProblem::TailTruncated {
            last_seq: Some(3),
            head_seq: 5
        }]
    );

    // Head forged: signed by another key, or its fields edited.
    let forger = ServerKey::generate();
    let forged = forger.sign_head("case-1", 3, &entries[3].hash);
    assert_eq!(
        verify_chain("case-1", truncated, Some(&forged), &public).problems,
        vec![ChainProblem::HeadSignatureInvalid]
    );
    let mut edited = head.clone();
    edited.seq = 3;
    edited.hash = entries[3].hash.clone();
    assert_eq!(
        verify_chain("case-1", truncated, Some(&edited), &public).problems,
        vec![ChainProblem::HeadSignatureInvalid]
    );

    // Last entry replaced (rehashed) under a valid head.
    let mut replaced = entries.clone();
    replaced[5].action = "delete".into();
    replaced[5].hash = replaced[5].compute_hash();
    assert_eq!(
        verify_chain("case-1", &replaced, Some(&head), &public).problems,
        vec![ChainProblem::HeadMismatch { seq: 5 }]
    );

    // An entry from another case slipped in.
    let mut foreign = entries.clone();
    foreign[4].case_id = "case-2".into();
    foreign[4].hash = foreign[4].compute_hash();
    let problems = verify_chain("case-1", &foreign, Some(&head), &public).problems;
    assert!(
        problems.contains(&ChainProblem::WrongCase {
            seq: 4,
            case_id: "case-2".into()
        }),
        "{problems:?}"
    );

    // Every problem reads as a sentence.
    assert_eq!(
        ChainProblem::Missing { from: 3, to: 3 }.to_string(),
        "entry 3 is missing"
    );
}

#[test]
fn canonical_encoding_is_injective_over_field_boundaries() {
    let a = append(
        None,
        NewEntry {
            actor: "ab".into(),
            action: "c".into(),
            ..entry("x", "", 1)
        },
    );
    let b = append(
        None,
        NewEntry {
            actor: "a".into(),
            action: "bc".into(),
            ..entry("x", "", 1)
        },
    );
    assert_ne!(a.hash, b.hash);
    let c = append(
        None,
        NewEntry {
            item_sha256: None,
            ..entry("x", "", 1)
        },
    );
    let d = append(
        None,
        NewEntry {
            item_sha256: Some(String::new()),
            ..entry("x", "", 1)
        },
    );
    assert_ne!(c.hash, d.hash);
    // Deterministic.
    assert_eq!(
        a.hash,
        append(
            None,
            NewEntry {
                actor: "ab".into(),
                action: "c".into(),
                ..entry("x", "", 1)
            }
        )
        .hash
    );
}

#[test]
fn server_public_key_text_forms() {
    let server = ServerKey::generate();
    let public = server.public();
    let text = public.to_text();
    assert!(text.starts_with("spona-server-ed25519 "));
    assert_eq!(
        spona_vault::ServerPublicKey::from_text(&text).expect("parse"),
        public
    );
    assert!(
        public
            .to_openssh("spona")
            .starts_with("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5")
    );
    let sig = hex::encode(server.sign(b"message"));
    assert!(public.verify(b"message", &sig));
    assert!(!public.verify(b"messagE", &sig));
}
