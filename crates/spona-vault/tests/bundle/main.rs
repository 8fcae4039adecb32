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

mod real_age;
mod tampering;
