//! Published images lose their metadata: checked with exiftool, as an investigator would.

use std::process::Command;

use crate::harness::*;

/// What exiftool finds in a file, as `group:tag` → value.
fn exif(path: &std::path::Path) -> serde_json::Map<String, serde_json::Value> {
    let out = Command::new("exiftool")
        .args(["-j", "-G", "-a"])
        .arg(path)
        .output()
        .expect("exiftool is needed (Debian: libimage-exiftool-perl; scripts/test installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("exiftool json");
    v[0].as_object().expect("object").clone()
}

const SENSITIVE_GROUPS: [&str; 5] = ["EXIF:", "XMP", "IPTC:", "Photoshop:", "MakerNotes"];

/// Strings hidden where stripping known segments used to let them through.
const CANARIES: [&str; 6] = [
    "CANARY-JFXX-THUMB",
    "CANARY-ICC-PROFILE",
    "CANARY-ADOBE",
    "CANARY-JPEG-TRAILER",
    "CANARY-PNG-ICC-NAME",
    "CANARY-PNG-TRAILER",
];

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn jpeg_segment(marker: u8, body: &[u8]) -> Vec<u8> {
    let len = u16::try_from(body.len() + 2).expect("short segment");
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&len.to_be_bytes());
    s.extend_from_slice(body);
    s
}

/// Adds a JFXX thumbnail (APP0), an ICC profile (APP2), an Adobe segment (APP14) and bytes
/// after the end marker, each carrying a canary.
fn add_jpeg_canaries(path: &std::path::Path) {
    let jpeg = std::fs::read(path).expect("read");
    let mut out = jpeg[..2].to_vec();
    out.extend(jpeg_segment(0xE0, b"JFXX\0\x10CANARY-JFXX-THUMB"));
    out.extend(jpeg_segment(
        0xE2,
        b"ICC_PROFILE\0\x01\x01CANARY-ICC-PROFILE",
    ));
    out.extend(jpeg_segment(
        0xEE,
        b"Adobe\x00\x64\x00\x00\x00\x00\x01CANARY-ADOBE",
    ));
    out.extend_from_slice(&jpeg[2..]);
    out.extend_from_slice(b"CANARY-JPEG-TRAILER");
    std::fs::write(path, out).expect("write");
}

/// Adds a named ICC profile (iCCP, kept by the old stripper) and bytes after IEND.
fn add_png_canaries(path: &std::path::Path) {
    let png = std::fs::read(path).expect("read");
    // A zlib stream of one stored block holding the profile.
    let profile = b"CANARY-ICC-PROFILE";
    let mut zlib = vec![0x78, 0x01, 0x01];
    let n = u16::try_from(profile.len()).expect("short");
    zlib.extend_from_slice(&n.to_le_bytes());
    zlib.extend_from_slice(&(!n).to_le_bytes());
    zlib.extend_from_slice(profile);
    let (mut a, mut b) = (1u32, 0u32);
    for &x in profile {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut chunk = b"iCCP".to_vec();
    chunk.extend_from_slice(b"CANARY-PNG-ICC-NAME\0\0");
    chunk.extend_from_slice(&zlib);
    let mut out = png[..33].to_vec(); // signature and IHDR
    out.extend_from_slice(&u32::try_from(chunk.len() - 4).expect("short").to_be_bytes());
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&crc32(&chunk).to_be_bytes());
    out.extend_from_slice(&png[33..]);
    out.extend_from_slice(b"CANARY-PNG-TRAILER");
    std::fs::write(path, out).expect("write");
}

