//! The nine interface locales (issue 25): every page type renders in every locale with its
//! `lang`, no raw message id, and a switcher naming each language in its own language;
//! Accept-Language picks the new locales; content in the new languages is stored (both
//! databases: migration 0290 widened the language checks) and read with the fallback table
//! of `spona_domain::reading`.

use std::collections::HashSet;

use spona_domain::Locale;
use spona_domain::resource::{ResourceDraft, VariantDraft};

use crate::harness::*;

/// Pages anyone may read (path without locale prefix).
const PUBLIC: &[&str] = &[
    "/",
    "/orgs",
    "/orgs?country=RS&theme=anti-trafficking",
    "/orgs/astra",
    "/orgs/zmina",
    "/networks",
    "/networks/bridge",
    "/signin",
    "/reset",
    "/about/accessibility",
    "/resources",
    "/monitoring/recommendations",
    "/monitoring/measures",
    "/monitoring/trials/findings",
    "/campaigns",
    "/stories",
    "/stories/calendar",
    "/texts",
    "/events",
];

/// Pages of a signed-in organisation admin.
const SIGNED_IN: &[&str] = &[
    "/",
    "/account",
    "/account/totp",
    "/orgs/astra/edit",
    "/orgs/astra/people",
    "/matching",
    "/resources/new",
    "/vault/new",
    "/vault/received",
    "/monitoring/trials",
    "/campaigns/new",
    "/quizzes",
    "/quizzes/new",
    "/stories/new",
];

/// Pages of a platform admin.
const ADMIN_PAGES: &[&str] = &[
    "/admin/users",
    "/admin/audit",
    "/orgs/new",
    "/matching/new",
    "/resources/review",
    "/monitoring/recommendations/new",
];

/// Every message id of every area, for spotting one shown raw (the translator shows the id
/// when no bundle has the message).
fn message_ids() -> HashSet<String> {
    spona_i18n::Translator::message_ids_with(spona_web::features::STRINGS, Locale::En)
        .into_iter()
        .filter(|k| k.contains('-'))
        .collect()
}

/// The words of a page a reader sees or hears: text between tags and the values of the
/// attributes that carry words (titles, labels, placeholders, alternative text).
fn visible_words(html: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut push = |s: &str| {
        words.extend(
            s.split(|c: char| c.is_whitespace() || ",.:;!?()[]{}\"'«»„“”·".contains(c))
                .filter(|w| !w.is_empty())
                .map(str::to_owned),
        );
    };
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        push(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..open + close];
        for attr in ["title=\"", "aria-label=\"", "placeholder=\"", "alt=\""] {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                push(value.split('"').next().unwrap_or_default());
            }
        }
        rest = &rest[open + close + 1..];
    }
    push(rest);
    words
}

