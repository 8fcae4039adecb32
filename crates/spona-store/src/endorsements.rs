//! Endorsement campaigns by people (issue 22 item 3): campaigns with their texts per
//! language, endorsements waiting for or past their confirmation, and the per-country
//! counters a campaign page reads instead of counting rows. The address of an endorser is
//! never stored: `address_key` is a keyed hash of its canonical form (computed by
//! `spona_app::endorsements`), `domain` its domain. The coordinators' review and bulk
//! invalidation are in [`review`].

pub mod manage;
pub mod review;

use std::sync::atomic::{AtomicU64, Ordering};

use crate::{Db, Result, Tx, on_db, on_tx, placeholders};

/// Writes to what a campaign's page shows (its dates, texts, counters) made by this
/// process: a page cache keeps what it read only while this stands still (and at most a
/// second: other processes do not move it).
static CHANGES: AtomicU64 = AtomicU64::new(0);

/// The number of writes to campaigns this process has made so far.
pub fn changes() -> u64 {
    CHANGES.load(Ordering::SeqCst)
}

/// Marks a write to a campaign: called by every store function that makes one, and again
/// by the use case once its transaction has committed (so that no page read between the
/// write and the commit is kept).
pub fn changed() {
    CHANGES.fetch_add(1, Ordering::SeqCst);
}

/// A campaign's title and statement in one language.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Text {
    pub lang: String,
    pub title: String,
    pub statement: String,
}

/// A campaign, with its texts.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Campaign {
    pub id: String,
    /// `org` or `network`.
    pub owner_kind: String,
    pub owner_id: String,
    pub joint_text_id: Option<String>,
    pub opens_at: i64,
    pub closes_at: Option<i64>,
    /// Confirmed endorsements not invalidated (a counter, kept in the confirming
    /// transaction).
    pub confirmed_total: i64,
    pub created_by: Option<String>,
    pub created_at: i64,
    #[sqlx(skip)]
    pub texts: Vec<Text>,
}

const CAMPAIGN_COLUMNS: &str = "id, owner_kind, owner_id, joint_text_id, opens_at, closes_at, \
     confirmed_total, created_by, created_at";

/// Saves a new campaign and its texts.
pub async fn create_campaign_in(tx: &mut Tx, c: &Campaign) -> Result<()> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO endorsement_campaigns (id, owner_kind, owner_id, joint_text_id, opens_at, \
         closes_at, confirmed_total, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8)")
        .bind(&c.id).bind(&c.owner_kind).bind(&c.owner_id).bind(&c.joint_text_id)
        .bind(c.opens_at).bind(c.closes_at).bind(&c.created_by).bind(c.created_at)
        .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    for t in &c.texts {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO endorsement_campaign_texts (campaign_id, lang, title, statement) \
             VALUES ($1, $2, $3, $4)")
            .bind(&c.id).bind(&t.lang).bind(&t.title).bind(&t.statement)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Links a campaign to a joint text (or unlinks it).
pub async fn link_text(db: &Db, campaign_id: &str, joint_text_id: Option<&str>) -> Result<bool> {
    changed();
    let n = on_db!(db, p => sqlx::query(
        "UPDATE endorsement_campaigns SET joint_text_id = $2 WHERE id = $1")
        .bind(campaign_id).bind(joint_text_id).execute(p).await.map(|r| r.rows_affected()))?;
    changed();
    Ok(n == 1)
}

async fn with_texts(db: &Db, mut campaigns: Vec<Campaign>) -> Result<Vec<Campaign>> {
    if campaigns.is_empty() {
        return Ok(campaigns);
    }
    let ids: Vec<String> = campaigns.iter().map(|c| c.id.clone()).collect();
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT campaign_id, lang, title, statement FROM endorsement_campaign_texts \
         WHERE campaign_id IN ({}) ORDER BY lang",
        placeholders(1, ids.len())
    ));
    let rows: Vec<(String, String, String, String)> = on_db!(db, p => {
        let mut q = sqlx::query_as(sql);
        for id in &ids {
            q = q.bind(id);
        }
        q.fetch_all(p).await
    })?;
    for (cid, lang, title, statement) in rows {
        if let Some(c) = campaigns.iter_mut().find(|c| c.id == cid) {
            c.texts.push(Text {
                lang,
                title,
                statement,
            });
        }
    }
    Ok(campaigns)
}

/// One campaign with its texts.
pub async fn campaign(db: &Db, id: &str) -> Result<Option<Campaign>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {CAMPAIGN_COLUMNS} FROM endorsement_campaigns WHERE id = $1"
    ));
    let row: Option<Campaign> =
        on_db!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?;
    Ok(with_texts(db, row.into_iter().collect())
        .await?
        .into_iter()
        .next())
}

