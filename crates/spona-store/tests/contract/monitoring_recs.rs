//! Recommendations written in batches and listed (lane monrec): the upsert tells created,
//! updated and unchanged rows apart and keeps ids; the list filters, pages and searches in
//! every script; the cursor walks every row once.

use spona_domain::monitoring::{Mechanism, NewRecommendation, Response, TermKind};
use spona_store::monitoring::rec_list::{self, RecFilter};
use spona_store::monitoring::rec_upsert::{self, Outcome};
use spona_store::monitoring::recommendations;

use super::*;
use crate::monitoring::upr_131_4;

fn numbered(i: usize) -> NewRecommendation {
    NewRecommendation {
        paragraph: format!("6.{i}"),
        symbol: "A/HRC/38/17".to_owned(),
        cycle: "3".to_owned(),
        response: if i.is_multiple_of(2) {
            Some(Response::Supported)
        } else {
            Some(Response::Noted)
        },
        texts: vec![(
            "en".to_owned(),
            format!("Recommendation number {i} on refugees"),
        )],
        states: vec![if i.is_multiple_of(3) {
            "DE".to_owned()
        } else {
            "FR".to_owned()
        }],
        terms: vec![(
            TermKind::Theme,
            if i < 5 {
                "asylum".to_owned()
            } else {
                "justice".to_owned()
            },
        )],
        ..upr_131_4()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_upsert_creates_updates_and_leaves_alone() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let batch: Vec<NewRecommendation> = (1..=12).map(numbered).collect();
        let mut tx = db.begin().await.expect("begin");
        let first = rec_upsert::upsert_batch_in(&mut tx, &batch)
            .await
            .expect("upsert");
        tx.commit().await.expect("commit");
        assert!(first.iter().all(|(o, _)| *o == Outcome::Created), "{kind}");
        assert_eq!(
            rec_upsert::classify(&db, &batch).await.expect("classify"),
            [Outcome::Unchanged; 12],
            "{kind}"
        );
        let mut changed = batch.clone();
        changed[3].texts = vec![
            ("en".to_owned(), "Changed text".to_owned()),
            ("sr".to_owned(), "Промењен текст".to_owned()),
        ];
        changed[3].states = vec!["NO".to_owned()];
        let mut tx = db.begin().await.expect("begin");
        let second = rec_upsert::upsert_batch_in(&mut tx, &changed)
            .await
            .expect("upsert again");
        tx.commit().await.expect("commit");
        assert_eq!(second[3].0, Outcome::Updated, "{kind}");
        assert_eq!(
            second
                .iter()
                .filter(|(o, _)| *o == Outcome::Unchanged)
                .count(),
            11,
            "{kind}"
        );
        assert_eq!(second[3].1, first[3].1, "{kind}: the id is kept");
        let r = recommendations::get(&db, &first[3].1)
            .await
            .expect("get")
            .expect("stored");
        assert_eq!(r.texts.len(), 2, "{kind}: children replaced");
        assert_eq!(r.states, ["NO"], "{kind}");
        assert_eq!(
            rec_list::count(&db, &RecFilter::default())
                .await
                .expect("count"),
            12,
            "{kind}: no duplicates"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_filters_pages_and_searches_in_every_script() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let mut batch: Vec<NewRecommendation> = (1..=30).map(numbered).collect();
        batch.push(NewRecommendation {
            mechanism: Mechanism::Nap1325,
            symbol: "NAP".to_owned(),
            paragraph: "1.1".to_owned(),
            texts: vec![("sr".to_owned(), "Заштита избеглица у Новом Саду".to_owned())],
            text_lang: "sr".to_owned(),
            ..upr_131_4()
        });
        let mut tx = db.begin().await.expect("begin");
        rec_upsert::upsert_batch_in(&mut tx, &batch)
            .await
            .expect("upsert");
        tx.commit().await.expect("commit");
        let all = rec_list::list(&db, &RecFilter::default(), 2, 10)
            .await
            .expect("list");
        assert_eq!((all.total, all.items.len()), (31, 10), "{kind}");
        assert!(
            all.items
                .iter()
                .all(|r| !r.texts.is_empty() && !r.states.is_empty()),
            "{kind}: children loaded"
        );
        let count = |f: RecFilter| {
            let db = db.clone();
            async move { rec_list::count(&db, &f).await.expect("count") }
        };
        assert_eq!(
            count(RecFilter {
                mechanism: Some(Mechanism::Nap1325),
                ..Default::default()
            })
            .await,
            1,
            "{kind}"
        );
        assert_eq!(
            count(RecFilter {
                response: Some(Response::Noted),
                ..Default::default()
            })
            .await,
            15,
            "{kind}"
        );
        assert_eq!(
            count(RecFilter {
                theme: Some("asylum".into()),
                ..Default::default()
            })
            .await,
            4,
            "{kind}"
        );
        assert_eq!(
            count(RecFilter {
                state: Some("DE".into()),
                cycle: Some("3".into()),
                ..Default::default()
            })
            .await,
            10,
            "{kind}"
        );
        // Latin, without diacritics, inflected: the Cyrillic text is found.
        assert_eq!(
            count(RecFilter {
                text: Some("zastita izbeglice".into()),
                ..Default::default()
            })
            .await,
            1,
            "{kind}"
        );
        assert_eq!(
            count(RecFilter {
                text: Some("6.17".into()),
                ..Default::default()
            })
            .await,
            1,
            "{kind}: a paragraph number"
        );
        assert_eq!(
            count(RecFilter {
                text: Some("refugees".into()),
                ..Default::default()
            })
            .await,
            30,
            "{kind}"
        );
        assert_eq!(
            count(RecFilter {
                text: Some("%".into()),
                ..Default::default()
            })
            .await,
            0,
            "{kind}"
        );
        // The cursor gives every row once, in id order.
        let mut seen = Vec::new();
        let mut after = String::new();
        loop {
            let page = rec_list::after(&db, &RecFilter::default(), &after, 7)
                .await
                .expect("after");
            let Some(last) = page.last() else { break };
            after = last.id.to_string();
            seen.extend(page.into_iter().map(|r| r.id.to_string()));
        }
        let mut sorted = seen.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!((seen.len(), sorted.len()), (31, 31), "{kind}");
        assert_eq!(
            rec_list::cycles(&db).await.expect("cycles"),
            ["2", "3"],
            "{kind}"
        );
    }
}
