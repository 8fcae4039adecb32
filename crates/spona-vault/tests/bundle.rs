//! Export bundles, checked with the real `age` and `sha256sum` tools and with `verify_bundle`.

use std::fs;
use std::io::Read;
use std::path::Path;
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
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::open(&dir.path().join("store")).expect("store");
    let vault = VaultKey::generate();
    let server = ServerKey::generate();
    let identity = age::x25519::Identity::generate();
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
    let bundle = dir.path().join("export.tar");
    let out = fs::File::create(&bundle).expect("create");
    let case = BundleCase {
        case_id: "case-7",
        custody: &custody,
        head: &head,
    };
    let manifest = write_bundle(out, case, items, &server, &recipient, dir.path()).expect("bundle");
    assert_eq!(manifest.items.len(), 3);
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
    assert!(report.is_valid(), "{report:?}");
    assert_eq!(report.files_checked, 3);

    if !ensure_age() {
        return;
    }
    let out = f.dir.path().join("out");
    fs::create_dir(&out).expect("mkdir");
    let status = Command::new("tar")
        .arg("-xf")
        .arg(&f.bundle)
        .arg("-C")
        .arg(&out)
        .status()
        .expect("tar");
    assert!(status.success());
    fs::write(out.join("key.txt"), format!("{}\n", f.identity)).expect("key");
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
        "custody-head.json",
        "server-ed25519.pub",
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

/// Copies a bundle, letting `edit` replace the content of any entry.
fn rewrite(from: &Path, to: &Path, edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) {
    let mut archive = tar::Archive::new(fs::File::open(from).expect("open"));
    let mut builder = tar::Builder::new(fs::File::create(to).expect("create"));
    for entry in archive.entries().expect("entries") {
        let mut entry = entry.expect("entry");
        let path = entry.path().expect("path").to_string_lossy().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        let Some(bytes) = edit(&path, bytes) else {
            continue;
        };
        let mut header = tar::Header::new_ustar();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        builder
            .append_data(&mut header, &path, bytes.as_slice())
            .expect("append");
    }
    builder.finish().expect("finish");
}

fn verify_copy(
    f: &Fixture,
    edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>,
) -> spona_vault::BundleReport {
    let copy = f.dir.path().join("copy.tar");
    rewrite(&f.bundle, &copy, edit);
    verify_bundle(
        fs::File::open(&copy).expect("open"),
        Some(&f.identity),
        Some(&f.server.public()),
    )
    .expect("verify")
}

#[test]
fn verify_bundle_detects_tampering() {
    let f = make_bundle();
    let untouched = verify_copy(&f, |_, b| Some(b));
    assert!(untouched.is_valid(), "{untouched:?}");

    // The manifest edited (a hash replaced): the signature fails.
    let report = verify_copy(&f, |p, b| {
        (p == "manifest.json")
            .then(|| {
                String::from_utf8(b.clone())
                    .expect("utf8")
                    .replacen("\"size\": 0", "\"size\": 1", 1)
                    .into_bytes()
            })
            .or(Some(b))
    });
    assert!(!report.manifest_signature_valid);
    assert!(!report.is_valid());

    // A file replaced by another file encrypted to the same recipient.
    let recipient = age::x25519::Identity::from_str(&f.identity)
        .expect("id")
        .to_public();
    let report = verify_copy(&f, |p, b| {
        if p == "files/empty.txt.age" {
            let enc =
                age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                    .expect("enc");
            let mut out = Vec::new();
            let mut w = enc.wrap_output(&mut out).expect("wrap");
            std::io::Write::write_all(&mut w, b"planted").expect("write");
            w.finish().expect("finish");
            Some(out)
        } else {
            Some(b)
        }
    });
    assert!(report.manifest_signature_valid);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("files/empty.txt: SHA-256")),
        "{:?}",
        report.problems
    );

    // A flipped byte in an encrypted file.
    let report = verify_copy(&f, |p, mut b| {
        if p == "files/photo 1.jpg.age" {
            let n = b.len();
            b[n - 100] ^= 1;
        }
        Some(b)
    });
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("files/photo 1.jpg")),
        "{:?}",
        report.problems
    );

    // A file removed.
    let report = verify_copy(&f, |p, b| {
        (p != "files/testimony-audio.ogg.age").then_some(b)
    });
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("testimony-audio.ogg.age is missing")),
        "{:?}",
        report.problems
    );

    // A custody entry removed.
    let report = verify_copy(&f, |p, b| {
        if p == "custody.jsonl" {
            let text = String::from_utf8(b).expect("utf8");
            Some(
                text.lines()
                    .enumerate()
                    .filter(|(i, _)| *i != 1)
                    .map(|(_, l)| format!("{l}\n"))
                    .collect::<String>()
                    .into_bytes(),
            )
        } else {
            Some(b)
        }
    });
    let custody = report.custody.expect("custody report");
    assert_eq!(
        custody.problems,
        vec![spona_vault::ChainProblem::Missing { from: 1, to: 1 }]
    );

    // SHA256SUMS edited.
    let report = verify_copy(&f, |p, b| {
        if p == "SHA256SUMS" {
            let mut b = b;
            b[0] = if b[0] == b'0' { b'1' } else { b'0' };
            Some(b)
        } else {
            Some(b)
        }
    });
    assert!(
        report.problems.iter().any(|p| p.contains("SHA256SUMS")),
        "{:?}",
        report.problems
    );

    // Signed by another server key than the trusted one.
    let other = ServerKey::generate();
    let report = verify_bundle(
        fs::File::open(&f.bundle).expect("open"),
        None,
        Some(&other.public()),
    )
    .expect("verify");
    assert!(!report.is_valid());
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
            head: &head,
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
        head: &head,
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
        head: &head,
    };
    let err = write_bundle(Vec::new(), case, vec![], &server, "age1notakey", dir.path())
        .expect_err("recipient");
    assert!(matches!(err, spona_vault::VaultError::Age { .. }), "{err}");
}
