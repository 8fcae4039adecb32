//! Export bundles, checked with the real `age` and `sha256sum` tools and with `verify_bundle`.

use std::fs;
use std::io::Read;
use std::process::Command;
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use sha2::{Digest, Sha256};
use spona_vault::{
    BlobStore, BundleCase, BundleItem, CustodyEntry, NewEntry, ServerKey, VaultKey, append,
    verify_bundle, write_bundle,
};

fn have(tool: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

fn ensure_age() -> bool {
    if !have("age") {
        let _ = Command::new("apt-get")
            .args(["install", "-y", "age"])
            .output();
    }
    if !have("age") {
        eprintln!(
            "\n\n!!!!!!!! SKIPPING the real-age check: `age` is not installed and could not be installed !!!!!!!!\n\n"
        );
        return false;
    }
    true
}

struct Fixture {
    dir: tempfile::TempDir,
    bundle: std::path::PathBuf,
    identity: String,
    server: ServerKey,
    originals: Vec<(String, Vec<u8>)>,
}

fn make_bundle() -> Fixture {
    let identity = age::x25519::Identity::generate();
    make_bundle_signed_by(ServerKey::generate(), identity.to_string().expose_secret())
}

fn make_bundle_signed_by(server: ServerKey, identity: &str) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::open(&dir.path().join("store")).expect("store");
    let vault = VaultKey::generate();
    let identity = age::x25519::Identity::from_str(identity).expect("identity");
    let recipient = identity.to_public().to_string();

    let originals: Vec<(String, Vec<u8>)> = vec![
        (
            "photo 1.jpg".into(),
            (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect(),
        ),
        ("testimony-audio.ogg".into(), vec![42u8; 65536]),
        ("empty.txt".into(), Vec::new()),
    ];
    let mut custody: Vec<CustodyEntry> = Vec::new();
    let mut stored = Vec::new();
    for (name, bytes) in &originals {
        let got = store
            .ingest(&vault, bytes.as_slice(), u64::MAX)
            .expect("ingest");
        let e = append(
            custody.last(),
            NewEntry {
                case_id: "case-7".into(),
                at_ms: 1_700_000_000_000,
                actor: "documenter".into(),
                action: "create".into(),
                reason: format!("upload {name}"),
                item_sha256: Some(got.sha256_hex.clone()),
            },
        );
        custody.push(e);
        stored.push((name.clone(), got));
    }
    // An entry about an item that is not exported: it must not travel in full.
    let hidden = append(
        custody.last(),
        NewEntry {
            case_id: "case-7".into(),
            at_ms: 1_700_000_000_001,
            actor: "documenter".into(),
            action: "consent".into(),
            reason: "item not-exported-secret-9931: consent withdrawn".into(),
            item_sha256: None,
        },
    );
    custody.push(hidden);
    let last = custody.last().expect("entry");
    let head = server.sign_head("case-7", last.seq, &last.hash);
    let items = stored
        .iter()
        .map(|(name, got)| BundleItem {
            name: name.clone(),
            sha256_hex: got.sha256_hex.clone(),
            size: got.size,
            created_at_ms: 1_700_000_000_000,
            content: Box::new(
                store
                    .open_blob(&vault, &got.blob_id, &got.wrapped_key, &got.sha256_hex)
                    .expect("open"),
            ),
        })
        .collect();
    let bundle = dir.path().join("export.tar.age");
    let out = fs::File::create(&bundle).expect("create");
    let disclose = |e: &CustodyEntry| e.reason.starts_with("upload");
    let case = BundleCase {
        case_id: "case-7",
        custody: &custody,
        disclose: &disclose,
        head: &head,
        readable: vec![("custody.html".into(), b"<p>readable</p>".to_vec())],
    };
    let manifest = write_bundle(out, case, items, &server, &recipient, dir.path()).expect("bundle");
    assert_eq!(manifest.items.len(), 3);
    assert_eq!(manifest.custody_entries, 3);
    assert_eq!(manifest.custody_chain_length, 4);
    Fixture {
        identity: identity.to_string().expose_secret().to_string(),
        dir,
        bundle,
        server,
        originals,
    }
}

#[test]
fn bundle_decrypts_with_the_real_age_tool_and_passes_sha256sum() {
    let f = make_bundle();
    let report = verify_bundle(
        fs::File::open(&f.bundle).expect("open"),
        Some(&f.identity),
        Some(&f.server.public()),
    )
    .expect("verify");
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.files_checked, 3);

    // The whole bundle is encrypted: nothing of it reads without the recipient's key.
    let raw = fs::read(&f.bundle).expect("read");
    assert!(raw.starts_with(b"age-encryption.org/v1"));
    for clear in [
        &b"manifest.json"[..],
        b"SHA256SUMS",
        b"photo 1.jpg",
        b"custody",
        b"case-7",
    ] {
        assert!(
            !raw.windows(clear.len()).any(|w| w == clear),
            "{} readable in the bundle",
            String::from_utf8_lossy(clear)
        );
    }
    let err = verify_bundle(fs::File::open(&f.bundle).expect("open"), None, None)
        .expect_err("no identity");
    assert!(err.to_string().contains("identity"), "{err}");

    if !ensure_age() {
        return;
    }
    let out = f.dir.path().join("out");
    fs::create_dir(&out).expect("mkdir");
    fs::write(out.join("key.txt"), format!("{}\n", f.identity)).expect("key");
    let tar_path = out.join("bundle.tar");
    let output = Command::new("age")
        .args(["-d", "-i"])
        .arg(out.join("key.txt"))
        .arg(&f.bundle)
        .stdout(fs::File::create(&tar_path).expect("create"))
        .output()
        .expect("age");
    assert!(
        output.status.success(),
        "age -d of the bundle: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let status = Command::new("tar")
        .arg("-xf")
        .arg(&tar_path)
        .arg("-C")
        .arg(&out)
        .status()
        .expect("tar");
    assert!(status.success());
    // Only the exported items' custody entries travel in full.
    let custody = fs::read_to_string(out.join("custody.jsonl")).expect("custody");
    assert_eq!(custody.lines().count(), 3);
    assert!(!custody.contains("not-exported-secret-9931"));
    let links = fs::read_to_string(out.join("custody-links.jsonl")).expect("links");
    assert_eq!(links.lines().count(), 4);
    assert!(!links.contains("not-exported-secret-9931"));
    for (name, original) in &f.originals {
        // Redirect rather than `-o`: age creates no output file for an empty plaintext.
        let target = fs::File::create(out.join("files").join(name)).expect("create");
        let output = Command::new("age")
            .current_dir(&out)
            .args(["-d", "-i", "key.txt"])
            .arg(format!("files/{name}.age"))
            .stdout(target)
            .output()
            .expect("age");
        assert!(
            output.status.success(),
            "age -d failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            &fs::read(out.join("files").join(name)).expect("read"),
            original
        );
    }
    let output = Command::new("sha256sum")
        .current_dir(&out)
        .args(["-c", "SHA256SUMS"])
        .output()
        .expect("sha256sum");
    assert!(
        output.status.success(),
        "sha256sum -c: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    let readme = fs::read_to_string(out.join("README.txt")).expect("readme");
    assert!(
        readme.contains("sha256sum -c SHA256SUMS") && readme.contains("age -d -i key.txt \"$f\" >")
    );
    for name in [
        "manifest.json",
        "manifest.sig",
        "custody.jsonl",
        "custody-links.jsonl",
        "custody-head.json",
        "server-ed25519.pub",
        "readable/custody.html",
    ] {
        assert!(out.join(name).exists(), "{name} missing");
    }

    // A tampered file fails sha256sum too.
    let victim = out.join("files/photo 1.jpg");
    let mut bytes = fs::read(&victim).expect("read");
    bytes[1000] ^= 1;
    fs::write(&victim, bytes).expect("write");
    let output = Command::new("sha256sum")
        .current_dir(&out)
        .args(["-c", "SHA256SUMS"])
        .output()
        .expect("sha256sum");
    assert!(!output.status.success());
}

/// The tar inside an encrypted bundle.
fn open_tar(f: &Fixture) -> Vec<u8> {
    let identity = age::x25519::Identity::from_str(&f.identity).expect("identity");
    let decryptor = age::Decryptor::new(fs::File::open(&f.bundle).expect("open")).expect("age");
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .expect("decrypt");
    let mut tar = Vec::new();
    reader.read_to_end(&mut tar).expect("read");
    tar
}

/// Encrypts `bytes` to the fixture's recipient, as anyone can who knows its public key.
fn seal(f: &Fixture, bytes: &[u8]) -> Vec<u8> {
    let recipient = age::x25519::Identity::from_str(&f.identity)
        .expect("id")
        .to_public();
    let enc = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .expect("enc");
    let mut out = Vec::new();
    let mut w = enc.wrap_output(&mut out).expect("wrap");
    std::io::Write::write_all(&mut w, bytes).expect("write");
    w.finish().expect("finish");
    out
}

type Members = Vec<(String, Vec<u8>)>;

fn read_members(tar: &[u8]) -> Members {
    let mut archive = tar::Archive::new(tar);
    archive
        .entries()
        .expect("entries")
        .map(|entry| {
            let mut entry = entry.expect("entry");
            let path = entry.path().expect("path").to_string_lossy().into_owned();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("read");
            (path, bytes)
        })
        .collect()
}

fn build(members: &Members) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (path, bytes) in members {
        let mut header = tar::Header::new_ustar();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        builder
            .append_data(&mut header, path, bytes.as_slice())
            .expect("append");
    }
    builder.into_inner().expect("finish")
}

/// Verifies a tampered copy: re-encrypted to the recipient and checked with the identity
/// and the trusted key, or (`plain`) as a decrypted tar without the identity.
fn check(f: &Fixture, members: &Members, plain: bool) -> spona_vault::BundleReport {
    let tar = build(members);
    if plain {
        verify_bundle(tar.as_slice(), None, Some(&f.server.public())).expect("verify")
    } else {
        let sealed = seal(f, &tar);
        verify_bundle(
            sealed.as_slice(),
            Some(&f.identity),
            Some(&f.server.public()),
        )
        .expect("verify")
    }
}

fn named(report: &spona_vault::BundleReport, words: &str) -> bool {
    report.problems.iter().any(|p| p.contains(words))
}

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
}
