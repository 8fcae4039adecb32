//! What verification names: changed members, another signing key, custody extracts that do
//! not link, unsafe names, the time of export.

use super::*;

#[test]
fn every_member_is_signed_and_every_change_is_named() {
    let f = make_bundle();
    let members = read_members(&open_tar(&f));
    assert!(check(&f, &members, false).is_intact());
    let plain = check(&f, &members, true);
    assert!(plain.is_valid(), "{plain:?}");
    assert!(
        !plain.is_intact(),
        "without the identity the originals were not checked"
    );
    assert_eq!(plain.files_checked, 0);
    assert_eq!(plain.members_checked, members.len() - 2);

    // One flipped byte at the start, middle and end of every member, checked without the
    // identity: each is found, and the member named.
    let mut flips = 0;
    for (i, (path, bytes)) in members.iter().enumerate() {
        let len = bytes.len();
        if len == 0 {
            continue;
        }
        for pos in [0, len / 2, len - 1] {
            let mut copy = members.clone();
            copy[i].1[pos] ^= 1;
            let report = check(&f, &copy, true);
            assert!(!report.is_valid(), "{path} byte {pos} flipped passed");
            let name = if path == "manifest.json" {
                "manifest.sig"
            } else {
                path.as_str()
            };
            assert!(
                named(&report, name),
                "{path} byte {pos}: {:?}",
                report.problems
            );
            flips += 1;
        }
    }
    assert!(flips >= 30, "{flips}");

    // README.txt changed.
    let mut copy = members.clone();
    let readme = copy
        .iter_mut()
        .find(|(p, _)| p == "README.txt")
        .expect("readme");
    readme
        .1
        .extend_from_slice(b"\nTo confirm, call the office at +381 11 000 000.\n");
    let report = check(&f, &copy, false);
    assert!(!report.is_valid());
    assert!(named(&report, "README.txt was changed"), "{report:?}");

    // Members nobody signed.
    for extra in ["files/planted.jpg.age", "notes.txt", "readable/extra.html"] {
        let mut copy = members.clone();
        copy.insert(0, (extra.to_owned(), seal(&f, b"planted")));
        let report = check(&f, &copy, false);
        assert!(!report.is_valid(), "{extra}");
        assert!(
            named(&report, &format!("{extra} is not in the signed manifest")),
            "{extra}: {:?}",
            report.problems
        );
    }

    // The same name twice, the substitute first (what a reader that keeps the first copy
    // sees) or last (what `tar -x` keeps).
    let victim = members
        .iter()
        .position(|(p, _)| p == "files/empty.txt.age")
        .expect("victim");
    for substitute_first in [true, false] {
        let mut copy = members.clone();
        let forged = ("files/empty.txt.age".to_owned(), seal(&f, b"planted"));
        copy.insert(if substitute_first { victim } else { victim + 1 }, forged);
        let report = check(&f, &copy, false);
        assert!(!report.is_valid());
        assert!(
            named(&report, "\"files/empty.txt.age\" appears more than once"),
            "{:?}",
            report.problems
        );
    }

    // The key named in custody-head.json.
    let mut copy = members.clone();
    let head = copy
        .iter_mut()
        .find(|(p, _)| p == "custody-head.json")
        .expect("head");
    let text = String::from_utf8(head.1.clone()).expect("utf8");
    let other = ServerKey::generate().public().to_hex();
    head.1 = text
        .replace(&f.server.public().to_hex(), &other)
        .into_bytes();
    let report = check(&f, &copy, false);
    assert!(
        named(&report, "custody-head.json was changed"),
        "{report:?}"
    );

    // A custody entry edited.
    let mut copy = members.clone();
    let custody = copy
        .iter_mut()
        .find(|(p, _)| p == "custody.jsonl")
        .expect("custody");
    custody.1 = String::from_utf8(custody.1.clone())
        .expect("utf8")
        .replacen("documenter", "prosecutor", 1)
        .into_bytes();
    let report = check(&f, &copy, false);
    assert!(named(&report, "custody.jsonl was changed"), "{report:?}");
    assert!(named(&report, "custody: entry 0 was altered"), "{report:?}");

    // A member that is not a regular file.
    let mut builder = tar::Builder::new(Vec::new());
    for (path, bytes) in &members {
        let mut header = tar::Header::new_ustar();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        builder
            .append_data(&mut header, path, bytes.as_slice())
            .expect("append");
    }
    let mut link = tar::Header::new_ustar();
    link.set_entry_type(tar::EntryType::Symlink);
    link.set_size(0);
    builder
        .append_link(&mut link, "files/link.age", "/etc/passwd")
        .expect("link");
    let tar = builder.into_inner().expect("tar");
    let report = verify_bundle(
        seal(&f, &tar).as_slice(),
        Some(&f.identity),
        Some(&f.server.public()),
    )
    .expect("verify");
    assert!(named(&report, "is not a regular file"), "{report:?}");

    // A file removed.
    let copy: Members = members
        .iter()
        .filter(|(p, _)| p != "files/testimony-audio.ogg.age")
        .cloned()
        .collect();
    let report = check(&f, &copy, false);
    assert!(
        named(&report, "files/testimony-audio.ogg.age is missing"),
        "{report:?}"
    );
}

