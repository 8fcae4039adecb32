//! A real Spona server on a loopback port, over a fresh database: SQLite in a temporary
//! directory, or — when `SPONA_TEST_DATABASE_URL` names PostgreSQL — a fresh schema there.

use std::sync::OnceLock;

use spona_domain::org::{OrgDraft, Slug};
use spona_domain::role::{OrgRole, PlatformRole};
use spona_store::Db;

pub const PASSWORD: &str = "Sunflowers over Kyiv 1991";

/// One hash for all fixture users: argon2id is deliberately slow.
fn password_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| spona_web::auth::hash_password(PASSWORD).expect("hash"))
}

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub dir: tempfile::TempDir,
    pub routes: spona_web::routes::RouteTable,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub const ADMIN: &str = "admin@test.example";
pub const ASTRA_ADMIN: &str = "jelena@astra.example.org";
pub const ASTRA_MEMBER: &str = "milan@astra.example.org";
pub const ZMINA_ADMIN: &str = "oksana@zmina.example.org";
pub const ATINA_ADMIN: &str = "coordinator@atina.example.org";

impl TestApp {
    pub async fn start() -> TestApp {
        Self::start_with(|_| {}).await
    }

    /// Starts a server whose configuration `adjust` may change (e.g. trusted proxies).
    pub async fn start_with(adjust: impl FnOnce(&mut spona_web::WebConfig)) -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = match std::env::var("SPONA_TEST_DATABASE_URL") {
            Ok(url) if url.starts_with("postgres") => {
                let schema = format!("t_{}", uuid_like());
                Db::connect_in_schema(&url, Some(&schema))
                    .await
                    .expect("postgres")
            }
            _ => Db::connect(&format!(
                "sqlite://{}",
                dir.path().join("spona.db").display()
            ))
            .await
            .expect("sqlite"),
        };
        db.migrate().await.expect("migrate");
        seed(&db).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let base = format!("http://{addr}");
        let mut config = spona_web::WebConfig::for_data_dir(dir.path(), &base);
        adjust(&mut config);
        let state = spona_web::AppState::new(db.clone(), config).expect("state");
        let (_, routes) = spona_web::app(state.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let _ = spona_web::serve(listener, state, async {
                let _ = rx.await;
            })
            .await;
        });
        TestApp {
            base,
            db,
            dir,
            routes,
            shutdown: Some(tx),
            server: Some(server),
        }
    }

    /// Stops the server and starts a new one on the same address, database and data
    /// directory, as a restart after a crash would.
    pub async fn restart(&mut self) {
        self.restart_with(|_| {}).await
    }

    /// Like [`TestApp::restart`], with a changed configuration.
    pub async fn restart_with(&mut self, adjust: impl FnOnce(&mut spona_web::WebConfig)) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(10), server).await;
        }
        let addr = self.base.trim_start_matches("http://").to_owned();
        let mut attempt = 0;
        let listener = loop {
            match tokio::net::TcpListener::bind(&addr).await {
                Ok(l) => break l,
                Err(e) if attempt < 50 => {
                    attempt += 1;
                    let _ = e;
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(e) => panic!("rebind {addr}: {e}"),
            }
        };
        let mut config = spona_web::WebConfig::for_data_dir(self.dir.path(), &self.base);
        adjust(&mut config);
        let state = spona_web::AppState::new(self.db.clone(), config).expect("state");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        self.server = Some(tokio::spawn(async move {
            let _ = spona_web::serve(listener, state, async {
                let _ = rx.await;
            })
            .await;
        }));
        self.shutdown = Some(tx);
    }

    pub fn client(&self) -> Client {
        Client::new(&self.base)
    }

    /// A client already signed in as `email`.
    pub async fn signed_in(&self, email: &str) -> Client {
        let c = self.client();
        let r = c.signin(email, PASSWORD).await;
        assert_eq!(r.status, 303, "sign-in of {email} failed: {}", r.body);
        c
    }

    /// A client signed in as `email` with another password than the fixtures'.
    pub async fn signed_in_with(&self, email: &str, password: &str) -> Client {
        let c = self.client();
        let r = c.signin(email, password).await;
        assert_eq!(r.status, 303, "sign-in of {email} failed: {}", r.body);
        c
    }

    /// How many messages the outbox holds.
    pub fn mail_count(&self) -> usize {
        std::fs::read_dir(self.dir.path().join("outbox"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".eml"))
                    .count()
            })
            .unwrap_or(0)
    }

    /// The newest message in the outbox.
    pub fn last_mail(&self) -> String {
        let dir = self.dir.path().join("outbox");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("outbox")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".eml"))
            .collect();
        files.sort_by_key(|e| e.file_name());
        std::fs::read_to_string(files.last().expect("a message").path()).expect("read")
    }

    /// A person with an account (password [`PASSWORD`]) and no organisation; their id.
    pub async fn add_person(&self, email: &str, name: &str) -> String {
        spona_store::users::create(&self.db, email, name, password_hash(), PlatformRole::User)
            .await
            .expect("user")
    }

    pub async fn audit_count(&self, action: &str) -> i64 {
        spona_store::audit::count(&self.db, Some(action))
            .await
            .expect("audit")
    }
}

