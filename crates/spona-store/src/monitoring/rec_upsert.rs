//! Recommendations written in batches (the import, lane monrec): matched by (mechanism,
//! symbol, paragraph), each batch in a fixed number of statements whatever its size — one
//! to find the keys already stored, one multi-row upsert, three deletes of the changed rows'
//! children and a few multi-row inserts of the children — inside the caller's transaction.

use std::collections::HashMap;

use spona_domain::ids::RecommendationId;
use spona_domain::monitoring::{NewRecommendation, Response};

use super::rec_prepared::{Prepared, search_text_with};
use crate::{Db, Result, Tx, new_id, now, on_db, on_tx};

/// What a write did (or, in a preview, would do) to one recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// No recommendation had its mechanism, symbol and paragraph.
    Created,
    /// One had, with other content: its fields, texts, states and terms were replaced.
    Updated,
    /// One had, with the same content: nothing written.
    Unchanged,
}

/// A recommendation's match key: mechanism code, symbol, paragraph.
pub type Key = (String, String, String);

/// The key of `r`.
pub fn key_of(r: &NewRecommendation) -> Key {
    (
        r.mechanism.as_str().to_owned(),
        r.symbol.clone(),
        r.paragraph.clone(),
    )
}

/// A value to bind, so that statements with a variable number of rows are built once.
#[derive(Debug, Clone)]
pub(crate) enum Bind {
    Text(String),
    OptText(Option<String>),
    Int(i64),
}

/// Binds every value of `binds` to `q`, in order (expanded in each database's arm).
macro_rules! bind_all {
    ($q:expr, $binds:expr) => {{
        let mut q = $q;
        for b in $binds {
            q = match b {
                $crate::monitoring::rec_upsert::Bind::Text(s) => q.bind(s.clone()),
                $crate::monitoring::rec_upsert::Bind::OptText(s) => q.bind(s.clone()),
                $crate::monitoring::rec_upsert::Bind::Int(i) => q.bind(*i),
            };
        }
        q
    }};
}
pub(crate) use bind_all;

/// `($1, $2, …), (…)` for `rows` rows of `cols` values each.
fn values_list(rows: usize, cols: usize) -> String {
    let mut out = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            out.push_str(", ");
        }
        out.push('(');
        out.push_str(&crate::placeholders(r * cols + 1, cols));
        out.push(')');
    }
    out
}

/// At most this many values in one statement (SQLite allows 32 766, PostgreSQL 65 535).
const MAX_BINDS: usize = 30_000;

/// At most this many values in one statement on SQLite: sqlx looks each parameter's name up
/// when binding (`sqlite3_bind_parameter_name`, a walk along the statement's list of
/// parameters), so a statement's binding costs the square of its values — 40% of an
/// import's time at 7,000 values a statement; a few hundred keep it small next to the
/// statement's own cost.
const SQLITE_BINDS: usize = 480;

/// The values one statement may hold on `kind`'s database (`sqlite` or `postgres`).
fn max_binds(kind: &str) -> usize {
    if kind == "sqlite" {
        SQLITE_BINDS
    } else {
        MAX_BINDS
    }
}

/// The query that finds the stored `(id, mechanism, symbol, paragraph, row_hash)` of `keys`.
fn existing_sql(keys: &[Key]) -> (String, Vec<Bind>) {
    let sql = format!(
        "SELECT r.id, r.mechanism, r.symbol, r.paragraph, r.row_hash FROM recommendations r \
         WHERE (r.mechanism, r.symbol, r.paragraph) IN (VALUES {})",
        values_list(keys.len(), 3)
    );
    let binds = keys
        .iter()
        .flat_map(|(m, s, p)| {
            [
                Bind::Text(m.clone()),
                Bind::Text(s.clone()),
                Bind::Text(p.clone()),
            ]
        })
        .collect();
    (sql, binds)
}

type Found = HashMap<Key, (String, String)>;

fn found(rows: Vec<(String, String, String, String, String)>) -> Found {
    rows.into_iter()
        .map(|(id, m, s, p, h)| ((m, s, p), (id, h)))
        .collect()
}

