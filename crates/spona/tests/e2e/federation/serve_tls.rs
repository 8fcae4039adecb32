//! `spona serve` as a process (issue 20, lane fedrest):
//! - `--tls-cert/--tls-key`: HTTPS served by Spona itself, with a certificate a test CA
//!   signed (made with openssl); a client trusting that CA gets the key document, plain
//!   HTTP to the port gets no answer, and a key file that cannot be used stops the start
//!   with the file's name;
//! - `--demo=prishtina`: the Kosovo deployment (PVPT and the other organisations in
//!   Kosovo, its own accounts, PVPT's services and case worker, its own deployment key),
//!   while `--demo` alone stays the Belgrade one.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use super::processes::Server;
use crate::harness::process::{free_port, output_text, spona, spona_command};

/// A test CA and a certificate for 127.0.0.1 signed by it, in `dir`: (ca.pem, cert, key);
/// `None` when openssl is not installed.
fn test_ca(dir: &Path) -> Option<(std::path::PathBuf, std::path::PathBuf, std::path::PathBuf)> {
    let run = |args: &[&str]| {
        Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509"];
    ca.extend(ec);
    ca.extend([
        "-days",
        "2",
        "-subj",
        "/CN=Spona test CA",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
    ]);
    if !run(&ca) {
        return None;
    }
    let mut csr = vec!["req"];
    csr.extend(ec);
    csr.extend([
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
    ]);
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
    )
    .expect("ext");
    let sign = [
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "server.pem",
    ];
    (run(&csr) && run(&sign)).then(|| {
        (
            dir.join("ca.pem"),
            dir.join("server.pem"),
            dir.join("server.key"),
        )
    })
}

fn client_trusting(ca: &Path) -> reqwest::Client {
    spona_web::install_tls_provider();
    let certs =
        reqwest::Certificate::from_pem_bundle(&std::fs::read(ca).expect("ca")).expect("pem");
    reqwest::Client::builder()
        .tls_certs_only(certs)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spona_serves_https_itself_with_a_certificate_from_a_test_ca() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some((ca, cert, key)) = test_ca(dir.path()) else {
        eprintln!("SKIPPED: openssl is not installed");
        return;
    };
    let data = dir.path().join("data");
    let port = free_port();
    let base = format!("https://127.0.0.1:{port}");
    let child = spona_command(&data)
        .args([
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--public-url",
            &base,
        ])
        .arg("--tls-cert")
        .arg(&cert)
        .arg("--tls-key")
        .arg(&key)
        .arg("--federation-ca-file")
        .arg(&ca)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let _server = Server {
        child,
        base: base.clone(),
    };
    let https = client_trusting(&ca);
    let mut up = false;
    for _ in 0..600 {
        if https
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "no answer over HTTPS");
    let doc: serde_json::Value = https
        .get(format!("{base}/.well-known/spona-federation"))
        .send()
        .await
        .expect("document")
        .json()
        .await
        .expect("json");
    assert_eq!(doc["document"]["base_url"], base.as_str(), "{doc}");
    assert!(
        doc["document"]["inbox"]
            .as_str()
            .is_some_and(|i| i.starts_with("https://")),
        "{doc}"
    );
    // Plain HTTP gets no page, and a client that does not trust the CA gets no connection.
    let plain = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{port}/healthz"))
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    assert!(
        plain.is_err() || !plain.is_ok_and(|r| r.status().is_success()),
        "plain HTTP answered"
    );
    let other_dir = tempfile::tempdir().expect("tempdir");
    if let Some((other_ca, _, _)) = test_ca(other_dir.path()) {
        let stranger = client_trusting(&other_ca);
        assert!(
            stranger
                .get(format!("{base}/healthz"))
                .send()
                .await
                .is_err(),
            "a certificate from another CA was accepted"
        );
    }
    // A key that does not go with anything: the start fails, naming the file.
    std::fs::write(dir.path().join("bad.key"), "not a key\n").expect("write");
    let out = spona(
        &dir.path().join("data2"),
        &[
            "serve",
            "--bind",
            &format!("127.0.0.1:{}", free_port()),
            "--tls-cert",
            &cert.display().to_string(),
            "--tls-key",
            &dir.path().join("bad.key").display().to_string(),
        ],
        "",
    );
    assert!(!out.status.success());
    assert!(
        output_text(&out).contains("bad.key"),
        "{}",
        output_text(&out)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_prishtina_demo_profile_is_a_kosovo_deployment_of_its_own() {
    let data = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let child = spona_command(data.path())
        .args([
            "serve",
            "--demo=prishtina",
            "--bind",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let _server = Server {
        child,
        base: base.clone(),
    };
    super::processes::up(&base).await;
    let doc: serde_json::Value = reqwest::get(format!("{base}/.well-known/spona-federation"))
        .await
        .expect("document")
        .json()
        .await
        .expect("json");
    let slugs: Vec<&str> = doc["document"]["organisations"]
        .as_array()
        .expect("organisations")
        .iter()
        .filter_map(|o| o["slug"].as_str())
        .collect();
    for s in ["pvpt", "kwn", "krct", "medica-gjakova", "aktiv"] {
        assert!(slugs.contains(&s), "{s} in {slugs:?}");
    }
    assert!(
        !slugs.contains(&"atina") && !slugs.contains(&"astra"),
        "{slugs:?}"
    );
    // PVPT offers its services to partners (the key document lists those that take
    // referrals).
    let pvpt = doc["document"]["organisations"]
        .as_array()
        .expect("organisations")
        .iter()
        .find(|o| o["slug"] == "pvpt")
        .expect("pvpt");
    assert!(
        pvpt["services"].as_array().is_some_and(|s| !s.is_empty()),
        "{pvpt}"
    );
    // Its own accounts: the platform admin and PVPT's case worker sign in.
    for email in ["admin@prishtina.example", "besa@pvpt.example.org"] {
        let c = crate::harness::Client::new(&base);
        let r = c.signin(email, super::processes::DEMO_PASSWORD).await;
        assert_eq!(r.status, 303, "{email}: {}", r.body);
    }
    let worker = crate::harness::Client::new(&base);
    worker
        .signin("besa@pvpt.example.org", super::processes::DEMO_PASSWORD)
        .await;
    assert_eq!(worker.get("/en/federation/referrals").await.status, 200);
    // Belgrade's accounts are not here.
    let c = crate::harness::Client::new(&base);
    assert_ne!(
        c.signin("jovana@atina.example.org", super::processes::DEMO_PASSWORD)
            .await
            .status,
        303
    );
    // An unknown profile stops the start with the choices.
    let out = spona(data.path(), &["serve", "--demo=tirana"], "");
    assert!(!out.status.success());
    assert!(
        output_text(&out).contains("prishtina"),
        "{}",
        output_text(&out)
    );
}
