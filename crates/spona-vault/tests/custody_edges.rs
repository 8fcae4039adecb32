//! The custody checks' less common answers, each alone: a head for another case, entries
//! after the signed head (with and without the signed entry changed), no head, an empty
//! chain, a first entry that does not start from the genesis hash, duplicates; and the same
//! for an extract (a list of links with some entries disclosed). Written against mutants
//! `cargo mutants` found alive in `custody.rs` (`bench/mutants.sh spona-vault`).

use spona_vault::{
    ChainProblem, ChainReport, CustodyEntry, CustodyLink, NewEntry, ServerKey, append,
    verify_chain, verify_extract,
};

fn chain(case: &str, n: usize) -> Vec<CustodyEntry> {
    let mut out: Vec<CustodyEntry> = Vec::new();
    for i in 0..n {
        let e = append(
            out.last(),
            NewEntry {
                case_id: case.into(),
                at_ms: 1_700_000_000_000 + i as i64,
                actor: "user-1".into(),
                action: format!("action-{i}"),
                reason: format!("reason {i}"),
                item_sha256: None,
            },
        );
        out.push(e);
    }
    out
}

fn links(entries: &[CustodyEntry]) -> Vec<CustodyLink> {
    entries.iter().map(CustodyLink::from).collect()
}

#[test]
fn an_intact_chain_reports_its_case_and_size() {
    let server = ServerKey::generate();
    let entries = chain("c", 3);
    let head = server.sign_head("c", 2, &entries[2].hash);
    let report = verify_chain("c", &entries, Some(&head), &server.public());
    assert_eq!(
        report,
        ChainReport {
            case_id: "c".into(),
            entries: 3,
            problems: Vec::new(),
        }
    );
    assert!(report.is_intact());
    let broken = ChainReport {
        problems: vec![ChainProblem::NoSignedHead],
        ..report
    };
    assert!(!broken.is_intact());
}

#[test]
fn a_chain_without_a_head_or_with_another_cases_head_is_named() {
    let server = ServerKey::generate();
    let entries = chain("c", 3);
    assert_eq!(
        verify_chain("c", &entries, None, &server.public()).problems,
        vec![ChainProblem::NoSignedHead]
    );
    let other = server.sign_head("d", 2, &entries[2].hash);
    assert_eq!(
        verify_chain("c", &entries, Some(&other), &server.public()).problems,
        vec![ChainProblem::HeadWrongCase {
            case_id: "d".into()
        }]
    );
}

#[test]
fn entries_after_the_signed_head_are_an_unsigned_tail() {
    let server = ServerKey::generate();
    let entries = chain("c", 5);
    let head = server.sign_head("c", 2, &entries[2].hash);
    assert_eq!(
        verify_chain("c", &entries, Some(&head), &server.public()).problems,
        vec![ChainProblem::UnsignedTail {
            head_seq: 2,
            last_seq: 4
        }]
    );
    // The signed entry itself replaced (and the chain rebuilt after it): named as well.
    let mut replaced = entries[..2].to_vec();
    for i in 2..5 {
        let e = append(
            replaced.last(),
            NewEntry {
                case_id: "c".into(),
                at_ms: 1,
                actor: "someone else".into(),
                action: format!("other-{i}"),
                reason: String::new(),
                item_sha256: None,
            },
        );
        replaced.push(e);
    }
    assert_eq!(
        verify_chain("c", &replaced, Some(&head), &server.public()).problems,
        vec![
            ChainProblem::HeadMismatch { seq: 2 },
            ChainProblem::UnsignedTail {
                head_seq: 2,
                last_seq: 4
            }
        ]
    );
}

#[test]
fn an_empty_chain_under_a_head_lost_everything() {
    let server = ServerKey::generate();
    let entries = chain("c", 2);
    let head = server.sign_head("c", 1, &entries[1].hash);
    let report = verify_chain("c", &[], Some(&head), &server.public());
    assert_eq!(
        report.problems,
        vec![ChainProblem::TailTruncated {
            last_seq: None,
            head_seq: 1
        }]
    );
    assert_eq!(report.entries, 0);
    assert_eq!(
        report.problems[0].to_string(),
        "all entries were removed (the signed head is entry 1)"
    );
}

