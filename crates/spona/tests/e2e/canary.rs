//! Secrets stay secret: unique strings go into passwords, TOTP secrets, session, reset and
//! invitation tokens and e-mail addresses; the real binary runs every flow with the most
//! verbose logging; none of the strings may appear in what it logged.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::harness::process::free_port;
use crate::harness::{Client, link_path};

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The newest message in the outbox, waiting (up to 10 s) for the server's mail sender to
/// write the first one.
fn newest_mail(dir: &std::path::Path) -> String {
    let mut files = Vec::new();
    for _ in 0..200 {
        files = std::fs::read_dir(dir.join("outbox"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".eml"))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        if !files.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    files.sort_by_key(|e| e.file_name());
    std::fs::read_to_string(files.last().expect("mail").path()).expect("read")
}

/// The newest mail in the outbox that holds every one of `needles` (the address it went to,
/// a path it links), waiting up to ten seconds for the sender to write it: the demo data and
/// other loops queue mail of their own.
async fn mail_with(dir: &std::path::Path, needles: &[&str]) -> String {
    for _ in 0..200 {
        let mut found: Vec<(std::ffi::OsString, String)> = std::fs::read_dir(dir.join("outbox"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".eml"))
                    .filter_map(|e| Some((e.file_name(), std::fs::read_to_string(e.path()).ok()?)))
                    .filter(|(_, text)| needles.iter().all(|n| text.contains(n)))
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        if let Some((_, text)) = found.pop() {
            return text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no mail holding {needles:?} in the outbox");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_reaches_the_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log_path = dir.path().join("server.log");
    let tag = &spona_store::new_token()[..12];
    let email = format!("canary.{tag}@example.org");
    let password = format!("Canary password {tag} ok");
    let new_password = format!("Second canary {tag} ok!");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let bin = env!("CARGO_BIN_EXE_spona");
    let log = std::fs::File::create(&log_path).expect("log file");
    let server = Server(
        Command::new(bin)
            .args(["--data-dir"])
            .arg(dir.path())
            .args(["serve", "--demo", "--bind", &format!("127.0.0.1:{port}")])
            .env_remove("SPONA_DATABASE_URL")
            .env("SPONA_LOG", "trace")
            .stdout(Stdio::from(log.try_clone().expect("log")))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("spawn"),
    );
    let probe = crate::harness::http().build().expect("client");
    let mut up = false;
    for _ in 0..200 {
        if probe
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        up,
        "server did not start: {}",
        std::fs::read_to_string(&log_path).unwrap_or_default()
    );

    // An account made on the command line, admin of ASTRA.
    let mut cli = Command::new(bin)
        .args(["--data-dir"])
        .arg(dir.path())
        .args([
            "admin",
            "create-user",
            "--email",
            &email,
            "--name",
            "Canary",
            "--org",
            "astra",
            "--org-role",
            "admin",
        ])
        .env("SPONA_LOG", "trace")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cli");
    cli.stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("write");
    let cli_out = cli.wait_with_output().expect("cli output");
    assert!(
        cli_out.status.success(),
        "{}",
        String::from_utf8_lossy(&cli_out.stderr)
    );

    let c = Client::new(&base);
    // A failed and a successful sign-in.
    assert_eq!(
        c.signin(&email, "not the canary password").await.status,
        401
    );
    let ok = c.signin(&email, &password).await;
    assert_eq!(ok.status, 303);
    let session = ok
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let session = session
        .split(';')
        .next()
        .unwrap_or_default()
        .split('=')
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    assert_eq!(session.len(), 64);
    // A second factor.
    let secret = c.get("/en/account/totp").await.hidden("secret");
    let code =
        spona_web::auth::totp_code_at(&secret, u64::try_from(spona_store::now()).expect("now"))
            .expect("code");
    assert_eq!(
        c.post(
            "/en/account/totp",
            &[("secret", &secret), ("code", &code), ("current", &password)]
        )
        .await
        .status,
        303
    );
    // An invitation.
    let c = Client::new(&base);
    c.signin(&email, &password).await;
    let code = spona_web::auth::totp_code_at(
        &secret,
        u64::try_from(spona_store::now()).expect("now") + 30,
    )
    .expect("code");
    let _ = c.post("/en/signin/totp", &[("code", &code)]).await;
    let invited = format!("invitee.{tag}@example.org");
    let inv = Client::new(&base);
    let admin = Client::new(&base);
    admin
        .signin("jelena@astra.example.org", "demo password for Spona")
        .await;
    admin
        .post(
            "/en/orgs/astra/invite",
            &[("email", &invited), ("role", "member")],
        )
        .await;
    let invite_path = link_path(&mail_with(dir.path(), &[&invited, "/invite/"]).await);
    assert_eq!(inv.get(&invite_path).await.status, 200);
    // The vault: a case, a testimony, a file, a grant and a consent change, each with canaries.
    let vault_canaries: Vec<String> = [
        "title",
        "pseudonym",
        "narrative",
        "filename",
        "upload",
        "grant",
        "consent",
    ]
    .iter()
    .map(|w| format!("vault{w}{tag}"))
    .collect();
    let [
        title,
        pseudonym,
        narrative,
        filename,
        upload,
        grant,
        consent,
    ] = <[String; 7]>::try_from(vault_canaries.clone()).expect("seven");
    let r = admin.post("/en/vault/new", &[("title", &title)]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let case_path = r.location();
    let r = admin
        .post(
            &format!("{case_path}/testimonies/new"),
            &[
                ("interviewer", "Interviewer"),
                ("language", "uk"),
                ("place", "Lviv"),
                ("date", "2026-03-14"),
                ("pseudonym", &pseudonym),
                ("gender_choice", "chosen"),
                ("narrative", &narrative),
                ("documentation", "on"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let item_path = r.location();
    let r = admin
        .upload_with(
            &format!("{case_path}/files?item={}", spona_store::new_id()),
            &[("documentation", "on"), ("reason", &upload)],
            "file",
            &filename,
            "application/octet-stream",
            b"a vault file",
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = admin
        .post(
            &format!("{case_path}/team"),
            &[("email", &email), ("role", "reviewer"), ("reason", &grant)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = admin
        .post(
            &format!("{item_path}/consent"),
            &[("documentation", "on"), ("reason", &consent)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(admin.get(&format!("{case_path}/custody")).await.status, 200);
    // A password reset, used.
    let anon = Client::new(&base);
    let before = newest_mail(dir.path());
    anon.post("/en/reset", &[("email", &email)]).await;
    // The reset mail is written after the answer.
    let mut mail = newest_mail(dir.path());
    for _ in 0..200 {
        if mail != before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        mail = newest_mail(dir.path());
    }
    let reset_path = link_path(&mail);
    assert_eq!(
        anon.post(
            &reset_path,
            &[("password", &new_password), ("password2", &new_password)]
        )
        .await
        .status,
        303
    );

    drop(server);
    let logged = std::fs::read_to_string(&log_path).expect("log");
    let cli_logged = format!(
        "{}{}",
        String::from_utf8_lossy(&cli_out.stdout),
        String::from_utf8_lossy(&cli_out.stderr)
    );
    assert!(logged.contains("listening"), "the log is being captured");
    let token_of = |p: &str| p.rsplit('/').next().unwrap_or_default().to_owned();
    for secret in &vault_canaries {
        assert!(
            !logged.contains(secret.as_str()),
            "the server logged {secret}"
        );
    }
    for (what, secret) in [
        ("password", password.as_str()),
        ("new password", new_password.as_str()),
        ("e-mail address", email.as_str()),
        ("invitee's address", invited.as_str()),
        ("TOTP secret", secret.as_str()),
        ("session token", session.as_str()),
        ("reset token", token_of(&reset_path).as_str()),
        ("invitation token", token_of(&invite_path).as_str()),
        ("demo password", "demo password for Spona"),
    ] {
        if what == "demo password" {
            continue; // printed on purpose at demo start-up, for the local demo only
        }
        assert!(!logged.contains(secret), "the server logged the {what}");
        assert!(
            !cli_logged.contains(secret),
            "the command line printed the {what}"
        );
    }
}
