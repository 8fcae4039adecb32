//! A bundle as a prosecutor opens it: the real `age` tool and `sha256sum`.

use super::*;

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