/// The stored id and row hash of each of `keys` that is stored, read inside `tx`.
pub async fn existing_in(tx: &mut Tx, keys: &[Key]) -> Result<Found> {
    let mut out = Found::new();
    for chunk in keys.chunks(max_binds(tx.kind()) / 3) {
        let (sql, binds) = existing_sql(chunk);
        let sql = sqlx::AssertSqlSafe(sql);
        let rows: Vec<(String, String, String, String, String)> = on_tx!(tx, c =>
            bind_all!(sqlx::query_as(sql), &binds).fetch_all(&mut *c).await)?;
        out.extend(found(rows));
    }
    Ok(out)
}

/// The same, outside a transaction (the preview).
pub async fn existing(db: &Db, keys: &[Key]) -> Result<Found> {
    let mut out = Found::new();
    for chunk in keys.chunks(max_binds(db.kind()) / 3) {
        let (sql, binds) = existing_sql(chunk);
        let sql = sqlx::AssertSqlSafe(sql);
        let rows: Vec<(String, String, String, String, String)> = on_db!(db, p =>
            bind_all!(sqlx::query_as(sql), &binds).fetch_all(p).await)?;
        out.extend(found(rows));
    }
    Ok(out)
}

/// What writing `recs` would do to each, in order, without writing (the import's preview).
/// The caller gives each key once.
pub async fn classify(db: &Db, recs: &[NewRecommendation]) -> Result<Vec<Outcome>> {
    let prepared: Vec<Prepared> = recs.iter().cloned().map(Prepared::to_classify).collect();
    classify_prepared(db, &prepared).await
}

/// The same for recommendations whose hashes are computed already.
pub async fn classify_prepared(db: &Db, recs: &[Prepared]) -> Result<Vec<Outcome>> {
    let keys: Vec<Key> = recs.iter().map(|p| key_of(&p.rec)).collect();
    let stored = existing(db, &keys).await?;
    Ok(recs
        .iter()
        .zip(&keys)
        .map(|(p, k)| outcome(stored.get(k), &p.hash).0)
        .collect())
}

fn outcome<'a>(stored: Option<&'a (String, String)>, hash: &str) -> (Outcome, Option<&'a str>) {
    match stored {
        None => (Outcome::Created, None),
        Some((id, h)) if *h == hash => (Outcome::Unchanged, Some(id)),
        Some((id, _)) => (Outcome::Updated, Some(id)),
    }
}

/// Writes `recs` (each key once; the caller refuses duplicates) inside `tx`: new ones are
/// created, changed ones replaced (their texts, states and terms too, their id and
/// `created_at` kept), unchanged ones left alone. Returns each one's outcome and id, in order.
pub async fn upsert_batch_in(
    tx: &mut Tx,
    recs: &[NewRecommendation],
) -> Result<Vec<(Outcome, RecommendationId)>> {
    let prepared: Vec<Prepared> = recs.iter().cloned().map(Prepared::to_classify).collect();
    upsert_prepared_in(tx, &prepared, &mut spona_search::TermMemo::new()).await
}