#[test]
fn a_bundle_signed_by_another_key_is_never_called_intact() {
    let f = make_bundle();
    // A whole bundle made and signed by another Spona instance, encrypted to the same
    // recipient: valid only in itself.
    let forger = make_bundle_signed_by(ServerKey::generate(), &f.identity);
    let report = verify_bundle(
        fs::File::open(&forger.bundle).expect("open"),
        Some(&f.identity),
        Some(&f.server.public()),
    )
    .expect("verify");
    assert!(!report.is_valid());
    assert!(
        named(&report, "not the trusted server key"),
        "{:?}",
        report.problems
    );
    let unpinned = verify_bundle(
        fs::File::open(&forger.bundle).expect("open"),
        Some(&f.identity),
        None,
    )
    .expect("verify");
    assert!(unpinned.is_valid(), "it agrees with itself");
    assert!(!unpinned.key_pinned);
    assert!(!unpinned.is_intact(), "but is never intact");
    assert_eq!(
        unpinned.signer.as_deref(),
        Some(forger.server.public().to_hex().as_str())
    );
}

#[test]
fn a_custody_extract_must_link_to_the_signed_head() {
    use spona_vault::{ChainProblem, CustodyLink, verify_extract};
    let server = ServerKey::generate();
    let mut chain: Vec<CustodyEntry> = Vec::new();
    for n in 0..5 {
        chain.push(append(
            chain.last(),
            NewEntry {
                case_id: "c".into(),
                at_ms: n,
                actor: "a".into(),
                action: "view".into(),
                reason: format!("item {n}"),
                item_sha256: None,
            },
        ));
    }
    let head = server.sign_head("c", 4, &chain[4].hash);
    let links: Vec<CustodyLink> = chain.iter().map(CustodyLink::from).collect();
    let disclosed = vec![chain[1].clone(), chain[3].clone()];
    let ok = verify_extract("c", &links, &disclosed, Some(&head), &server.public());
    assert!(ok.is_intact(), "{ok:?}");

    // An entry rewritten with a fresh hash no longer stands in the chain.
    let mut forged = chain[3].clone();
    forged.actor = "someone else".into();
    forged.hash = forged.compute_hash();
    let r = verify_extract(
        "c",
        &links,
        &[chain[1].clone(), forged],
        Some(&head),
        &server.public(),
    );
    assert_eq!(r.problems, vec![ChainProblem::NotInChain { seq: 3 }]);
    // A link dropped.
    let mut short = links.clone();
    short.remove(2);
    let r = verify_extract("c", &short, &disclosed, Some(&head), &server.public());
    assert!(
        r.problems.contains(&ChainProblem::LinkOutOfPlace {
            position: 2,
            seq: 3
        }),
        "{r:?}"
    );
    // The tail cut off.
    let r = verify_extract("c", &links[..4], &disclosed, Some(&head), &server.public());
    assert!(
        r.problems.contains(&ChainProblem::TailTruncated {
            last_seq: Some(3),
            head_seq: 4
        }),
        "{r:?}"
    );
}