fn uuid_like() -> String {
    spona_store::new_token()[..16].to_owned()
}

async fn org(db: &Db, slug: &str, draft: OrgDraft) -> String {
    let profile = draft.validate().expect("valid fixture");
    spona_store::orgs::create(db, &Slug::parse(slug).expect("slug"), &profile)
        .await
        .expect("create org")
}

fn draft(name: &str, country: &str, city: &str) -> OrgDraft {
    OrgDraft {
        name: name.into(),
        country: country.into(),
        city: city.into(),
        ..Default::default()
    }
}

async fn user(db: &Db, email: &str, role: PlatformRole, org: Option<(&str, OrgRole)>) {
    let id = spona_store::users::create(
        db,
        email,
        email.split('@').next().unwrap_or("x"),
        password_hash(),
        role,
    )
    .await
    .expect("user");
    if let Some((org_id, r)) = org {
        spona_store::users::set_membership(db, &id, org_id, r)
            .await
            .expect("membership");
    }
}

async fn seed(db: &Db) {
    let mut astra = draft("ASTRA – Anti Trafficking Action", "RS", "Beograd");
    astra.themes = vec!["anti-trafficking".into(), "legal-aid".into()];
    astra.offers = vec!["hotline-operation".into()];
    astra.needs = vec!["digital-security".into()];
    astra.languages = vec!["sr".into(), "en".into()];
    astra.email = "info@astra.example.org".into();
    astra.contact_visibility = "members".into();
    astra.texts = vec![(
        "sr-Cyrl".into(),
        "АСТРА – Акција против трговине људима".into(),
        "Подршка жртвама трговине људима.".into(),
    )];
    let astra = org(db, "astra", astra).await;

    let mut atina = draft("Atina", "RS", "Београд");
    atina.themes = vec!["gbv-protection".into()];
    atina.offers = vec!["safe-houses".into(), "trauma-care".into()];
    atina.contact_visibility = "public".into();
    atina.email = "info@atina.example.org".into();
    atina.texts = vec![(
        "sr-Cyrl".into(),
        "Атина".into(),
        "Заштита жртава и њихово оснаживање.".into(),
    )];
    let atina = org(db, "atina", atina).await;

    let mut zmina = draft("ZMINA Human Rights Centre", "UA", "Київ");
    zmina.themes = vec!["human-rights-monitoring".into()];
    zmina.offers = vec!["evidence-preservation".into()];
    zmina.needs = vec!["safe-houses".into()];
    zmina.languages = vec!["uk".into(), "en".into()];
    zmina.texts = vec![(
        "uk".into(),
        "Центр прав людини ZMINA".into(),
        "Захист прав людини.".into(),
    )];
    let zmina = org(db, "zmina", zmina).await;

    let mut pvpt = draft("PVPT", "XK", "Prishtinë");
    pvpt.themes = vec!["anti-trafficking".into()];
    let pvpt = org(db, "pvpt", pvpt).await;

    let bridge = spona_store::networks::create(
        db,
        &Slug::parse("bridge").expect("slug"),
        "BRIDGE",
        &atina,
        &[],
    )
    .await
    .expect("network");
    spona_store::networks::add_member(db, &bridge, &pvpt)
        .await
        .expect("member");

    user(db, ADMIN, PlatformRole::Admin, None).await;
    let admin = spona_store::users::find_by_email(db, ADMIN)
        .await
        .expect("db")
        .expect("admin");
    let round = spona_domain::matching::RoundDraft {
        programme: "peer_exchange".into(),
        title: "Ukraine ↔ Serbia peer exchange".into(),
        side_a: vec!["UA".into()],
        side_b: vec!["RS".into()],
        deadline: "2099-12-31".into(),
    }
    .validate(spona_store::now())
    .expect("round");
    spona_store::matching::create_round(db, &round, None, &admin.id)
        .await
        .expect("round");
    seed_resources(db, &admin.id, &astra, &atina).await;
    user(
        db,
        ASTRA_ADMIN,
        PlatformRole::User,
        Some((&astra, OrgRole::Admin)),
    )
    .await;
    user(
        db,
        ASTRA_MEMBER,
        PlatformRole::User,
        Some((&astra, OrgRole::Member)),
    )
    .await;
    user(
        db,
        ZMINA_ADMIN,
        PlatformRole::User,
        Some((&zmina, OrgRole::Admin)),
    )
    .await;
    user(
        db,
        ATINA_ADMIN,
        PlatformRole::User,
        Some((&atina, OrgRole::Admin)),
    )
    .await;
}

