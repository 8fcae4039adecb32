//! Numbers in messages as each locale writes them (issue 25, lane lang25): the list of
//! recommendations says how many it found, in every one of the nine locales, with the
//! locale's digit grouping (CLDR: `1,100` in English, `1.100` in Serbian, Bosnian, Croatian,
//! Montenegrin and Macedonian, `1 100` with a no-break space in Ukrainian, and `1100` in
//! Albanian, which groups from five digits).

use spona_domain::Locale;
use spona_domain::monitoring::{Mechanism, NewRecommendation};

use crate::harness::*;

#[tokio::test]
async fn a_count_on_a_page_is_written_per_locale() {
    let app = TestApp::start().await;
    let mut tx = app.db.begin().await.expect("tx");
    for i in 0..1100 {
        let r = NewRecommendation {
            mechanism: Mechanism::Upr,
            body: None,
            cycle: "3".into(),
            symbol: "A/HRC/38/12".into(),
            paragraph: format!("800.{i}"),
            country: "RS".into(),
            published_on: None,
            response: None,
            text_lang: "en".into(),
            texts: vec![("en".into(), format!("Protect witnesses {i}"))],
            states: Vec::new(),
            terms: Vec::new(),
        };
        spona_store::monitoring::recommendations::insert_in(&mut tx, &r)
            .await
            .expect("rec");
    }
    tx.commit().await.expect("commit");
    let c = app.client_in_process();
    for l in Locale::ALL {
        let page = c
            .get(&format!("/{}/monitoring/recommendations", l.tag()))
            .await;
        assert_eq!(page.status, 200, "{l}");
        let want = match l {
            Locale::En => "1,100",
            Locale::Uk => "1\u{a0}100",
            Locale::Sq => "1100",
            _ => "1.100",
        };
        // The count is the first thing of the status line.
        let status = page
            .body
            .split("<p role=\"status\">")
            .nth(1)
            .unwrap_or_else(|| panic!("{l}: no status line"));
        let status = status.split(" · ").next().unwrap_or_default();
        assert!(status.contains(want), "{l}: {status}");
    }
}