fn dirty_copy(dir: &std::path::Path, source: &str, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../spona-web/testdata")
            .join(source),
        &path,
    )
    .expect("copy");
    let status = Command::new("exiftool")
        .args([
            "-q",
            "-overwrite_original",
            "-GPSLatitude=44.8125",
            "-GPSLatitudeRef=N",
            "-GPSLongitude=20.4612",
            "-GPSLongitudeRef=E",
            "-Artist=Jane Witness",
            "-XMP:Creator=Jane Witness",
            "-Comment=taken at the safe house",
            "-Make=Canon",
            "-SerialNumber=CANARY123",
        ])
        .args(if name.ends_with(".jpg") {
            vec!["-IPTC:By-line=Jane Witness"]
        } else {
            vec![]
        })
        .arg(&path)
        .status()
        .expect("exiftool");
    assert!(status.success());
    if name.ends_with(".jpg") {
        add_jpeg_canaries(&path);
    } else {
        add_png_canaries(&path);
    }
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn published_logos_carry_no_metadata() {
    let app = TestApp::start().await;
    let admin = app.signed_in(ASTRA_ADMIN).await;
    for (source, name, mime) in [
        ("square.jpg", "logo.jpg", "image/jpeg"),
        ("pixel.png", "logo.png", "image/png"),
    ] {
        let dirty = dirty_copy(app.dir.path(), source, name);
        let before = exif(&dirty);
        let text = serde_json::Value::Object(before.clone()).to_string();
        assert!(
            text.contains("Jane Witness") && text.contains("safe house"),
            "the test file carries metadata: {text}"
        );
        if name.ends_with(".jpg") {
            assert!(
                before.keys().any(|k| k.starts_with("EXIF:GPS")),
                "GPS in the original"
            );
            assert!(
                before.keys().any(|k| k.starts_with("IPTC:")),
                "IPTC in the original"
            );
        }

        let r = admin
            .upload(
                "/en/orgs/astra/logo",
                "logo",
                name,
                mime,
                &std::fs::read(&dirty).expect("read"),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let page = app.client().get("/en/orgs/astra").await.body;
        let start = page.find("src=\"/media/").expect("logo on the page") + 5;
        let src = &page[start..start + page[start..].find('"').expect("quote")];
        let (status, bytes, headers) = app.client().bytes(src).await;
        assert_eq!(status, 200);
        assert_eq!(
            headers.get("content-type").and_then(|v| v.to_str().ok()),
            Some(mime)
        );
        assert!(
            headers
                .get("cache-control")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .contains("immutable")
        );
        let original = std::fs::read(&dirty).expect("read");
        for canary in CANARIES {
            let hidden = original
                .windows(canary.len())
                .any(|w| w == canary.as_bytes());
            let served = bytes.windows(canary.len()).any(|w| w == canary.as_bytes());
            assert!(
                !served,
                "{name}: the canary {canary} survived (in the upload: {hidden})"
            );
        }
        let published = app.dir.path().join(format!("published-{name}"));
        std::fs::write(&published, &bytes).expect("write");
        let after = exif(&published);
        let text = serde_json::Value::Object(after.clone()).to_string();
        for needle in [
            "Jane Witness",
            "safe house",
            "CANARY123",
            "Canon",
            "44.8",
            "20.46",
        ]
        .into_iter()
        .chain(CANARIES)
        {
            assert!(
                !text.contains(needle),
                "{name}: '{needle}' survived: {text}"
            );
        }
        for key in after.keys() {
            assert!(
                !SENSITIVE_GROUPS.iter().any(|g| key.starts_with(g)),
                "{name}: {key} survived"
            );
        }
        assert!(
            after.keys().any(|k| k.ends_with(":ImageWidth")),
            "{name} is still an image"
        );
    }
    assert_eq!(app.audit_count("org.logo_changed").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_uploads_are_refused_with_a_message() {
    let app = TestApp::start().await;
    let admin = app.signed_in(ASTRA_ADMIN).await;
    let pdf = admin
        .upload(
            "/en/orgs/astra/logo",
            "logo",
            "report.pdf",
            "application/pdf",
            b"%PDF-1.7 not an image",
        )
        .await;
    assert_eq!(pdf.status, 400);
    assert!(pdf.body.contains("Only PNG and JPEG"));
    let empty = admin
        .upload("/en/orgs/astra/logo", "logo", "x.png", "image/png", b"")
        .await;
    assert_eq!(empty.status, 400);
    assert!(empty.body.contains("Choose an image file"));
    let mut huge = b"\x89PNG\r\n\x1a\n".to_vec();
    huge.resize(1024 * 1024 + 10, 0);
    let big = admin
        .upload("/en/orgs/astra/logo", "logo", "big.png", "image/png", &huge)
        .await;
    assert_eq!(big.status, 413);
    assert!(big.body.contains("larger than allowed"));
    // A decompression bomb: a tiny file claiming 60000×60000 pixels.
    let mut bomb = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spona-web/testdata/pixel.png"),
    )
    .expect("pixel");
    bomb[16..24].copy_from_slice(&[0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60]);
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let r = admin
        .upload(
            "/en/orgs/astra/logo",
            "logo",
            "bomb.png",
            "image/png",
            &bomb,
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("pixels"), "{}", r.body);
    assert!(app.client().get("/api/v1/orgs/astra").await.json()["logo"].is_null());
    // A member may not change the logo.
    let member = app.signed_in(ASTRA_MEMBER).await;
    let r = member
        .upload(
            "/en/orgs/astra/logo",
            "logo",
            "x.png",
            "image/png",
            b"\x89PNG",
        )
        .await;
    assert_eq!(r.status, 403);
}