/// The same for recommendations prepared where the file is read (their hashes computed
/// there); the search text of each one written is computed here through `memo` (one per
/// import: each distinct word analysed once), unless given.
pub async fn upsert_prepared_in(
    tx: &mut Tx,
    recs: &[Prepared],
    memo: &mut spona_search::TermMemo,
) -> Result<Vec<(Outcome, RecommendationId)>> {
    let keys: Vec<Key> = recs.iter().map(|p| key_of(&p.rec)).collect();
    let stored = existing_in(tx, &keys).await?;
    let at = now();
    let mut results = Vec::with_capacity(recs.len());
    let mut written: Vec<(&NewRecommendation, String, &Prepared)> = Vec::new();
    let mut changed: Vec<String> = Vec::new();
    for (p, k) in recs.iter().zip(&keys) {
        let (o, id) = outcome(stored.get(k), &p.hash);
        let id = id.map_or_else(new_id, str::to_owned);
        if o == Outcome::Updated {
            changed.push(id.clone());
        }
        if o != Outcome::Unchanged {
            written.push((&p.rec, id.clone(), p));
        }
        results.push((o, RecommendationId::from(id)));
    }
    const COLS: usize = 14;
    for chunk in written.chunks(max_binds(tx.kind()) / COLS) {
        let mut binds = Vec::with_capacity(chunk.len() * COLS);
        for (r, id, p) in chunk {
            binds.extend([
                Bind::Text(id.clone()),
                Bind::Text(r.mechanism.as_str().to_owned()),
                Bind::OptText(r.body.clone()),
                Bind::Text(r.cycle.clone()),
                Bind::Text(r.symbol.clone()),
                Bind::Text(r.paragraph.clone()),
                Bind::Text(r.country.clone()),
                Bind::OptText(r.published_on.clone()),
                Bind::OptText(r.response.map(|x| Response::as_str(x).to_owned())),
                Bind::Text(r.text_lang.clone()),
                Bind::Int(at),
                Bind::Int(at),
                Bind::Text(
                    p.search_text
                        .clone()
                        .unwrap_or_else(|| search_text_with(r, memo)),
                ),
                Bind::Text(p.hash.clone()),
            ]);
        }
        let sql = sqlx::AssertSqlSafe(format!(
            "INSERT INTO recommendations (id, mechanism, body, cycle, symbol, paragraph, \
             country, published_on, response, text_lang, created_at, updated_at, search_text, \
             row_hash) VALUES {} \
             ON CONFLICT (mechanism, symbol, paragraph) DO UPDATE SET body = excluded.body, \
             cycle = excluded.cycle, country = excluded.country, \
             published_on = excluded.published_on, response = excluded.response, \
             text_lang = excluded.text_lang, updated_at = excluded.updated_at, \
             search_text = excluded.search_text, row_hash = excluded.row_hash",
            values_list(chunk.len(), COLS)
        ));
        on_tx!(tx, c => bind_all!(sqlx::query(sql), &binds).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    for chunk in changed.chunks(max_binds(tx.kind())) {
        for table in [
            "recommendation_texts",
            "recommendation_states",
            "recommendation_terms",
        ] {
            let sql = sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE recommendation_id IN ({})",
                crate::placeholders(1, chunk.len())
            ));
            on_tx!(tx, c => {
                let mut q = sqlx::query(sql);
                for id in chunk { q = q.bind(id.clone()); }
                q.execute(&mut *c).await.map(|r| r.rows_affected())
            })?;
        }
    }
    let mut texts: Vec<Bind> = Vec::new();
    let mut states: Vec<Bind> = Vec::new();
    let mut terms: Vec<Bind> = Vec::new();
    for (r, id, _) in &written {
        let mut seen_lang = std::collections::HashSet::new();
        // The last text of a language wins, as in `row_hash`'s sorted, deduplicated list.
        let mut by_lang: Vec<&(String, String)> = r.texts.iter().collect();
        by_lang.sort();
        for (lang, text) in by_lang {
            if seen_lang.insert(lang) {
                texts.extend([
                    Bind::Text(id.clone()),
                    Bind::Text(lang.clone()),
                    Bind::Text(text.clone()),
                ]);
            }
        }
        let mut st: Vec<&String> = r.states.iter().collect();
        st.sort();
        st.dedup();
        for s in st {
            states.extend([Bind::Text(id.clone()), Bind::Text(s.clone())]);
        }
        let mut tm: Vec<(&str, &String)> = r.terms.iter().map(|(k, c)| (k.as_str(), c)).collect();
        tm.sort();
        tm.dedup();
        for (k, c) in tm {
            terms.extend([
                Bind::Text(id.clone()),
                Bind::Text(k.to_owned()),
                Bind::Text(c.clone()),
            ]);
        }
    }
    insert_rows(
        tx,
        "recommendation_texts (recommendation_id, lang, text)",
        3,
        &texts,
    )
    .await?;
    insert_rows(
        tx,
        "recommendation_states (recommendation_id, state)",
        2,
        &states,
    )
    .await?;
    insert_rows(
        tx,
        "recommendation_terms (recommendation_id, kind, code)",
        3,
        &terms,
    )
    .await?;
    Ok(results)
}

/// Inserts `binds` as rows of `cols` values into `table (columns)`, many rows a statement.
async fn insert_rows(tx: &mut Tx, table: &str, cols: usize, binds: &[Bind]) -> Result<()> {
    let per = (max_binds(tx.kind()) / cols) * cols;
    for chunk in binds.chunks(per) {
        let sql = sqlx::AssertSqlSafe(format!(
            "INSERT INTO {table} VALUES {}",
            values_list(chunk.len() / cols, cols)
        ));
        on_tx!(tx, c => bind_all!(sqlx::query(sql), chunk).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_lists_number_every_row() {
        assert_eq!(super::values_list(2, 3), "($1, $2, $3), ($4, $5, $6)");
    }
}
