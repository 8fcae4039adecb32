//! The data every test server starts with (organisations, people, resources), and fixtures
//! that tests build through the pages (a vault case, a PDF).

use spona_domain::org::{OrgDraft, Slug};
use spona_domain::role::{OrgRole, PlatformRole};
use spona_store::Db;

use super::{ADMIN, ASTRA_ADMIN, ASTRA_MEMBER, ATINA_ADMIN, TestApp, ZMINA_ADMIN, password_hash};

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

pub(super) async fn seed(db: &Db) {
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
        titles: Vec::new(),
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
        let items = spona_store::vault::items(&app.db, &c.id, app.vault())
            .await
            .expect("db");
        return (c.id.to_string(), items[0].id.to_string());
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
        .into()
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

/// What [`open_round`] opens: a title, a programme, the two sides' countries, the deadline
/// and a network's slug (empty: open to all).
pub struct NewRound<'a> {
    pub title: &'a str,
    pub programme: &'a str,
    pub side_a: &'a str,
    pub side_b: &'a str,
    pub deadline: &'a str,
    pub network: &'a str,
}

impl NewRound<'_> {
    /// A peer-exchange round between Ukraine and Serbia, open to all until 2099.
    pub fn peer_exchange(title: &str) -> NewRound<'_> {
        NewRound {
            title,
            programme: "peer_exchange",
            side_a: "UA",
            side_b: "RS",
            deadline: "2099-01-31",
            network: "",
        }
    }
}

/// Opens a round through its form as `by` (a signed-in coordinator); the round's id.
pub async fn open_round(by: &super::Client, round: NewRound<'_>) -> String {
    let r = by
        .post(
            "/en/matching/new",
            &[
                ("title", round.title),
                ("programme", round.programme),
                ("side_a", round.side_a),
                ("side_b", round.side_b),
                ("deadline", round.deadline),
                ("network", round.network),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.location().rsplit('/').next().expect("id").to_owned()
}

/// A public resource written straight into the database, past any server's index (as if the
/// server that saved it died before indexing it, or another server wrote it); its id.
pub async fn resource_in_db(
    db: &Db,
    org: &str,
    (kind, written): (&str, &str),
    (title, body): (&str, &str),
    author: &str,
) -> String {
    let meta = spona_domain::resource::ResourceDraft {
        kind: kind.into(),
        visibility: "public".into(),
        review_due: "2099-01-01".into(),
        ..Default::default()
    }
    .validate()
    .expect("meta");
    let text = spona_domain::resource::VariantDraft {
        written: written.into(),
        title: title.into(),
        body: body.into(),
        ..Default::default()
    }
    .validate(false)
    .expect("text");
    spona_store::resources::create(db, org, &meta, &[], &text, author)
        .await
        .expect("resource")
}