#[test]
fn a_first_entry_must_start_from_the_genesis_hash() {
    let server = ServerKey::generate();
    let mut entries = chain("c", 2);
    // Rebuilt consistently on another starting point: each hash matches its content.
    entries[0].prev_hash = "11".repeat(32);
    entries[0].hash = entries[0].compute_hash();
    entries[1].prev_hash = entries[0].hash.clone();
    entries[1].hash = entries[1].compute_hash();
    let head = server.sign_head("c", 1, &entries[1].hash);
    assert_eq!(
        verify_chain("c", &entries, Some(&head), &server.public()).problems,
        vec![ChainProblem::Altered { seq: 0 }]
    );
}

#[test]
fn a_duplicated_entry_is_named_once_and_nothing_else() {
    let server = ServerKey::generate();
    let entries = chain("c", 4);
    let head = server.sign_head("c", 3, &entries[3].hash);
    let mut doubled = entries.clone();
    doubled.insert(2, entries[1].clone());
    assert_eq!(
        verify_chain("c", &doubled, Some(&head), &server.public()).problems,
        vec![ChainProblem::Duplicate { seq: 1 }]
    );
}

#[test]
fn an_intact_extract_names_its_case_and_disclosed_entries() {
    let server = ServerKey::generate();
    let entries = chain("c", 4);
    let head = server.sign_head("c", 3, &entries[3].hash);
    let report = verify_extract(
        "c",
        &links(&entries),
        &entries[1..3],
        Some(&head),
        &server.public(),
    );
    assert_eq!(
        report,
        ChainReport {
            case_id: "c".into(),
            entries: 2,
            problems: Vec::new(),
        }
    );
}

#[test]
fn an_extract_link_that_points_elsewhere_is_broken() {
    let server = ServerKey::generate();
    let entries = chain("c", 4);
    let head = server.sign_head("c", 3, &entries[3].hash);
    let mut l = links(&entries);
    l[2].prev_hash = entries[0].hash.clone();
    assert_eq!(
        verify_extract("c", &l, &[], Some(&head), &server.public()).problems,
        vec![ChainProblem::LinkBroken { seq: 2 }]
    );
    let mut first = links(&entries);
    first[0].prev_hash = "11".repeat(32);
    assert_eq!(
        verify_extract("c", &first, &[], Some(&head), &server.public()).problems,
        vec![ChainProblem::LinkBroken { seq: 0 }]
    );
}

#[test]
fn an_extracts_disclosed_entries_are_checked_one_by_one() {
    let server = ServerKey::generate();
    let entries = chain("c", 4);
    let head = server.sign_head("c", 3, &entries[3].hash);
    let l = links(&entries);
    let check = |disclosed: &[CustodyEntry]| {
        verify_extract("c", &l, disclosed, Some(&head), &server.public()).problems
    };
    assert_eq!(
        check(&[entries[1].clone(), entries[1].clone()]),
        vec![ChainProblem::Duplicate { seq: 1 }]
    );
    let mut altered = entries[2].clone();
    altered.reason = "nothing happened".into();
    assert_eq!(check(&[altered]), vec![ChainProblem::Altered { seq: 2 }]);
    // An entry of another case, though it stands in no chain of this one.
    let foreign = chain("d", 2)[1].clone();
    assert_eq!(
        check(&[foreign]),
        vec![
            ChainProblem::WrongCase {
                seq: 1,
                case_id: "d".into()
            },
            ChainProblem::NotInChain { seq: 1 }
        ]
    );
    // Past the end of the links.
    let beyond = chain("c", 6)[5].clone();
    assert_eq!(check(&[beyond]), vec![ChainProblem::NotInChain { seq: 5 }]);
}

