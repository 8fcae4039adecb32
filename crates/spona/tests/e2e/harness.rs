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
        tokio::spawn(async move {
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
        }
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
        let csrf = self.csrf().await;
        let boundary = "spona-test-boundary-7d9f";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n\
             Content-Type: {content_type}\r\n\r\n"
        )
        .into_bytes();
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