/// Every campaign, newest first, with its texts (two queries).
pub async fn list(db: &Db) -> Result<Vec<Campaign>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {CAMPAIGN_COLUMNS} FROM endorsement_campaigns ORDER BY created_at DESC, id DESC"
    ));
    let rows: Vec<Campaign> = on_db!(db, p => sqlx::query_as(sql).fetch_all(p).await)?;
    with_texts(db, rows).await
}

/// The confirmed endorsements per country of a campaign, most first (the counters).
pub async fn counts(db: &Db, campaign_id: &str) -> Result<Vec<(String, i64)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT country, confirmed FROM endorsement_counts \
         WHERE campaign_id = $1 AND confirmed > 0 ORDER BY confirmed DESC, country")
        .bind(campaign_id).fetch_all(p).await)?)
}

/// Confirmed endorsements of every campaign linked to a joint text.
pub async fn confirmed_count_for_text(db: &Db, joint_text_id: &str) -> Result<i64> {
    Ok(on_db!(db, p => sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(confirmed_total), 0) AS BIGINT) FROM endorsement_campaigns \
         WHERE joint_text_id = $1")
        .bind(joint_text_id).fetch_one(p).await)?)
}

/// The campaign that collects endorsements for a joint text (the oldest, when several do),
/// with its confirmed count.
pub async fn campaign_for_text(db: &Db, joint_text_id: &str) -> Result<Option<(String, i64)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT id, confirmed_total FROM endorsement_campaigns WHERE joint_text_id = $1 \
         ORDER BY created_at, id LIMIT 1")
        .bind(joint_text_id).fetch_optional(p).await)?)
}

/// A new endorsement, waiting for its confirmation.
#[derive(Debug, Clone)]
pub struct NewEndorsement<'a> {
    pub id: &'a str,
    pub campaign_id: &'a str,
    pub name: &'a str,
    pub country: &'a str,
    pub organisation: Option<&'a str>,
    pub address_key: &'a str,
    pub domain: &'a str,
    pub client_key: &'a str,
    pub locale: &'a str,
    pub token_hash: &'a str,
    pub now: i64,
}

/// What became of a request to endorse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requested {
    /// A new endorsement: its confirmation mail is to be sent.
    New,
    /// The address waited for its confirmation and its last link is older than the resend
    /// interval: a new link replaces it (the fields are the new request's).
    Renewed,
    /// Confirmed, invalidated, or a link sent moments ago: nothing to do.
    Nothing,
}

/// Records a request to endorse in the caller's transaction; the same canonical address
/// (the same `address_key`) counts once per campaign. Its first statement writes, so on
/// SQLite the transaction holds the write lock from the start; on PostgreSQL a concurrent
/// insert of the same key waits for the other's commit.
pub async fn request_in(
    tx: &mut Tx,
    e: &NewEndorsement<'_>,
    resend_before: i64,
) -> Result<Requested> {
    let inserted = on_tx!(tx, c => sqlx::query(
        "INSERT INTO endorsements (id, campaign_id, name, country, organisation, address_key, \
         domain, client_key, locale, token_hash, token_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) \
         ON CONFLICT (campaign_id, address_key) DO NOTHING")
        .bind(e.id).bind(e.campaign_id).bind(e.name).bind(e.country).bind(e.organisation)
        .bind(e.address_key).bind(e.domain).bind(e.client_key).bind(e.locale)
        .bind(e.token_hash).bind(e.now)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if inserted == 1 {
        return Ok(Requested::New);
    }
    let renewed = on_tx!(tx, c => sqlx::query(
        "UPDATE endorsements SET name = $3, country = $4, organisation = $5, client_key = $6, \
         locale = $7, token_hash = $8, token_at = $9 \
         WHERE campaign_id = $1 AND address_key = $2 AND confirmed_at IS NULL \
           AND invalidated_at IS NULL AND token_at < $10")
        .bind(e.campaign_id).bind(e.address_key).bind(e.name).bind(e.country)
        .bind(e.organisation).bind(e.client_key).bind(e.locale).bind(e.token_hash)
        .bind(e.now).bind(resend_before)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(if renewed == 1 {
        Requested::Renewed
    } else {
        Requested::Nothing
    })
}

/// An endorsement as its confirmation link finds it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Pending {
    pub id: String,
    pub campaign_id: String,
    pub name: String,
    pub country: String,
    pub organisation: Option<String>,
    pub created_at: i64,
    pub confirmed_at: Option<i64>,
    pub invalidated_at: Option<i64>,
}

/// The endorsement whose confirmation token hashes to `token_hash`.
pub async fn by_token(db: &Db, token_hash: &str) -> Result<Option<Pending>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT id, campaign_id, name, country, organisation, created_at, confirmed_at, \
         invalidated_at FROM endorsements WHERE token_hash = $1")
        .bind(token_hash).fetch_optional(p).await)?)
}