fn check_page(path: &str, tag: &str, status: u16, body: &str, ids: &HashSet<String>) {
    assert_eq!(status, 200, "/{tag}{path} answered {status}");
    assert!(
        body.contains(&format!("<html lang=\"{tag}\">")),
        "/{tag}{path} lacks lang={tag}"
    );
    let raw: Vec<String> = visible_words(body)
        .into_iter()
        .filter(|w| ids.contains(w))
        .collect();
    assert!(raw.is_empty(), "/{tag}{path} shows raw message ids {raw:?}");
    for l in Locale::ALL {
        assert!(
            body.contains(&format!("hreflang=\"{}\"", l.tag())) && body.contains(l.endonym()),
            "/{tag}{path}: the switcher lacks {}",
            l.endonym()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_renders_in_every_locale() {
    let app = TestApp::start().await;
    let ids = message_ids();
    assert!(ids.len() > 500, "the message ids look incomplete");
    let anyone = app.client_in_process();
    let member = app.signed_in_in_process(ASTRA_ADMIN).await;
    let admin = app.signed_in_in_process(ADMIN).await;
    for (client, pages) in [
        (&anyone, PUBLIC),
        (&member, SIGNED_IN),
        (&admin, ADMIN_PAGES),
    ] {
        for path in pages {
            for l in Locale::ALL {
                let tag = l.tag();
                let r = client.get(&format!("/{tag}{path}")).await;
                check_page(path, tag, r.status, &r.body, &ids);
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accept_language_picks_the_new_locales() {
    let app = TestApp::start().await;
    for (header, tag) in [
        ("sq-XK,sq;q=0.9,en;q=0.5", "sq"),
        ("mk-MK", "mk"),
        ("bs-BA,bs;q=0.9", "bs"),
        ("hr-HR,hr;q=0.9,en-US;q=0.8", "hr"),
        ("cnr-ME", "cnr"),
        ("sr-ME", "cnr"),
        ("sr-Latn-ME", "cnr"),
        ("sh", "sr-Latn"),
        ("sr-Cyrl-ME", "sr-Cyrl"),
    ] {
        let r = app
            .client()
            .get_with("/", ("accept-language", header))
            .await;
        assert!(
            r.body.contains(&format!("<html lang=\"{tag}\">")),
            "{header} should give {tag}"
        );
    }
}

/// A resource written in Croatian and Bosnian: stored on both databases (the language
/// checks of migration 0290), and each reader gets their language or the closest one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_get_their_language_then_the_closest() {
    let app = TestApp::start().await;
    let db = &app.db;
    let astra = spona_store::orgs::get_by_slug(db, "astra")
        .await
        .expect("astra")
        .id
        .to_string();
    let author = spona_store::users::find_by_email(db, ADMIN)
        .await
        .expect("db")
        .expect("admin")
        .id;
    let meta = ResourceDraft {
        kind: "policy-brief".into(),
        themes: vec!["anti-trafficking".into()],
        countries: vec!["HR".into()],
        visibility: "public".into(),
        networks: vec![],
        review_due: "2099-01-01".into(),
    }
    .validate()
    .expect("meta");
    let variant = |written: &str, title: &str| {
        VariantDraft {
            written: written.into(),
            title: title.into(),
            summary: String::new(),
            body: "Tekst.".into(),
            note: String::new(),
        }
        .validate(false)
        .expect("variant")
    };
    let hr_title = "Naknada štete žrtvama trgovanja ljudima";
    let bs_title = "Naknada štete žrtvama trgovine ljudima u Bosni i Hercegovini";
    let sq_title = "Dëmshpërblimi i viktimave të trafikimit";
    let id =
        spona_store::resources::create(db, &astra, &meta, &[], &variant("hr", hr_title), &author)
            .await
            .expect("a Croatian variant is stored");
    spona_store::resources::save_variant(db, &id, &variant("bs", bs_title), None, &author)
        .await
        .expect("a Bosnian variant is stored");
    spona_store::resources::save_variant(db, &id, &variant("sq", sq_title), None, &author)
        .await
        .expect("an Albanian variant is stored");
    let c = app.client_in_process();
    for (tag, shown, lang) in [
        ("hr", hr_title, "hr"),
        ("bs", bs_title, "bs"),
        // Montenegrin: Serbian (none here), then Bosnian.
        ("cnr", bs_title, "bs"),
        // Serbian: Montenegrin, Bosnian, Croatian.
        ("sr-Latn", bs_title, "bs"),
        // Macedonian: Serbian, then Bosnian.
        ("mk", bs_title, "bs"),
        ("sq", sq_title, "sq"),
        // English readers: no English variant, so the first there is (Albanian).
        ("en", sq_title, "sq"),
    ] {
        let r = c.get(&format!("/{tag}/resources/{id}")).await;
        assert_eq!(r.status, 200, "/{tag}: {}", r.body);
        assert!(r.body.contains(shown), "/{tag} should show {shown}");
        assert!(
            r.body
                .contains(&format!("<article class=\"resource\" lang=\"{lang}\">")),
            "/{tag} should say the text is in {lang}"
        );
    }
}
