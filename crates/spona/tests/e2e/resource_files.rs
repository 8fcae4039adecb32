//! Attachments of resources end to end: stored by hash (on disk, or in an S3-compatible
//! bucket served by moto on loopback), their PDF text searchable, refused cleanly when
//! too large, mistyped or when the store does not answer.

use sha2::Digest;

use super::resources::{create, ids, q, search};
use crate::harness::*;

#[tokio::test]
async fn attachments_are_stored_by_hash_and_their_text_is_searchable() {
    let app = TestApp::start().await;
    let editor = app.signed_in(ASTRA_ADMIN).await;
    let id = create(
        &editor,
        &[
            ("title", "Intake checklist"),
            ("body", "See the attached form."),
        ],
    )
    .await;
    let pdf = pdf_with_text("Appendix Quetzalform intake of survivors");
    let r = editor
        .upload(
            &format!("/en/resources/{id}/attachments?lang=en"),
            "file",
            "intake form.pdf",
            "application/pdf",
            &pdf,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let json = app
        .client()
        .get(&format!("/en/api/v1/resources/{id}"))
        .await
        .json();
    let a = &json["attachments"][0];
    let sha = hex::encode(sha2::Sha256::digest(&pdf));
    assert_eq!(a["sha256"], sha.as_str());
    assert_eq!(a["filename"], "intake form.pdf");
    assert!(
        app.dir
            .path()
            .join("attachments")
            .join(&sha[..2])
            .join(&sha)
            .exists()
    );
    let href = format!("/en{}", a["href"].as_str().expect("href"));
    let (status, bytes, headers) = app.client().bytes(&href).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, pdf);
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(
        headers["content-disposition"]
            .to_str()
            .expect("cd")
            .starts_with("attachment;")
    );
    // The PDF's text is found by search.
    let v = search(&app.client(), "en", &q("Quetzalform")).await;
    assert_eq!(ids(&v), vec![id.clone()], "{v}");

    // Refused uploads leave nothing behind.
    let r = editor
        .upload(
            &format!("/en/resources/{id}/attachments?lang=en"),
            "file",
            "form.pdf",
            "application/pdf",
            b"MZ\x90\x00 this is a program",
        )
        .await;
    assert_eq!(r.status, 415);
    assert!(r.body.contains("does not match its name"), "{}", r.body);
    let r = editor
        .upload(
            &format!("/en/resources/{id}/attachments?lang=en"),
            "file",
            "tool.exe",
            "application/octet-stream",
            b"MZ\x90\x00",
        )
        .await;
    assert_eq!(r.status, 415);
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(26 * 1024 * 1024, b'x');
    let r = editor
        .upload(
            &format!("/en/resources/{id}/attachments?lang=en"),
            "file",
            "big.pdf",
            "application/pdf",
            &big,
        )
        .await;
    assert_eq!(r.status, 413);
    let json = app
        .client()
        .get(&format!("/en/api/v1/resources/{id}"))
        .await
        .json();
    assert_eq!(json["attachments"].as_array().expect("list").len(), 1);
    let leftovers = std::fs::read_dir(app.dir.path().join("attachments").join("tmp"))
        .expect("tmp")
        .count();
    assert_eq!(leftovers, 0);
}

/// A moto S3 server on a loopback port (`pip install 'moto[server]'`; `scripts/test`
/// installs it), stopped when dropped.
pub(crate) struct Moto {
    child: std::process::Child,
    pub(crate) endpoint: String,
    pub(crate) http: reqwest::Client,
}

pub(crate) const BUCKET: &str = "spona-files";

