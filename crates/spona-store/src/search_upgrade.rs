//! Stored search texts follow the analyser (issue 25).
//!
//! Four tables keep a `search_text` column computed with the hub's analysis
//! ([`spona_search::directory_terms`]) when a row is saved: `organisations` (the directory),
//! `services` (the catalogue), `group_posts` (group discussions) and `recommendations`
//! (monitoring). A query is analysed with the running analysis, so a row saved under an
//! earlier one can miss a query it should answer (a Ukrainian form the dictionary now joins,
//! a word-final yat, a Macedonian letter). [`run`] — called at every start of a server and by
//! `spona reindex` — recomputes every stored text once per [`spona_search::ANALYSIS_VERSION`]:
//!
//! - `search_text_versions` (migration 0300) holds per table the version every text has
//!   (`done_version`; no row means 0) and, while a recomputation runs, its version
//!   (`work_version`) and the last row id rewritten (`last_id`);
//! - rows are read in id order, [`BATCH`] at a time from `last_id` (a keyset cursor: no
//!   OFFSET, no list of ids in memory), their texts recomputed from what the row holds now and
//!   written where they differ, and the cursor moved in the same transaction as the rows — a
//!   crash leaves either the whole batch and its cursor or neither, and the next start
//!   continues after the last committed batch;
//! - memory stays constant whatever the size (270,000 recommendations): one batch and the
//!   bounded word memo ([`spona_search::TermMemo`]);
//! - a start whose version every table has done reads one row per table and does nothing
//!   else.
//!
//! It runs before the server answers (and before its caches — the directory snapshot, the
//! services catalogue — are first loaded), so nothing else writes these rows meanwhile.

use spona_search::TermMemo;

use crate::orgs::{ORG_COLUMNS, OrgRow, assemble};
use crate::{Db, Result, Tx, on_db, on_tx};

/// Rows recomputed per transaction.
pub const BATCH: i64 = 500;

/// The tables whose `search_text` follows the analysis, in the order they are upgraded.
pub const TABLES: [&str; 4] = [
    "organisations",
    "services",
    "group_posts",
    "recommendations",
];

/// The analysed terms of a group post, as stored: ` term term … ` (the thread's title with
/// the opening post, number 1).
pub fn post_search_text(title: &str, body: &str) -> String {
    let mut terms = std::collections::BTreeSet::new();
    spona_search::directory_terms(title, true, &mut terms);
    spona_search::directory_terms(&spona_search::markdown_to_text(body), true, &mut terms);
    let mut s = String::from(" ");
    for t in terms {
        s.push_str(&t);
        s.push(' ');
    }
    s
}

/// One table's marker: `(done_version, work_version, last_id)`.
pub async fn marker(db: &Db, table: &str) -> Result<Option<(i64, i64, String)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT done_version, work_version, last_id FROM search_text_versions WHERE table_name = $1")
        .bind(table).fetch_optional(p).await)?)
}

/// Sets one table's marker (also for tests, which write an old one).
pub async fn set_marker(db: &Db, table: &str, done: i64, work: i64, last_id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    set_marker_in(&mut tx, table, done, work, last_id).await?;
    tx.commit().await
}

