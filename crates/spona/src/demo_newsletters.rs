//! Demo data: the WPS 1325 network's newsletter with three sent issues in English, Serbian
//! and Ukrainian, a draft, and a few subscribers with their consent receipts.

use spona_domain::newsletter::{
    Audience, CONSENT_TEXT_PUBLIC, CONSENT_VERSION, OwnerKind, Variant,
};
use spona_store::Db;
use spona_store::newsletters::{self as store, NewNewsletter, Receipt, Request};

const DAY: i64 = 24 * 3600;

/// One demo issue: days ago it was sent (None: a draft) and its variants (language, title,
/// Markdown body).
pub(crate) type DemoIssue = (
    Option<i64>,
    &'static [(&'static str, &'static str, &'static str)],
);

const ISSUES: &[DemoIssue] = &[
    (
        Some(60),
        &[
            (
                "en",
                "National Action Plan: our recommendations are in",
                "The network's working group handed its recommendations for the new **National Action Plan on UNSCR 1325** to the ministry.\n\n- women mediators in local security councils\n- shelters funded for the whole year\n- a budget line for survivors of wartime sexual violence\n\nThank you to the 14 organisations that wrote them with us.",
            ),
            (
                "sr-Cyrl",
                "Национални акциони план: наше препоруке су предате",
                "Радна група мреже предала је министарству препоруке за нови **Национални акциони план за примену Резолуције 1325**.\n\n- жене посреднице у локалним саветима за безбедност\n- сигурне куће финансиране током целе године\n- буџетска линија за жене које су преживеле ратно сексуално насиље\n\nХвала организацијама које су их писале са нама.",
            ),
            (
                "uk",
                "Національний план дій: наші рекомендації подано",
                "Робоча група мережі передала міністерству рекомендації до нового **Національного плану дій з виконання Резолюції 1325**.\n\n- жінки-медіаторки в місцевих радах безпеки\n- притулки з фінансуванням на весь рік\n- окрема бюджетна лінія для тих, хто пережив сексуальне насильство під час війни\n\nДякуємо організаціям, які писали їх разом із нами.",
            ),
        ],
    ),
    (
        Some(30),
        &[
            (
                "en",
                "Study visit: Kikinda and Lviv",
                "Ten activists from Serbia and Ukraine spent a week together in Kikinda and Lviv, learning how local safe houses and hotlines work in peace and in war.",
            ),
            (
                "sr-Cyrl",
                "Студијска посета: Кикинда и Лавов",
                "Десет активисткиња из Србије и Украјине провело је недељу дана у Кикинди и Лавову и учило како локалне сигурне куће и СОС линије раде у миру и у рату.",
            ),
            (
                "uk",
                "Навчальний візит: Кікінда і Львів",
                "Десять активісток із Сербії та України провели тиждень у Кікінді й Львові, вивчаючи, як працюють місцеві притулки й гарячі лінії в мирний час і під час війни.",
            ),
        ],
    ),
    (
        Some(7),
        &[
            (
                "en",
                "16 Days of Activism: join us",
                "From 25 November to 10 December the network's members hold talks, street actions and open days. See the [resource hub](/resources) for the materials.",
            ),
            (
                "sr-Cyrl",
                "16 дана активизма: придружите нам се",
                "Од 25. новембра до 10. децембра чланице мреже организују разговоре, уличне акције и дане отворених врата. Материјале потражите у [бази ресурса](/resources).",
            ),
        ],
    ),
    (
        None,
        &[(
            "en",
            "Next: the regional conference",
            "Draft — the programme follows.",
        )],
    ),
];

const SUBSCRIBERS: &[(&str, &str)] = &[
    ("ana.reader@example.org", "sr-Latn"),
    ("olena.reader@example.org", "uk"),
    ("marko.reader@example.org", "sr-Cyrl"),
    ("jane.reader@example.org", "en"),
];

/// Loads the newsletter unless the WPS 1325 network is missing.
pub async fn load(db: &Db) -> anyhow::Result<()> {
    let Ok(network) = spona_store::networks::get_by_slug(db, "wps-1325").await else {
        return Ok(());
    };
    insert(
        db,
        &DemoNewsletter {
            slug: "wps-1325-news",
            owner_kind: OwnerKind::Network,
            owner_id: &network.id,
            name: "WPS 1325 News",
            description: "The Women, Peace and Security Network 1325: the National Action Plan, study visits, campaigns.",
            issues: ISSUES,
            subscribers: SUBSCRIBERS,
            days_ago: (90, 70, 80),
        },
    )
    .await?;
    Ok(())
}

/// A demo newsletter as [`insert`] writes it.
pub(crate) struct DemoNewsletter<'a> {
    pub slug: &'a str,
    pub owner_kind: OwnerKind,
    pub owner_id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub issues: &'a [DemoIssue],
    /// People outside Spona who subscribed: address and locale.
    pub subscribers: &'a [(&'a str, &'a str)],
    /// Days ago it was made, its issues were written, and its subscribers confirmed.
    pub days_ago: (i64, i64, i64),
}

/// Writes a demo newsletter in one transaction: the newsletter, its issues (sent ones marked
/// sent on their day, drafts left as drafts), and its subscribers with consent receipts.
pub(crate) async fn insert(db: &Db, n: &DemoNewsletter<'_>) -> anyhow::Result<String> {
    let now = spona_store::now();
    let (made, written, subscribed) = (
        now - n.days_ago.0 * DAY,
        now - n.days_ago.1 * DAY,
        now - n.days_ago.2 * DAY,
    );
    let mut tx = db.begin().await?;
    let id = store::create_in(
        &mut tx,
        &NewNewsletter {
            slug: n.slug,
            owner_kind: n.owner_kind,
            owner_id: n.owner_id,
            name: n.name,
            description: n.description,
            audience: Audience::Public,
        },
        made,
    )
    .await?;
    for (days_ago, variants) in n.issues {
        let issue = store::create_issue_in(&mut tx, &id, None, written).await?;
        let variants: Vec<Variant> = variants
            .iter()
            .map(|(lang, title, body)| Variant {
                lang: (*lang).into(),
                title: (*title).into(),
                body: (*body).into(),
            })
            .collect();
        store::save_variants_in(&mut tx, &issue, &variants, written).await?;
        if let Some(d) = days_ago {
            store::schedule_in(&mut tx, &issue, now - d * DAY, now - d * DAY).await?;
            store::finish_in(&mut tx, &issue, "", now - d * DAY).await?;
        }
    }
    let list = store::list_id(&id);
    for (address, locale) in n.subscribers {
        let page = format!("/{locale}/newsletters/{}", n.slug);
        let request = Request {
            newsletter_id: &id,
            address,
            user_id: None,
            locale,
            source_page: &page,
            consent_text: CONSENT_TEXT_PUBLIC,
            consent_version: CONSENT_VERSION,
        };
        store::subscribe_member_in(&mut tx, &request, subscribed).await?;
        store::add_receipt_in(
            &mut tx,
            &Receipt {
                id: spona_store::new_id(),
                newsletter_id: id.clone(),
                address: (*address).into(),
                list_id: list.clone(),
                list_name: n.name.into(),
                source_page: page.clone(),
                consent_text: CONSENT_TEXT_PUBLIC.into(),
                consent_version: CONSENT_VERSION,
                locale: (*locale).into(),
                method: "email".into(),
                requested_at: subscribed - 600,
                confirmed_at: subscribed,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}