/// Confirms the endorsement behind `token_hash` if it still waits and was made after
/// `made_after`, and adds it to its campaign's counters, in the caller's transaction.
/// `None` when there was nothing to confirm (used, invalidated, expired or unknown).
pub async fn confirm_in(
    tx: &mut Tx,
    token_hash: &str,
    made_after: i64,
    now: i64,
) -> Result<Option<(String, String)>> {
    let row: Option<(String, String)> = on_tx!(tx, c => sqlx::query_as(
        "UPDATE endorsements SET confirmed_at = $2 \
         WHERE token_hash = $1 AND confirmed_at IS NULL AND invalidated_at IS NULL \
           AND created_at > $3 \
         RETURNING campaign_id, country")
        .bind(token_hash).bind(now).bind(made_after).fetch_optional(&mut *c).await)?;
    if let Some((campaign, country)) = &row {
        add_to_counts_in(tx, campaign, country, 1).await?;
    }
    Ok(row)
}

/// Moves a campaign's counters for `country` by `delta` (negative on invalidation).
pub async fn add_to_counts_in(
    tx: &mut Tx,
    campaign_id: &str,
    country: &str,
    delta: i64,
) -> Result<()> {
    changed();
    // A CHECK is evaluated on the row an upsert proposes, before its conflict: a negative
    // delta is an UPDATE of the row the confirmation made.
    if delta >= 0 {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO endorsement_counts (campaign_id, country, confirmed) VALUES ($1, $2, $3) \
             ON CONFLICT (campaign_id, country) \
             DO UPDATE SET confirmed = endorsement_counts.confirmed + excluded.confirmed")
            .bind(campaign_id).bind(country).bind(delta)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    } else {
        on_tx!(tx, c => sqlx::query(
            "UPDATE endorsement_counts SET confirmed = confirmed + $3 \
             WHERE campaign_id = $1 AND country = $2")
            .bind(campaign_id).bind(country).bind(delta)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    on_tx!(tx, c => sqlx::query(
        "UPDATE endorsement_campaigns SET confirmed_total = confirmed_total + $2 WHERE id = $1")
        .bind(campaign_id).bind(delta)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Forgets the endorsements never confirmed and made before `before`; how many.
pub async fn purge_unconfirmed(db: &Db, before: i64) -> Result<u64> {
    let r = on_db!(db, p => sqlx::query(
        "DELETE FROM endorsements WHERE confirmed_at IS NULL AND created_at < $1")
        .bind(before).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(r)
}

/// A confirmed endorsement loaded in bulk (demo data, benchmarks).
#[derive(Debug, Clone)]
pub struct Seed {
    pub name: String,
    pub country: String,
    pub organisation: Option<String>,
    pub address_key: String,
    pub domain: String,
    pub at: i64,
}

/// Adds confirmed endorsements in the caller's transaction and recounts the campaign's
/// counters from its rows.
pub async fn seed_confirmed_in(tx: &mut Tx, campaign_id: &str, rows: &[Seed]) -> Result<()> {
    for s in rows {
        let id = crate::new_id();
        on_tx!(tx, c => sqlx::query(
                "INSERT INTO endorsements (id, campaign_id, name, country, organisation, \
                 address_key, domain, client_key, locale, token_hash, token_at, created_at, \
                 confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'seed', 'en', $8, $9, $9, $9) \
                 ON CONFLICT (campaign_id, address_key) DO NOTHING")
                .bind(&id).bind(campaign_id).bind(&s.name).bind(&s.country)
                .bind(&s.organisation).bind(&s.address_key).bind(&s.domain)
                .bind(crate::token_hash(&id)).bind(s.at)
                .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    recount_in(tx, campaign_id).await
}

/// Rebuilds a campaign's counters from its rows (after a bulk load, or to repair them).
pub async fn recount_in(tx: &mut Tx, campaign_id: &str) -> Result<()> {
    changed();
    on_tx!(tx, c => sqlx::query("DELETE FROM endorsement_counts WHERE campaign_id = $1")
        .bind(campaign_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO endorsement_counts (campaign_id, country, confirmed) \
         SELECT campaign_id, country, COUNT(*) FROM endorsements \
         WHERE campaign_id = $1 AND confirmed_at IS NOT NULL AND invalidated_at IS NULL \
         GROUP BY campaign_id, country")
        .bind(campaign_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    on_tx!(tx, c => sqlx::query(
        "UPDATE endorsement_campaigns SET confirmed_total = \
         (SELECT COALESCE(SUM(confirmed), 0) FROM endorsement_counts WHERE campaign_id = $1) \
         WHERE id = $1")
        .bind(campaign_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
