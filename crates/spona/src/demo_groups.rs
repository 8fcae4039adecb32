//! Demo working groups: the WPS 1325 network's National Action Plan group and a
//! Serbia–Ukraine peace-dialogue group, with threads in Serbian (both scripts), Ukrainian and
//! English written by the demo people.

use spona_app::groups::discussions::search_text;
use spona_store::Db;
use spona_store::groups::{self, NewGroup, NewPost};
use spona_web::AppState;

/// A demo thread: author's e-mail, title, then replies as (author's e-mail, text).
type DemoThread = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

struct DemoGroup {
    name: &'static str,
    description: &'static str,
    lang: &'static str,
    network: Option<&'static str>,
    policy: &'static str,
    coordinator: &'static str,
    members: &'static [&'static str],
    threads: &'static [DemoThread],
}

const GROUPS: &[DemoGroup] = &[
    DemoGroup {
        name: "Радна група за НАП 1325",
        description: "Мрежа „Жене, мир, безбедност“ пише препоруке цивилног друштва за нови Национални акциони план за примену Резолуције 1325.",
        lang: "sr-Cyrl",
        network: Some("wps-1325"),
        policy: "request",
        coordinator: "jelena@astra.example.org",
        members: &["milan@atina.example.org", "dragana@krokodil.example.org"],
        threads: &[
            (
                "jelena@astra.example.org",
                "Препоруке за нови НАП: заштита жена избеглица",
                "Предлажем да прво поглавље препорука буде **заштита жена избеглица** и жртава трговине људима. Коментаришите до петка.",
                &[
                    (
                        "milan@atina.example.org",
                        "Slažem se. Dodao bih obavezu lokalnih saveta za bezbednost da prate slučajeve nasilja nad izbeglicama.",
                    ),
                    (
                        "dragana@krokodil.example.org",
                        "Podržavam. Mogu da pripremim pregled regionalnih primera do sledeće sedmice.",
                    ),
                ],
            ),
            (
                "milan@atina.example.org",
                "Evaluation of the previous plan (2017–2020)",
                "The final evaluation names three gaps: funding, local ownership and data. Which should our recommendations lead with?",
                &[(
                    "jelena@astra.example.org",
                    "Local ownership — @milanatina, can you draft two paragraphs?",
                )],
            ),
        ],
    },
    DemoGroup {
        name: "Serbia–Ukraine peace dialogue",
        description: "Peace activists from Serbia and Ukraine sharing methods of safe dialogue across divided communities.",
        lang: "en",
        network: None,
        policy: "open",
        coordinator: "oksana@zmina.example.org",
        members: &["jelena@astra.example.org", "arta@pvpt.example.org"],
        threads: &[(
            "oksana@zmina.example.org",
            "Безпечний діалог: правила зустрічей",
            "Пропоную спільні правила для онлайн-зустрічей: без запису, імена лише за згодою, перекладач на кожній зустрічі.",
            &[
                (
                    "jelena@astra.example.org",
                    "Hvala, Oksana! Predlažem i pravilo da se lokacije učesnika nikad ne pominju.",
                ),
                (
                    "arta@pvpt.example.org",
                    "Agreed. In Kosovo we also keep a short debrief after each session for the facilitators.",
                ),
            ],
        )],
    },
];

async fn user_id(db: &Db, email: &str) -> anyhow::Result<String> {
    Ok(spona_store::users::find_by_email(db, email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo person {email} missing"))?
        .id
        .into_string())
}

/// Loads the demo groups unless there are groups already.
pub async fn load_if_empty(state: &AppState) -> anyhow::Result<()> {
    let db = &state.db;
    if !groups::list(db, None).await?.is_empty() {
        return Ok(());
    }
    let resource = spona_store::resources::recent_public(db, 1)
        .await?
        .into_iter()
        .next()
        .map(|r| r.id.to_string());
    let now = spona_store::now();
    for (gi, g) in GROUPS.iter().enumerate() {
        let coordinator = user_id(db, g.coordinator).await?;
        let network = match g.network {
            Some(slug) => Some(
                spona_store::networks::get_by_slug(db, slug)
                    .await?
                    .id
                    .into_string(),
            ),
            None => None,
        };
        let mut tx = db.begin().await?;
        // Threads a few hours apart, the first group's the oldest.
        let mut at = now - 86_400 * (GROUPS.len() - gi) as i64;
        let id = groups::create_in(
            &mut tx,
            &NewGroup {
                name: g.name,
                description: g.description,
                lang: g.lang,
                network_id: network.as_deref(),
                join_policy: g.policy,
                created_by: &coordinator,
                locale: if g.lang == "en" { "en" } else { "sr-Latn" },
                theme: None,
            },
            None,
            at,
        )
        .await?;
        for email in g.members {
            let member = user_id(db, email).await?;
            let locale = if email.ends_with("zmina.example.org") {
                "uk"
            } else {
                "sr-Latn"
            };
            groups::set_member_in(&mut tx, &id, &member, "member", locale, at).await?;
        }
        if let Some(r) = &resource {
            groups::link_resource_in(&mut tx, &id, r, &coordinator, at).await?;
        }
        for (author, title, body, replies) in g.threads {
            let author = user_id(db, author).await?;
            let thread = groups::create_thread_in(&mut tx, &id, &author, title, at).await?;
            let post = |author: &str, body: &str, first: bool| {
                (
                    author.to_owned(),
                    body.to_owned(),
                    search_text(if first { title } else { "" }, body),
                )
            };
            let mut posts = vec![post(&author, body, true)];
            for (who, text) in *replies {
                posts.push(post(&user_id(db, who).await?, text, false));
            }
            for (who, text, terms) in posts {
                at += 3600;
                groups::add_post_in(
                    &mut tx,
                    &NewPost {
                        thread_id: &thread,
                        group_id: &id,
                        author_id: &who,
                        body: &text,
                        search_text: &terms,
                    },
                    None,
                    at,
                )
                .await?;
            }
        }
        tx.commit().await?;
    }
    tracing::info!(groups = GROUPS.len(), "demo working groups loaded");
    Ok(())
}

/// Gives the demo's WPS 1325 dialogue event to the NAP working group (events keep a
/// `group_id`; the events form does not set one yet), so the group page and its digests
/// show an event at once. Runs after the demo events are loaded; changes nothing twice.
pub async fn link_demo_events(db: &spona_store::Db) -> anyhow::Result<()> {
    let Some(group) = spona_store::groups::list(db, None)
        .await?
        .into_iter()
        .find(|g| g.name == "Радна група за НАП 1325")
    else {
        return Ok(());
    };
    spona_store::groups::give_events_titled(
        db,
        "WPS 1325: women's organisations in dialogue",
        &group.id,
    )
    .await?;
    Ok(())
}
