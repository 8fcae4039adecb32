//! Demo data: the two demo groups' names and descriptions in English, Serbian (Cyrillic) and
//! Ukrainian, beside the language each was first written in. Nothing twice.

use spona_store::Db;

/// (the group's stored name, [(lang, name, description)])
type DemoNames = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

const NAMES: &[DemoNames] = &[
    (
        "Радна група за НАП 1325",
        &[
            (
                "en",
                "Working group on the 1325 National Action Plan",
                "The Women, Peace and Security network writes civil society's recommendations for the new National Action Plan on UNSCR 1325.",
            ),
            (
                "uk",
                "Робоча група з Національного плану дій 1325",
                "Мережа «Жінки, мир, безпека» пише рекомендації громадянського суспільства до нового Національного плану дій з виконання Резолюції 1325.",
            ),
        ],
    ),
    (
        "Serbia–Ukraine peace dialogue",
        &[
            (
                "sr-Cyrl",
                "Мировни дијалог Србија–Украјина",
                "Мировни активисти и активисткиње из Србије и Украјине деле методе безбедног дијалога у подељеним заједницама.",
            ),
            (
                "uk",
                "Мирний діалог Сербія–Україна",
                "Миротворці й миротворчині із Сербії та України діляться методами безпечного діалогу в розділених громадах.",
            ),
        ],
    ),
];

/// Adds the names unless the groups are missing or already named.
pub async fn load(db: &Db) -> anyhow::Result<()> {
    let groups = spona_store::groups::list(db, None).await?;
    for (stored, names) in NAMES {
        let Some(g) = groups.iter().find(|g| g.name == *stored) else {
            continue;
        };
        if !spona_store::groups::names(db, &g.id).await?.is_empty() {
            continue;
        }
        let mut tx = db.begin().await?;
        for (lang, name, description) in *names {
            spona_store::groups::set_name_in(&mut tx, &g.id, lang, name, description).await?;
        }
        tx.commit().await?;
    }
    Ok(())
}