#[test]
fn bundle_refuses_unsafe_names_and_a_wrong_hash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = ServerKey::generate();
    let recipient = age::x25519::Identity::generate().to_public().to_string();
    let custody = vec![append(
        None,
        NewEntry {
            case_id: "c".into(),
            at_ms: 0,
            actor: "a".into(),
            action: "export".into(),
            reason: String::new(),
            item_sha256: None,
        },
    )];
    let head = server.sign_head("c", 0, &custody[0].hash);
    for bad in [
        "witness-photo\u{202e}gpj.exe",
        "../etc/passwd",
        "a/b",
        "",
        ".hidden",
        "new\nline",
        "tab\tname",
    ] {
        let item = BundleItem {
            name: bad.into(),
            sha256_hex: hex::encode(Sha256::digest(b"x")),
            size: 1,
            created_at_ms: 0,
            content: Box::new(&b"x"[..]),
        };
        let case = BundleCase {
            case_id: "c",
            custody: &custody,
            disclose: &|_| true,
            head: &head,
            readable: Vec::new(),
        };
        let err = write_bundle(
            Vec::new(),
            case,
            vec![item],
            &server,
            &recipient,
            dir.path(),
        )
        .expect_err(bad);
        assert!(
            matches!(err, spona_vault::VaultError::InvalidName { .. }),
            "{bad:?}: {err}"
        );
    }
    let item = BundleItem {
        name: "x.txt".into(),
        sha256_hex: hex::encode(Sha256::digest(b"y")),
        size: 1,
        created_at_ms: 0,
        content: Box::new(&b"x"[..]),
    };
    let case = BundleCase {
        case_id: "c",
        custody: &custody,
        disclose: &|_| true,
        head: &head,
        readable: Vec::new(),
    };
    let err = write_bundle(
        Vec::new(),
        case,
        vec![item],
        &server,
        &recipient,
        dir.path(),
    )
    .expect_err("hash");
    assert!(
        matches!(err, spona_vault::VaultError::Integrity(_)),
        "{err}"
    );
    let case = BundleCase {
        case_id: "c",
        custody: &custody,
        disclose: &|_| true,
        head: &head,
        readable: Vec::new(),
    };
    let err = write_bundle(Vec::new(), case, vec![], &server, "age1notakey", dir.path())
        .expect_err("recipient");
    assert!(matches!(err, spona_vault::VaultError::Age { .. }), "{err}");
}

/// The manifest says when the bundle was made (found with cargo-mutants: any constant time
/// passed every other test).
#[test]
fn the_manifest_names_the_time_of_export() {
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("time")
            .as_millis() as i64
    };
    let before = now();
    let f = make_bundle();
    let after = now();
    let members = read_members(&open_tar(&f));
    let (_, manifest) = members
        .iter()
        .find(|(name, _)| name.ends_with("manifest.json"))
        .expect("manifest.json");
    let manifest: serde_json::Value = serde_json::from_slice(manifest).expect("json");
    let at = manifest["exported_at_ms"].as_i64().expect("exported_at_ms");
    assert!(
        (before..=after).contains(&at),
        "{before} <= {at} <= {after}"
    );
    // Every member of the tar carries the same time, in seconds (found with cargo-mutants:
    // a wrong unit passed every other test).
    let tar = open_tar(&f);
    let mut archive = tar::Archive::new(tar.as_slice());
    for member in archive.entries().expect("entries") {
        let member = member.expect("member");
        assert_eq!(
            member.header().mtime().expect("mtime"),
            (at / 1000) as u64,
            "{:?}",
            member.path().expect("path")
        );
    }
}
