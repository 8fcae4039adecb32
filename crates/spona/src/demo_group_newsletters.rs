//! Demo data: the Serbia–Ukraine peace-dialogue group's newsletter — two sent issues (English,
//! Serbian, Ukrainian), a draft, and two people outside Spona who subscribed (with receipts);
//! the group's members get it as members. Loaded after the demo groups; nothing twice.

use spona_domain::newsletter::OwnerKind;
use spona_store::Db;
use spona_store::newsletters as store;

use crate::demo_newsletters::{DemoIssue, DemoNewsletter, insert};

const SLUG: &str = "peace-dialogue-letters";
const NAME: &str = "Peace dialogue letters";

const ISSUES: &[DemoIssue] = &[
    (
        Some(21),
        &[
            (
                "en",
                "Safe dialogue: the rules we agreed",
                "After three online meetings the group agreed its rules: **no recordings**, names only with consent, an interpreter at every meeting, and participants' locations never mentioned.",
            ),
            (
                "sr-Cyrl",
                "Безбедан дијалог: правила око којих смо се сложили",
                "После три онлајн састанка група се сложила око правила: **без снимања**, имена само уз сагласност, преводилац на сваком састанку, а локације учесника се никад не помињу.",
            ),
            (
                "uk",
                "Безпечний діалог: правила, про які ми домовилися",
                "Після трьох онлайн-зустрічей група домовилася про правила: **без запису**, імена лише за згодою, перекладач на кожній зустрічі, а місця перебування учасників ніколи не згадуються.",
            ),
        ],
    ),
    (
        Some(5),
        &[
            (
                "en",
                "Facilitators' debriefs",
                "Facilitators from Kosovo shared how a short debrief after each session keeps them well. The notes are in the group's discussion.",
            ),
            (
                "uk",
                "Підсумкові розмови фасилітаторів",
                "Фасилітаторки з Косова розповіли, як коротка підсумкова розмова після кожної зустрічі допомагає їм. Нотатки — в обговоренні групи.",
            ),
        ],
    ),
    (
        None,
        &[(
            "en",
            "Next: a meeting in Novi Sad",
            "Draft — the date follows.",
        )],
    ),
];

const SUBSCRIBERS: &[(&str, &str)] = &[
    ("iryna.reader@example.org", "uk"),
    ("stefan.reader@example.org", "sr-Latn"),
];

/// Loads the group's newsletter unless the group is missing or it exists.
pub async fn load(db: &Db) -> anyhow::Result<()> {
    let Some(group) = spona_store::groups::list(db, None)
        .await?
        .into_iter()
        .find(|g| g.name == "Serbia–Ukraine peace dialogue")
    else {
        return Ok(());
    };
    if store::by_slug(db, SLUG).await.is_ok() {
        return Ok(());
    }
    insert(
        db,
        &DemoNewsletter {
            slug: SLUG,
            owner_kind: OwnerKind::Group,
            owner_id: &group.id,
            name: NAME,
            description: "News of the Serbia–Ukraine peace-dialogue group: methods, meetings, what we learned.",
            issues: ISSUES,
            subscribers: SUBSCRIBERS,
            days_ago: (40, 30, 35),
        },
    )
    .await?;
    tracing::info!("demo group newsletter loaded");
    Ok(())
}