/// Three resources: public and members-only ones of ASTRA, and one of Atina for the BRIDGE
/// network only. Each has an English variant (version 1).
async fn seed_resources(db: &Db, author: &str, astra: &str, atina: &str) {
    use spona_domain::resource::{ResourceDraft, VariantDraft};
    let fixtures = [
        (
            astra,
            "public",
            "",
            "Public referral guide",
            "Referral of victims between shelters.",
        ),
        (
            astra,
            "members",
            "",
            "Members-only hotline protocol",
            "How the hotline answers at night.",
        ),
        (
            atina,
            "networks",
            "bridge",
            "BRIDGE safe house rules",
            "Rules of the safe house network.",
        ),
    ];
    for (owner, visibility, network, title, body) in fixtures {
        let meta = ResourceDraft {
            kind: "crisis-guideline".into(),
            themes: vec!["anti-trafficking".into()],
            countries: vec!["RS".into()],
            visibility: visibility.into(),
            networks: if network.is_empty() {
                vec![]
            } else {
                vec![network.into()]
            },
            review_due: "2099-01-01".into(),
        }
        .validate()
        .expect("resource");
        let text = VariantDraft {
            written: "en".into(),
            title: title.into(),
            summary: String::new(),
            body: body.into(),
            note: String::new(),
        }
        .validate(false)
        .expect("variant");
        let networks = spona_store::resources::network_ids(db, &meta.networks)
            .await
            .expect("network");
        spona_store::resources::create(db, owner, &meta, &networks, &text, author)
            .await
            .expect("create resource");
    }
}

/// A vault case led by ASTRA's admin, with ASTRA's member as reviewer and one testimony
/// (documentation consent only); made through the pages on first use. Returns (case, item).
pub async fn vault_fixture(app: &TestApp) -> (String, String) {
    if let Some(c) = spona_store::vault::all_cases(&app.db)
        .await
        .expect("db")
        .first()
    {
        let items = spona_store::vault::items(&app.db, &c.id).await.expect("db");
        return (c.id.clone(), items[0].id.clone());
    }
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let r = lead
        .post("/en/vault/new", &[("title", "Fixture case")])
        .await;
    assert_eq!(r.status, 303, "open case: {}", r.body);
    let case = r.location().rsplit('/').next().expect("id").to_owned();
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/team"),
            &[
                ("email", ASTRA_MEMBER),
                ("role", "reviewer"),
                ("reason", "fixture"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "add member: {}", r.body);
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/testimonies/new"),
            TESTIMONY,
        )
        .await;
    assert_eq!(r.status, 303, "testimony: {}", r.body);
    let item = r.location().rsplit('/').next().expect("id").to_owned();
    (case, item)
}

/// A complete interview record with consent to documentation only.
pub const TESTIMONY: &[(&str, &str)] = &[
    ("interviewer", "Interviewer A"),
    ("language", "uk"),
    ("place", "Lviv"),
    ("date", "2026-03-14"),
    ("pseudonym", "Zlatokosa-77"),
    ("gender_choice", "chosen"),
    ("safety_needs", "Needs a safe address"),
    ("narrative", "narrative-secret-4471: what she saw."),
    ("documentation", "on"),
];

/// The id of a fixture resource by its English title.
pub async fn resource_id(db: &Db, title: &str) -> String {
    spona_store::resources::changed_since(db, 0, 1000)
        .await
        .expect("db")
        .into_iter()
        .find(|r| r.variants.iter().any(|v| v.title == title))
        .expect("fixture resource")
        .id
}

/// A small, valid PDF whose one page shows `text` (ASCII) in Helvetica.
pub fn pdf_with_text(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    ];
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

/// The path (with locale) of the first `http://` link in a message.
pub fn link_path(mail: &str) -> String {
    let start = mail.find("http://").expect("a link");
    let end = mail[start..]
        .find(char::is_whitespace)
        .map(|e| start + e)
        .unwrap_or(mail.len());
    let url = &mail[start..end];
    let path_start = url[7..].find('/').expect("path") + 7;
    url[path_start..].to_owned()
}

/// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
pub struct Client {
    base: String,
    http: reqwest::Client,
}

pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn location(&self) -> String {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("json body")
    }

    /// The value of the first hidden input named `name`.
    pub fn hidden(&self, name: &str) -> String {
        let needle = format!("name=\"{name}\" value=\"");
        let start = self
            .body
            .find(&needle)
            .unwrap_or_else(|| panic!("no input {name}"))
            + needle.len();
        let end = self.body[start..].find('"').expect("quote") + start;
        self.body[start..end].to_owned()
    }
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            base: base.to_owned(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
        }
    }

    async fn reply(r: reqwest::Response) -> Reply {
        Reply {
            status: r.status().as_u16(),
            headers: r.headers().clone(),
            body: r.text().await.expect("body"),
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        Self::reply(
            self.http
                .get(format!("{}{path}", self.base))
                .send()
                .await
                .expect("get"),
        )
        .await
    }

    /// Posts a form (with the CSRF token) and one extra header.
    pub async fn post_with(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        header: (&str, &str),
    ) -> Reply {
        let csrf = self.csrf().await;
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&all)
            .finish();
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header(header.0, header.1)
            .body(body)
            .send()
            .await
            .expect("post");
        Self::reply(r).await
    }

    /// Uploads a file as a browser's multipart form would (the CSRF token in the URL).
    pub async fn upload(
        &self,
        path: &str,
        field: &str,
        filename: &str,
        content_type: &str,
        data: &[u8],
    ) -> Reply {
        self.upload_with(path, &[], field, filename, content_type, data)
            .await
    }

    /// Uploads a file after some text fields, in that order, as a browser sends a form.
    pub async fn upload_with(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        field: &str,
        filename: &str,
        content_type: &str,
        data: &[u8],
    ) -> Reply {
        let csrf = self.csrf().await;
        let boundary = "spona-test-boundary-7d9f";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n\
                 Content-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(data);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let sep = if path.contains('?') { '&' } else { '?' };
        let r = self
            .http
            .post(format!("{}{path}{sep}csrf={csrf}", self.base))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body)
            .send()
            .await
            .expect("upload");
        Self::reply(r).await
    }

    /// Posts an already encoded form body; returns the raw answer.
    pub async fn post_bytes(
        &self,
        path: &str,
        body: String,
    ) -> (u16, Vec<u8>, reqwest::header::HeaderMap) {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("post");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        (status, r.bytes().await.expect("bytes").to_vec(), headers)
    }

    /// The status and, if the body arrived whole, its bytes.
    /// A connection broken before the answer's head arrived gives status 0.
    pub async fn bytes_or_error(&self, path: &str) -> (u16, Result<Vec<u8>, String>) {
        let r = match self.http.get(format!("{}{path}", self.base)).send().await {
            Ok(r) => r,
            Err(e) => return (0, Err(e.to_string())),
        };
        let status = r.status().as_u16();
        (
            status,
            r.bytes()
                .await
                .map(|b| b.to_vec())
                .map_err(|e| e.to_string()),
        )
    }

    /// The raw bytes of a response.
    pub async fn bytes(&self, path: &str) -> (u16, Vec<u8>, reqwest::header::HeaderMap) {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("get");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        (status, r.bytes().await.expect("bytes").to_vec(), headers)
    }

    pub async fn get_with(&self, path: &str, header: (&str, &str)) -> Reply {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .header(header.0, header.1)
            .send()
            .await
            .expect("get");
        Self::reply(r).await
    }

    /// Posts a form as a browser would, with the CSRF token taken from a page.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("post");
        Self::reply(r).await
    }

    /// The CSRF token of this client's cookie, read from a page's form.
    pub async fn csrf(&self) -> String {
        self.get("/en/signin").await.hidden("csrf")
    }

    /// Posts a form as a browser would: with the CSRF token, and with a fresh one-time key
    /// (`once`) as create forms carry, unless the test gives its own.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let csrf = self.csrf().await;
        let once = spona_store::new_token();
        let mut all = vec![("csrf", csrf.as_str())];
        if !fields.iter().any(|(k, _)| *k == "once") {
            all.push(("once", once.as_str()));
        }
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    pub async fn signin(&self, email: &str, password: &str) -> Reply {
        self.post(
            "/en/signin",
            &[("email", email), ("password", password), ("next", "/")],
        )
        .await
    }
}
