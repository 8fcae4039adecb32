//! Demo recommendations (`serve --demo`): Serbia's UPR recommendations from the test fixture
//! (`tests/fixtures/upr_serbia.csv`, real numbers and texts, see its README), imported the way
//! an admin's file is, and a few recommendations for a National Action Plan for UNSCR 1325 —
//! those are made up for the demo and say so.

use spona_domain::monitoring::{Mechanism, NewRecommendation, TermKind};
use spona_store::monitoring::rec_list::{self, RecFilter};

const UPR_SERBIA: &str = include_str!("../tests/fixtures/upr_serbia.csv");

/// (paragraph, English text, Serbian text, SDG target)
const NAP_1325: [(&str, &str, &str, &str); 3] = [
    (
        "1.1",
        "Demo example: raise the share of women in the security sector's decision-making posts, with yearly targets per institution.",
        "Пример за демо: повећати удео жена на местима одлучивања у сектору безбедности, са годишњим циљевима за сваку институцију.",
        "5.5",
    ),
    (
        "2.3",
        "Demo example: train police and prosecutors in handling gender-based violence against women refugees and migrants.",
        "Пример за демо: обучити полицију и тужиоце за поступање у случајевима родно заснованог насиља над избеглицама и мигранткињама.",
        "16.1",
    ),
    (
        "3.2",
        "Demo example: consult women's organisations on every peace and security policy before its adoption.",
        "Пример за демо: консултовати женске организације о свакој политици мира и безбедности пре њеног усвајања.",
        "16.7",
    ),
];

pub async fn load_recommendations_if_empty(db: &spona_store::Db) -> anyhow::Result<()> {
    if rec_list::count(db, &RecFilter::default()).await? > 0 {
        return Ok(());
    }
    let path = std::env::temp_dir().join(format!("spona-demo-upr-{}.csv", std::process::id()));
    std::fs::write(&path, UPR_SERBIA)?;
    let imported = spona_app::monitoring::import::apply_from_command_line(db, &path, None).await;
    let _ = std::fs::remove_file(&path);
    imported.map_err(|e| anyhow::anyhow!("demo recommendations: {e}"))?;
    let mut tx = db.begin().await?;
    for (paragraph, en, sr, sdg) in NAP_1325 {
        let r = NewRecommendation {
            mechanism: Mechanism::Nap1325,
            body: Some("Demo: NAP 1325 working group".to_owned()),
            cycle: "2".to_owned(),
            symbol: "NAP 1325 demo".to_owned(),
            paragraph: paragraph.to_owned(),
            country: "RS".to_owned(),
            published_on: Some("2017-02-09".to_owned()),
            response: None,
            text_lang: "en".to_owned(),
            texts: vec![
                ("en".to_owned(), en.to_owned()),
                ("sr".to_owned(), sr.to_owned()),
            ],
            states: Vec::new(),
            terms: vec![
                (TermKind::Theme, "women-peace-and-security".to_owned()),
                (TermKind::Group, "women-girls".to_owned()),
                (TermKind::Sdg, sdg.to_owned()),
            ],
        };
        spona_store::monitoring::recommendations::insert_in(&mut tx, &r).await?;
    }
    tx.commit().await?;
    Ok(())
}
