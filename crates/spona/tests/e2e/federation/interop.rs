//! Spona's federation against independent implementations (`tests/federation/interop.py`):
//! its HTTP message signatures verified by the PyPI package `http-message-signatures`, a
//! request that package signed accepted by Spona's inbox, and a packet's body opened by
//! `pyrage` and by the `age` command.

use std::process::Command;

use base64::Engine as _;
use spona_federation::packet::Draft;
use spona_federation::{Envelope, OrgIdentity};

use super::{add_partner, link, org_id};
use crate::harness::*;

const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/federation/interop.py"
);

fn python(args: &[&str]) -> (bool, String) {
    let out = Command::new("python3")
        .arg(SCRIPT)
        .args(args)
        .output()
        .expect("python3 (tests/federation/requirements.txt)");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn envelope(
    keys: &spona_app::federation::FedKeys,
    to: &str,
    recipient: &str,
    body: &[u8],
) -> Envelope {
    Envelope::seal(
        &keys.signing,
        Draft {
            id: &spona_store::new_id(),
            from_org: "belgrade-org",
            to_org: to,
            conversation: "notes:interop",
            seq: 1,
            kind: "note",
            created: spona_store::now(),
        },
        recipient,
        body,
    )
    .expect("seal")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spona_signatures_verify_with_http_message_signatures() {
    let app = TestApp::start().await;
    let keys = app.state().federation.keys(&app.db).await.expect("keys");
    let url = "https://prishtina.example:8443/federation/inbox";
    let body = br#"{"packet":"hello"}"#.to_vec();
    let headers =
        spona_app::federation::outbox::signed_request(&keys, url, &body, spona_store::now())
            .expect("signed");
    let spec = |body: &[u8]| {
        serde_json::json!({
            "method": "POST",
            "url": url,
            "headers": headers.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<std::collections::HashMap<_, _>>(),
            "body_b64": base64::engine::general_purpose::STANDARD.encode(body),
            "public_key_hex": keys.public_hex(),
        })
        .to_string()
    };
    let file = app.dir.path().join("request.json");
    std::fs::write(&file, spec(&body)).expect("write");
    let (ok, out) = python(&["verify", file.to_str().expect("path")]);
    assert!(ok, "{out}");
    assert!(out.contains("verified sig1"), "{out}");
    // The same headers with another body: the package refuses it too.
    std::fs::write(&file, spec(br#"{"packet":"HELLO"}"#)).expect("write");
    let (ok, out) = python(&["verify", file.to_str().expect("path")]);
    assert!(!ok, "a changed body must not verify: {out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inbox_accepts_a_request_signed_by_http_message_signatures() {
    let a = TestApp::start().await;
    let b = TestApp::start().await;
    let a_on_b = add_partner(&b, &a).await;
    link(&b, &a_on_b, "zmina", &a, "astra").await;
    let keys = a.state().federation.keys(&a.db).await.expect("keys");
    let zmina = org_id(&b, "zmina").await;
    assert_eq!(
        b.client().get("/.well-known/spona-federation").await.status,
        200
    );
    let recipient = spona_store::federation::org_keys(&b.db)
        .await
        .expect("keys")
        .into_iter()
        .find(|k| k.org_id == zmina)
        .expect("zmina's key")
        .recipient;
    let mut env = envelope(
        &keys,
        &zmina,
        &recipient,
        br#"{"kind":"note","data":{"text":"from python"}}"#,
    );
    env.from_org = org_id(&a, "astra").await;
    // Re-signed after the change of sender organisation.
    let env = Envelope::seal(
        &keys.signing,
        Draft {
            id: &env.id,
            from_org: &env.from_org,
            to_org: &env.to_org,
            conversation: &env.conversation,
            seq: 1,
            kind: "note",
            created: env.created,
        },
        &recipient,
        br#"{"kind":"note","data":{"text":"from python"}}"#,
    )
    .expect("seal");
    let body = serde_json::to_vec(&env).expect("json");
    let body_file = a.dir.path().join("packet.json");
    std::fs::write(&body_file, &body).expect("write");
    let seed = a
        .dir
        .path()
        .join("federation")
        .join("deployment-ed25519.key");
    let url = format!("{}/federation/inbox", b.base);
    let (ok, out) = python(&[
        "sign",
        seed.to_str().expect("path"),
        &url,
        body_file.to_str().expect("path"),
    ]);
    assert!(ok, "{out}");
    let headers: std::collections::HashMap<String, String> =
        serde_json::from_str(out.trim()).expect("headers");
    assert!(
        headers["Signature-Input"].starts_with("pyhms="),
        "{headers:?}"
    );
    let mut req = reqwest::Client::new().post(&url).body(body);
    for (k, v) in &headers {
        req = req.header(k.as_str(), v.as_str());
    }
    let r = req.send().await.expect("post");
    let status = r.status().as_u16();
    let answer: serde_json::Value = r.json().await.expect("json");
    assert_eq!(status, 200, "{answer}");
    let receipt: spona_federation::Receipt =
        serde_json::from_value(answer["receipt"].clone()).expect("receipt");
    let b_keys = b.state().federation.keys(&b.db).await.expect("keys");
    assert!(receipt.verify(&b_keys.signing.public(), &env));
    assert_eq!(
        spona_store::federation::packets::inbox_count(&b.db)
            .await
            .expect("db"),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn packet_bodies_open_with_pyrage_and_age() {
    let app = TestApp::start().await;
    let keys = app.state().federation.keys(&app.db).await.expect("keys");
    let identity = OrgIdentity::generate();
    let text = r#"{"kind":"note","data":{"text":"Zdravo, Приштина"}}"#;
    let env = envelope(
        &keys,
        "prishtina-org",
        &identity.recipient(),
        text.as_bytes(),
    );
    let file = app.dir.path().join("envelope.json");
    std::fs::write(&file, serde_json::to_vec(&env).expect("json")).expect("write");
    let (ok, out) = python(&["open", &identity.secret(), file.to_str().expect("path")]);
    assert!(ok, "{out}");
    assert_eq!(out, text);
    // Another organisation's identity does not open it.
    let (ok, _) = python(&[
        "open",
        &OrgIdentity::generate().secret(),
        file.to_str().expect("path"),
    ]);
    assert!(!ok);
    // The age command line, from the raw ciphertext.
    let raw = app.dir.path().join("body.age");
    std::fs::write(
        &raw,
        base64::engine::general_purpose::STANDARD
            .decode(&env.body)
            .expect("base64"),
    )
    .expect("write");
    let key_file = app.dir.path().join("identity.txt");
    std::fs::write(&key_file, identity.secret()).expect("write");
    let out = Command::new("age")
        .args(["-d", "-i"])
        .arg(&key_file)
        .arg(&raw)
        .output()
        .expect("age");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), text);
}