impl Moto {
    /// Starts the server and creates [`BUCKET`].
    pub(crate) async fn start() -> Moto {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = std::process::Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("moto_server cannot be started ({e}): pip install 'moto[server]'")
            });
        let moto = Moto {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
            http: crate::harness::http().build().expect("client"),
        };
        let mut up = false;
        for _ in 0..300 {
            if moto.http.get(&moto.endpoint).send().await.is_ok() {
                up = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(up, "moto_server did not answer on {}", moto.endpoint);
        let r = moto
            .http
            .put(format!("{}/{BUCKET}", moto.endpoint))
            .send()
            .await
            .expect("create bucket");
        assert!(r.status().is_success(), "create bucket: {}", r.status());
        moto
    }

    /// Spona's settings for this server, objects under `prefix` in `bucket`.
    pub(crate) fn backend(&self, bucket: &str, prefix: &str) -> spona_web::attachments::Backend {
        let option = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        spona_web::attachments::Backend::S3 {
            url: format!("s3://{bucket}/{prefix}"),
            options: vec![
                option("endpoint", &self.endpoint),
                option("region", "eu-central-1"),
                option("access_key_id", "spona-test"),
                option("secret_access_key", "spona-test-secret"),
                option("allow_http", "true"),
            ],
        }
    }

    /// The keys stored in the bucket.
    pub(crate) async fn keys(&self) -> Vec<String> {
        let xml = self
            .http
            .get(format!("{}/{BUCKET}?list-type=2", self.endpoint))
            .send()
            .await
            .expect("list")
            .text()
            .await
            .expect("list body");
        xml.split("<Key>")
            .skip(1)
            .filter_map(|s| s.split("</Key>").next())
            .map(str::to_owned)
            .collect()
    }

    pub(crate) async fn object(&self, key: &str) -> Vec<u8> {
        let r = self
            .http
            .get(format!("{}/{BUCKET}/{key}", self.endpoint))
            .send()
            .await
            .expect("get object");
        assert_eq!(r.status().as_u16(), 200, "{key}");
        r.bytes().await.expect("object").to_vec()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn upload_pdf(editor: &Client, id: &str, pdf: &[u8]) -> Reply {
    editor
        .upload(
            &format!("/en/resources/{id}/attachments?lang=en"),
            "file",
            "intake form.pdf",
            "application/pdf",
            pdf,
        )
        .await
}

fn tmp_files(app: &TestApp) -> usize {
    std::fs::read_dir(app.dir.path().join("attachments").join("tmp"))
        .expect("tmp")
        .count()
}

#[tokio::test]
async fn attachments_go_to_s3_compatible_storage_once_per_content() {
    let moto = Moto::start().await;
    let backend = moto.backend(BUCKET, "hub");
    let app = TestApp::start_with(|c| c.attachments = backend).await;
    let editor = app.signed_in(ASTRA_ADMIN).await;
    let id = create(
        &editor,
        &[("title", "Intake checklist"), ("body", "Attached.")],
    )
    .await;
    let pdf = pdf_with_text("Appendix Xylocarpform intake of survivors");
    let r = upload_pdf(&editor, &id, &pdf).await;
    assert_eq!(r.status, 303, "{}", r.body);

    let sha = hex::encode(sha2::Sha256::digest(&pdf));
    let key = format!("hub/{}/{sha}", &sha[..2]);
    assert_eq!(moto.keys().await, vec![key.clone()]);
    assert_eq!(moto.object(&key).await, pdf);
    assert!(
        !app.dir.path().join("attachments").join(&sha[..2]).exists(),
        "nothing is kept on the local disk"
    );
    assert_eq!(tmp_files(&app), 0);

    // Read back through Spona, and found by the PDF's text.
    let json = app
        .client()
        .get(&format!("/en/api/v1/resources/{id}"))
        .await
        .json();
    let href = format!(
        "/en{}",
        json["attachments"][0]["href"].as_str().expect("href")
    );
    let (status, bytes, _) = app.client().bytes(&href).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, pdf);
    let v = search(&app.client(), "en", &q("Xylocarpform")).await;
    assert_eq!(ids(&v), vec![id.clone()], "{v}");

    // The same content on another resource is stored once; new content adds one object.
    let other = create(
        &editor,
        &[("title", "Second checklist"), ("body", "Same form.")],
    )
    .await;
    assert_eq!(upload_pdf(&editor, &other, &pdf).await.status, 303);
    assert_eq!(moto.keys().await.len(), 1);
    // A scan of 12 MiB goes up in three parts and comes back whole.
    let mut larger = b"\x89PNG\r\n\x1a\n".to_vec();
    larger.extend((0..12 * 1024 * 1024u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    assert!(
        larger.len() > 2 * spona_web::attachments::PART_BYTES,
        "several parts"
    );
    let r = editor
        .upload(
            &format!("/en/resources/{other}/attachments?lang=en"),
            "file",
            "scan.png",
            "image/png",
            &larger,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let larger_sha = hex::encode(sha2::Sha256::digest(&larger));
    let larger_key = format!("hub/{}/{larger_sha}", &larger_sha[..2]);
    assert_eq!(moto.keys().await.len(), 2);
    assert_eq!(moto.object(&larger_key).await, larger);
}

#[tokio::test]
async fn a_store_that_does_not_answer_refuses_uploads_and_keeps_nothing() {
    let moto = Moto::start().await;
    let backend = moto.backend(BUCKET, "hub");
    let app = TestApp::start_with(|c| c.attachments = backend.clone()).await;

    // The start-up check tells a missing bucket from a present one.
    let tmp = app.dir.path().join("check-tmp");
    let store = |b: &spona_web::attachments::Backend| {
        spona_web::attachments::AttachmentStore::open(b, &tmp).expect("open")
    };
    assert!(store(&backend).check().await.is_ok());
    let missing = store(&moto.backend("no-such-bucket", ""));
    let err = missing.check().await.expect_err("missing bucket");
    assert!(err.contains("s3://no-such-bucket"), "{err}");

    let editor = app.signed_in(ASTRA_ADMIN).await;
    let id = create(
        &editor,
        &[("title", "Offline store"), ("body", "Attached.")],
    )
    .await;
    drop(moto);
    let r = upload_pdf(&editor, &id, &pdf_with_text("never stored")).await;
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("cannot be reached"), "{}", r.body);
    let json = app
        .client()
        .get(&format!("/en/api/v1/resources/{id}"))
        .await
        .json();
    assert_eq!(json["attachments"].as_array().expect("list").len(), 0);
    assert_eq!(tmp_files(&app), 0);
}

/// A PDF whose eight pages all point at one content stream of `stream_bytes` of text
/// operators: little to upload, much to extract (issue 14, item 1).
pub fn pdf_text_bomb(word: &str, stream_bytes: usize) -> Vec<u8> {
    let op = format!("({word}) Tj ");
    let mut content = String::with_capacity(stream_bytes + 64);
    content.push_str("BT /F1 12 Tf 72 720 Td ");
    while content.len() < stream_bytes {
        content.push_str(&op);
    }
    content.push_str("ET");
    let kids: Vec<String> = (0..8).map(|i| format!("{} 0 R", 5 + i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        format!("<< /Type /Pages /Kids [{}] /Count 8 >>", kids.join(" ")),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    for _ in 0..8 {
        objects.push(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
             /Resources << /Font << /F1 3 0 R >> >> >>"
                .to_owned(),
        );
    }
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[tokio::test]
async fn a_pdf_whose_text_explodes_is_stored_without_text_within_bounds() {
    let app = TestApp::start_with(|c| {
        c.pdf_limits.time = std::time::Duration::from_secs(4);
        c.pdf_limits.memory_bytes = 768 * 1024 * 1024;
    })
    .await;
    let editor = app.signed_in(ASTRA_ADMIN).await;
    let id = create(&editor, &[("title", "Bomb"), ("body", "A crafted PDF.")]).await;
    let bomb = pdf_text_bomb("Zorblaxword", 20 * 1024 * 1024);
    let started = std::time::Instant::now();
    let upload = {
        let editor = editor.clone();
        let path = format!("/en/resources/{id}/attachments?lang=en");
        tokio::spawn(async move {
            editor
                .upload(&path, "file", "bomb.pdf", "application/pdf", &bomb)
                .await
        })
    };
    // The server keeps answering while the extraction runs.
    let mut slowest = std::time::Duration::ZERO;
    while !upload.is_finished() {
        let t = std::time::Instant::now();
        assert_eq!(app.client().get("/healthz").await.status, 200);
        slowest = slowest.max(t.elapsed());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let r = upload.await.expect("upload");
    let took = started.elapsed();
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(
        took < std::time::Duration::from_secs(20),
        "upload took {took:?}"
    );
    assert!(
        slowest < std::time::Duration::from_secs(1),
        "/healthz took {slowest:?}"
    );
    // Stored, without its text.
    let json = app
        .client()
        .get(&format!("/en/api/v1/resources/{id}"))
        .await
        .json();
    assert_eq!(json["attachments"][0]["filename"], "bomb.pdf");
    let v = search(&app.client(), "en", &q("Zorblaxword")).await;
    assert!(ids(&v).is_empty(), "{v}");
    // An ordinary PDF's text is still extracted afterwards.
    let pdf = pdf_with_text("Appendix Quetzalform intake");
    let r = editor
        .upload(
            &format!("/en/resources/{id}/attachments?lang=en"),
            "file",
            "form.pdf",
            "application/pdf",
            &pdf,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let v = search(&app.client(), "en", &q("Quetzalform")).await;
    assert_eq!(ids(&v), vec![id.clone()], "{v}");
}