async fn set_marker_in(tx: &mut Tx, table: &str, done: i64, work: i64, last: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO search_text_versions (table_name, done_version, work_version, last_id) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (table_name) DO UPDATE SET \
         done_version = excluded.done_version, work_version = excluded.work_version, \
         last_id = excluded.last_id")
        .bind(table).bind(done).bind(work).bind(last).execute(&mut *c).await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Recomputes the stored search texts of every table not yet at the running analysis
/// version; returns, per table upgraded, how many rows were read and how many rewritten.
pub async fn run(db: &Db) -> Result<Vec<(&'static str, u64, u64)>> {
    let version = i64::from(spona_search::ANALYSIS_VERSION);
    let mut memo = TermMemo::new();
    let mut done = Vec::new();
    for table in TABLES {
        let (done_version, mut last) = match marker(db, table).await? {
            Some((d, _, _)) if d == version => continue,
            Some((d, w, last)) if w == version => (d, last),
            Some((d, _, _)) => (d, String::new()),
            None => (0, String::new()),
        };
        let (mut read, mut written) = (0u64, 0u64);
        loop {
            let (n, w, next) = batch(db, table, &last, done_version, version, &mut memo).await?;
            read += n;
            written += w;
            match next {
                Some(id) if n == BATCH as u64 => last = id,
                _ => break,
            }
        }
        set_marker(db, table, version, version, "").await?;
        if read > 0 {
            tracing::info!(
                table,
                rows = read,
                rewritten = written,
                version,
                "stored search texts recomputed with the current analysis"
            );
        }
        done.push((table, read, written));
    }
    Ok(done)
}

/// Recomputes the rows of `table` after `last` (at most [`BATCH`]) and moves the cursor, in
/// one transaction. Returns the rows read, the rows rewritten and the last id read.
async fn batch(
    db: &Db,
    table: &str,
    last: &str,
    done: i64,
    version: i64,
    memo: &mut TermMemo,
) -> Result<(u64, u64, Option<String>)> {
    let (fresh, next): (Vec<(String, String, String)>, Option<String>) = match table {
        "organisations" => organisations(db, last).await?,
        "services" => {
            let ids: Vec<String> = on_db!(db, p => sqlx::query_scalar(
                "SELECT id FROM services WHERE id > $1 ORDER BY id LIMIT $2")
                .bind(last).bind(BATCH).fetch_all(p).await)?;
            let n = ids.len() as u64;
            let Some(next) = ids.last().cloned() else {
                return Ok((0, 0, None));
            };
            let mut tx = db.begin().await?;
            for id in &ids {
                crate::services::refresh_search_in(&mut tx, id).await?;
            }
            set_marker_in(&mut tx, table, done, version, &next).await?;
            tx.commit().await?;
            return Ok((n, n, Some(next)));
        }
        "group_posts" => {
            let rows: Vec<(String, i64, String, String, String)> = on_db!(db, p => sqlx::query_as(
                "SELECT p.id, p.n, p.body, t.title, p.search_text FROM group_posts p \
                 JOIN group_threads t ON t.id = p.thread_id WHERE p.id > $1 ORDER BY p.id LIMIT $2")
                .bind(last).bind(BATCH).fetch_all(p).await)?;
            let next = rows.last().map(|r| r.0.clone());
            let fresh = rows
                .into_iter()
                .map(|(id, n, body, title, old)| {
                    let title = if n == 1 { title.as_str() } else { "" };
                    (id, old, post_search_text(title, &body))
                })
                .collect();
            (fresh, next)
        }
        "recommendations" => recommendations(db, last, memo).await?,
        other => unreachable!("no search text upgrade for {other}"),
    };
    let n = fresh.len() as u64;
    // The last id in the database's order (its collation), which the next `id > $1` follows.
    let Some(next) = next else {
        return Ok((0, 0, None));
    };
    let changed: Vec<&(String, String, String)> =
        fresh.iter().filter(|(_, old, new)| old != new).collect();
    let sql = format!("UPDATE {table} SET search_text = $1 WHERE id = $2");
    let mut tx = db.begin().await?;
    for (id, _, new) in &changed {
        on_tx!(&mut tx, c => sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(new).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    if table == "organisations" && !changed.is_empty() {
        on_tx!(&mut tx, c => sqlx::query(crate::BUMP_DIRECTORY).execute(&mut *c).await
            .map(|r| r.rows_affected()))?;
    }
    set_marker_in(&mut tx, table, done, version, &next).await?;
    tx.commit().await?;
    Ok((n, changed.len() as u64, Some(next)))
}

/// `(id, stored text, recomputed text)` of one batch of rows and the batch's last id.
type Fresh = (Vec<(String, String, String)>, Option<String>);

/// The organisations after `last`.
async fn organisations(db: &Db, last: &str) -> Result<Fresh> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ORG_COLUMNS} FROM organisations o WHERE o.id > $1 ORDER BY o.id LIMIT $2"
    ));
    let rows: Vec<OrgRow> = on_db!(db, p => sqlx::query_as(sql)
        .bind(last).bind(BATCH).fetch_all(p).await)?;
    let Some(end) = rows.last().map(|r| r.id.to_string()) else {
        return Ok((Vec::new(), None));
    };
    let stored: Vec<(String, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT id, search_text FROM organisations WHERE id > $1 AND id <= $2 ORDER BY id")
        .bind(last).bind(&end).fetch_all(p).await)?;
    let stored: std::collections::HashMap<String, String> = stored.into_iter().collect();
    let orgs = assemble(db, rows).await?;
    let fresh = orgs
        .into_iter()
        .map(|o| {
            let old = stored.get(o.id.as_str()).cloned().unwrap_or_default();
            let new = crate::directory::search_text(&o.name, &o.country, &o.city, &o.texts);
            (o.id.to_string(), old, new)
        })
        .collect();
    Ok((fresh, Some(end)))
}

/// The recommendations after `last`.
async fn recommendations(db: &Db, last: &str, memo: &mut TermMemo) -> Result<Fresh> {
    let rows: Vec<(String, Option<String>, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT id, body, search_text FROM recommendations WHERE id > $1 ORDER BY id LIMIT $2")
        .bind(last).bind(BATCH).fetch_all(p).await)?;
    let Some(end) = rows.last().map(|r| r.0.clone()) else {
        return Ok((Vec::new(), None));
    };
    let texts: Vec<(String, String, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT recommendation_id, lang, text FROM recommendation_texts \
         WHERE recommendation_id > $1 AND recommendation_id <= $2")
        .bind(last).bind(&end).fetch_all(p).await)?;
    let mut by_id: std::collections::HashMap<String, Vec<(String, String)>> = Default::default();
    for (id, lang, text) in texts {
        by_id.entry(id).or_default().push((lang, text));
    }
    let mut out = Vec::with_capacity(rows.len());
    for (id, body, old) in rows {
        let mine = by_id.get(&id).map(Vec::as_slice).unwrap_or_default();
        let of = mine
            .iter()
            .map(|(lang, text)| (lang.as_str(), text.as_str()));
        let new = crate::monitoring::rec_prepared::search_text_of(of, body.as_deref(), memo);
        out.push((id, old, new));
    }
    Ok((out, Some(end)))
}