#[test]
fn an_extracts_head_is_checked_like_a_chains() {
    let server = ServerKey::generate();
    let entries = chain("c", 4);
    let l = links(&entries);
    let public = server.public();
    assert_eq!(
        verify_extract("c", &l, &[], None, &public).problems,
        vec![ChainProblem::NoSignedHead]
    );
    let forged = ServerKey::generate().sign_head("c", 3, &entries[3].hash);
    assert_eq!(
        verify_extract("c", &l, &[], Some(&forged), &public).problems,
        vec![ChainProblem::HeadSignatureInvalid]
    );
    let other = server.sign_head("d", 3, &entries[3].hash);
    assert_eq!(
        verify_extract("c", &l, &[], Some(&other), &public).problems,
        vec![ChainProblem::HeadWrongCase {
            case_id: "d".into()
        }]
    );
    let early = server.sign_head("c", 1, &entries[1].hash);
    assert_eq!(
        verify_extract("c", &l, &[], Some(&early), &public).problems,
        vec![ChainProblem::UnsignedTail {
            head_seq: 1,
            last_seq: 3
        }]
    );
    let wrong = server.sign_head("c", 3, &entries[2].hash);
    assert_eq!(
        verify_extract("c", &l, &[], Some(&wrong), &public).problems,
        vec![ChainProblem::HeadMismatch { seq: 3 }]
    );
    assert_eq!(
        verify_extract("c", &[], &[], Some(&early), &public).problems,
        vec![ChainProblem::TailTruncated {
            last_seq: None,
            head_seq: 1
        }]
    );
}

#[test]
fn every_problem_reads_as_a_sentence() {
    let cases = [
        (
            ChainProblem::Altered { seq: 2 },
            "entry 2 was altered (its hash does not match its content)",
        ),
        (
            ChainProblem::Rewritten { seq: 2 },
            "entry 2 was rewritten (entry 3 links to another hash)",
        ),
        (
            ChainProblem::Missing { from: 2, to: 4 },
            "entries 2 to 4 are missing",
        ),
        (
            ChainProblem::Reordered {
                position: 1,
                seq: 3,
            },
            "entries reordered: entry 3 stands at position 1",
        ),
        (
            ChainProblem::Duplicate { seq: 1 },
            "entry 1 appears more than once",
        ),
        (
            ChainProblem::WrongCase {
                seq: 1,
                case_id: "d".into(),
            },
            "entry 1 belongs to case d",
        ),
        (
            ChainProblem::HeadSignatureInvalid,
            "the signature of the log head is invalid",
        ),
        (
            ChainProblem::HeadWrongCase {
                case_id: "d".into(),
            },
            "the signed head belongs to case d",
        ),
        (
            ChainProblem::TailTruncated {
                last_seq: Some(3),
                head_seq: 5,
            },
            "entries 4 to 5 were removed from the end (the signed head is entry 5)",
        ),
        (
            ChainProblem::HeadMismatch { seq: 5 },
            "the last entry (5) does not match the signed head",
        ),
        (
            ChainProblem::UnsignedTail {
                head_seq: 2,
                last_seq: 4,
            },
            "entries 3 to 4 come after the signed head",
        ),
        (ChainProblem::NoSignedHead, "no signed head"),
        (
            ChainProblem::LinkOutOfPlace {
                position: 2,
                seq: 3,
            },
            "the list of links holds entry 3 at position 2",
        ),
        (
            ChainProblem::LinkBroken { seq: 2 },
            "link 2 does not point to the hash of entry 1",
        ),
        (
            ChainProblem::LinkBroken { seq: 0 },
            "link 0 does not point to the hash of entry 0",
        ),
        (
            ChainProblem::NotInChain { seq: 3 },
            "entry 3 is not the entry the signed chain holds at 3",
        ),
    ];
    for (problem, text) in cases {
        assert_eq!(problem.to_string(), text);
    }
}
