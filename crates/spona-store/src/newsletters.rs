//! Newsletters, their issues (one row per language variant), subscribers and consent
//! receipts. The use cases (`spona_app::newsletters`) decide who may do what; the writes here
//! take `&mut Tx` so that a change, its audit entry and its mail commit together.

use spona_domain::newsletter::{Audience, IssueState, OwnerKind, Variant};

use crate::{Db, Result, StoreError, Tx, conflict, new_id, on_db, on_tx};

/// A newsletter.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Newsletter {
    pub id: String,
    pub slug: String,
    #[sqlx(try_from = "String")]
    pub owner_kind: OwnerKind,
    pub owner_id: String,
    pub name: String,
    pub description: String,
    #[sqlx(try_from = "String")]
    pub audience: Audience,
    pub created_at: i64,
}

impl Newsletter {
    /// The mail list its issues belong to (`newsletter/<id>`).
    pub fn list_id(&self) -> String {
        list_id(&self.id)
    }
}

/// The mail list of the newsletter `id`.
pub fn list_id(id: &str) -> String {
    format!("newsletter/{id}")
}

const NEWSLETTER_COLUMNS: &str =
    "id, slug, owner_kind, owner_id, name, description, audience, created_at";

/// What a new newsletter is.
#[derive(Debug, Clone)]
pub struct NewNewsletter<'a> {
    pub slug: &'a str,
    pub owner_kind: OwnerKind,
    pub owner_id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub audience: Audience,
}

/// Creates a newsletter; a taken slug is `Conflict("slug")`.
pub async fn create_in(tx: &mut Tx, n: &NewNewsletter<'_>, at: i64) -> Result<String> {
    let id = new_id();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO newsletters (id, slug, owner_kind, owner_id, name, description, audience, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(&id).bind(n.slug).bind(n.owner_kind.as_str()).bind(n.owner_id).bind(n.name)
        .bind(n.description).bind(n.audience.as_str()).bind(at)
        .execute(&mut *c).await.map(|_| ()).map_err(conflict))?;
    Ok(id)
}

/// Every newsletter, by name.
pub async fn list(db: &Db) -> Result<Vec<Newsletter>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {NEWSLETTER_COLUMNS} FROM newsletters ORDER BY name"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, Newsletter>(sql).fetch_all(p).await)?)
}

/// The newsletter `slug`.
pub async fn by_slug(db: &Db, slug: &str) -> Result<Newsletter> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {NEWSLETTER_COLUMNS} FROM newsletters WHERE slug = $1"
    ));
    on_db!(db, p => sqlx::query_as::<_, Newsletter>(sql).bind(slug).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

/// The newsletter `id`, inside a transaction.
pub async fn get_in(tx: &mut Tx, id: &str) -> Result<Newsletter> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {NEWSLETTER_COLUMNS} FROM newsletters WHERE id = $1"
    ));
    on_tx!(tx, c => sqlx::query_as::<_, Newsletter>(sql).bind(id).fetch_optional(&mut *c).await)?
        .ok_or(StoreError::NotFound)
}

/// An issue (its texts are [`variants`]).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Issue {
    pub id: String,
    pub newsletter_id: String,
    #[sqlx(try_from = "String")]
    pub state: IssueState,
    pub send_at: Option<i64>,
    pub sent_at: Option<i64>,
    pub sent_through: String,
    pub recipients: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const ISSUE_COLUMNS: &str = "id, newsletter_id, state, send_at, sent_at, sent_through, \
     recipients, created_at, updated_at";

#[derive(sqlx::FromRow)]
struct VariantRow {
    issue_id: String,
    lang: String,
    title: String,
    body: String,
}

impl From<VariantRow> for Variant {
    fn from(r: VariantRow) -> Self {
        Variant {
            lang: r.lang,
            title: r.title,
            body: r.body,
        }
    }
}

/// Starts a draft issue of `newsletter_id`.
pub async fn create_issue_in(
    tx: &mut Tx,
    newsletter_id: &str,
    by: Option<&str>,
    at: i64,
) -> Result<String> {
    let id = new_id();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO newsletter_issues (id, newsletter_id, state, created_by, created_at, updated_at) \
         VALUES ($1, $2, 'draft', $3, $4, $4)")
        .bind(&id).bind(newsletter_id).bind(by).bind(at)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(id)
}

/// The issue `id` of `newsletter_id`.
pub async fn issue(db: &Db, newsletter_id: &str, id: &str) -> Result<Issue> {
    let mut tx = db.begin().await?;
    let issue = issue_in(&mut tx, id).await?;
    tx.commit().await?;
    if issue.newsletter_id != newsletter_id {
        return Err(StoreError::NotFound);
    }
    Ok(issue)
}

/// The issue `id`, inside a transaction.
pub async fn issue_in(tx: &mut Tx, id: &str) -> Result<Issue> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ISSUE_COLUMNS} FROM newsletter_issues WHERE id = $1"
    ));
    on_tx!(tx, c => sqlx::query_as::<_, Issue>(sql).bind(id).fetch_optional(&mut *c).await)?
        .ok_or(StoreError::NotFound)
}

/// The language variants of an issue.
pub async fn variants_in(tx: &mut Tx, issue_id: &str) -> Result<Vec<Variant>> {
    let rows = on_tx!(tx, c => sqlx::query_as::<_, VariantRow>(
        "SELECT issue_id, lang, title, body FROM newsletter_issue_variants WHERE issue_id = $1 \
         ORDER BY lang")
        .bind(issue_id).fetch_all(&mut *c).await)?;
    Ok(rows.into_iter().map(Variant::from).collect())
}

/// [`variants_in`] outside a transaction.
pub async fn variants(db: &Db, issue_id: &str) -> Result<Vec<Variant>> {
    let mut tx = db.begin().await?;
    let v = variants_in(&mut tx, issue_id).await?;
    tx.commit().await?;
    Ok(v)
}

/// The issues of a newsletter with their variants (two queries), newest first; `sent_only`
/// for the archive.
pub async fn issues(
    db: &Db,
    newsletter_id: &str,
    sent_only: bool,
) -> Result<Vec<(Issue, Vec<Variant>)>> {
    let filter = if sent_only { " AND state = 'sent'" } else { "" };
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ISSUE_COLUMNS} FROM newsletter_issues WHERE newsletter_id = $1{filter} \
         ORDER BY COALESCE(sent_at, send_at, created_at) DESC, id DESC"
    ));
    let issues =
        on_db!(db, p => sqlx::query_as::<_, Issue>(sql).bind(newsletter_id).fetch_all(p).await)?;
    let rows = on_db!(db, p => sqlx::query_as::<_, VariantRow>(
        "SELECT v.issue_id, v.lang, v.title, v.body FROM newsletter_issue_variants v \
         JOIN newsletter_issues i ON i.id = v.issue_id WHERE i.newsletter_id = $1 ORDER BY v.lang")
        .bind(newsletter_id).fetch_all(p).await)?;
    let mut by_issue: std::collections::HashMap<String, Vec<Variant>> = Default::default();
    for r in rows {
        by_issue
            .entry(r.issue_id.clone())
            .or_default()
            .push(r.into());
    }
    Ok(issues
        .into_iter()
        .map(|i| {
            let v = by_issue.remove(&i.id).unwrap_or_default();
            (i, v)
        })
        .collect())
}

/// Replaces an issue's variants (those with neither title nor body are dropped), if its
/// texts may still change; `false` when it is already sending or sent (nothing changed).
pub async fn save_variants_in(
    tx: &mut Tx,
    issue_id: &str,
    variants: &[Variant],
    at: i64,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE newsletter_issues SET updated_at = $2 WHERE id = $1 \
         AND state IN ('draft', 'scheduled')")
        .bind(issue_id).bind(at).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if n != 1 {
        return Ok(false);
    }
    on_tx!(tx, c => sqlx::query("DELETE FROM newsletter_issue_variants WHERE issue_id = $1")
        .bind(issue_id).execute(&mut *c).await.map(|_| ()))?;
    for v in variants {
        if v.title.trim().is_empty() && v.body.trim().is_empty() {
            continue;
        }
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO newsletter_issue_variants (issue_id, lang, title, body) \
             VALUES ($1, $2, $3, $4)")
            .bind(issue_id).bind(&v.lang).bind(v.title.trim()).bind(&v.body)
            .execute(&mut *c).await.map(|_| ()))?;
    }
    Ok(true)
}

/// Schedules a draft (or moves a scheduled issue) to leave at `send_at`; `false` when it is
/// already sending or sent.
pub async fn schedule_in(tx: &mut Tx, issue_id: &str, send_at: i64, at: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE newsletter_issues SET state = 'scheduled', send_at = $2, updated_at = $3 \
         WHERE id = $1 AND state IN ('draft', 'scheduled')")
        .bind(issue_id).bind(send_at).bind(at).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Takes a scheduled issue back to draft; `false` when it was not scheduled (any more).
pub async fn unschedule_in(tx: &mut Tx, issue_id: &str, at: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE newsletter_issues SET state = 'draft', send_at = NULL, updated_at = $2 \
         WHERE id = $1 AND state = 'scheduled'")
        .bind(issue_id).bind(at).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Issues due at `now`: scheduled ones whose time came, and any left half-sent.
pub async fn due_issues(db: &Db, now: i64) -> Result<Vec<Issue>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ISSUE_COLUMNS} FROM newsletter_issues \
         WHERE state IN ('scheduled', 'sending') AND send_at <= $1 ORDER BY send_at, id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, Issue>(sql).bind(now).fetch_all(p).await)?)
}

/// Records a batch queued: the issue is sending and its cursor moves from `from` to `to`.
/// `false` (roll back!) when the cursor was not at `from`: another sender took the batch.
pub async fn advance_in(
    tx: &mut Tx,
    issue_id: &str,
    from: &str,
    to: &str,
    added: i64,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE newsletter_issues SET state = 'sending', sent_through = $3, \
         recipients = recipients + $4 \
         WHERE id = $1 AND sent_through = $2 AND state IN ('scheduled', 'sending')")
        .bind(issue_id).bind(from).bind(to).bind(added).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Marks an issue sent once its last batch is queued; `false` when another sender moved it.
pub async fn finish_in(tx: &mut Tx, issue_id: &str, through: &str, at: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE newsletter_issues SET state = 'sent', sent_at = $3, updated_at = $3 \
         WHERE id = $1 AND sent_through = $2 AND state IN ('scheduled', 'sending')")
        .bind(issue_id).bind(through).bind(at).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A subscriber (or an address waiting to confirm).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Subscriber {
    pub id: String,
    pub newsletter_id: String,
    pub address: String,
    pub user_id: Option<String>,
    pub locale: String,
    pub created_at: i64,
    pub confirmed_at: Option<i64>,
    pub token_at: Option<i64>,
    pub source_page: String,
    pub consent_text: String,
    pub consent_version: i64,
}

const SUBSCRIBER_COLUMNS: &str = "id, newsletter_id, address, user_id, locale, created_at, \
     confirmed_at, token_at, source_page, consent_text, consent_version";

/// A request to subscribe: who, where from, under which wording.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub newsletter_id: &'a str,
    pub address: &'a str,
    pub user_id: Option<&'a str>,
    pub locale: &'a str,
    pub source_page: &'a str,
    pub consent_text: &'a str,
    pub consent_version: i64,
}

/// The row of `address` for a newsletter, if any.
pub async fn subscriber_in(
    tx: &mut Tx,
    newsletter_id: &str,
    address: &str,
) -> Result<Option<Subscriber>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {SUBSCRIBER_COLUMNS} FROM newsletter_subscribers \
         WHERE newsletter_id = $1 AND address = $2"
    ));
    let address = address.trim().to_lowercase();
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, Subscriber>(sql).bind(newsletter_id).bind(&address)
        .fetch_optional(&mut *c).await)?,
    )
}

/// [`subscriber_in`] outside a transaction.
pub async fn subscriber(db: &Db, newsletter_id: &str, address: &str) -> Result<Option<Subscriber>> {
    let mut tx = db.begin().await?;
    let s = subscriber_in(&mut tx, newsletter_id, address).await?;
    tx.commit().await?;
    Ok(s)
}

/// Records a request to subscribe waiting for its confirmation (`token_hash`): a new row, or
/// a new link for a row that exists (a confirmed subscriber stays confirmed meanwhile).
pub async fn request_in(tx: &mut Tx, r: &Request<'_>, token_hash: &str, at: i64) -> Result<()> {
    let address = r.address.trim().to_lowercase();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO newsletter_subscribers (id, newsletter_id, address, user_id, locale, \
         created_at, token_hash, token_at, source_page, consent_text, consent_version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8, $9, $10) \
         ON CONFLICT (newsletter_id, address) DO UPDATE SET token_hash = excluded.token_hash, \
         token_at = excluded.token_at, locale = excluded.locale, \
         source_page = excluded.source_page, consent_text = excluded.consent_text, \
         consent_version = excluded.consent_version, \
         created_at = CASE WHEN newsletter_subscribers.confirmed_at IS NULL \
           THEN excluded.created_at ELSE newsletter_subscribers.created_at END")
        .bind(new_id()).bind(r.newsletter_id).bind(&address).bind(r.user_id).bind(r.locale)
        .bind(at).bind(token_hash).bind(r.source_page).bind(r.consent_text)
        .bind(r.consent_version)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// The row waiting for the link whose hash is `token_hash`.
pub async fn by_token_in(tx: &mut Tx, token_hash: &str) -> Result<Option<Subscriber>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {SUBSCRIBER_COLUMNS} FROM newsletter_subscribers WHERE token_hash = $1"
    ));
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, Subscriber>(sql).bind(token_hash)
        .fetch_optional(&mut *c).await)?,
    )
}

/// Confirms the row holding `token_hash` and voids the link; `false` when the link was used
/// or replaced meanwhile.
pub async fn confirm_in(tx: &mut Tx, id: &str, token_hash: &str, at: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE newsletter_subscribers SET confirmed_at = $3, token_hash = NULL, token_at = NULL \
         WHERE id = $1 AND token_hash = $2")
        .bind(id).bind(token_hash).bind(at).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Subscribes a signed-in member at once (their address is proven by their account).
pub async fn subscribe_member_in(tx: &mut Tx, r: &Request<'_>, at: i64) -> Result<()> {
    let address = r.address.trim().to_lowercase();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO newsletter_subscribers (id, newsletter_id, address, user_id, locale, \
         created_at, confirmed_at, source_page, consent_text, consent_version) \
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9) \
         ON CONFLICT (newsletter_id, address) DO UPDATE SET user_id = excluded.user_id, \
         locale = excluded.locale, confirmed_at = excluded.confirmed_at, token_hash = NULL, \
         token_at = NULL, source_page = excluded.source_page, \
         consent_text = excluded.consent_text, consent_version = excluded.consent_version")
        .bind(new_id()).bind(r.newsletter_id).bind(&address).bind(r.user_id).bind(r.locale)
        .bind(at).bind(r.source_page).bind(r.consent_text).bind(r.consent_version)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// A consent receipt.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Receipt {
    pub id: String,
    pub newsletter_id: String,
    pub address: String,
    pub list_id: String,
    pub list_name: String,
    pub source_page: String,
    pub consent_text: String,
    pub consent_version: i64,
    pub locale: String,
    pub method: String,
    pub requested_at: i64,
    pub confirmed_at: i64,
}

/// Keeps the receipt of a subscription: what, when, from which page, which wording.
pub async fn add_receipt_in(tx: &mut Tx, r: &Receipt) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO newsletter_consents (id, newsletter_id, address, list_id, list_name, \
         source_page, consent_text, consent_version, locale, method, requested_at, confirmed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
        .bind(&r.id).bind(&r.newsletter_id).bind(r.address.trim().to_lowercase())
        .bind(&r.list_id).bind(&r.list_name).bind(&r.source_page).bind(&r.consent_text)
        .bind(r.consent_version).bind(&r.locale).bind(&r.method).bind(r.requested_at)
        .bind(r.confirmed_at)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// The receipts of `address` for a newsletter, oldest first.
pub async fn receipts(db: &Db, newsletter_id: &str, address: &str) -> Result<Vec<Receipt>> {
    let address = address.trim().to_lowercase();
    Ok(on_db!(db, p => sqlx::query_as::<_, Receipt>(
        "SELECT id, newsletter_id, address, list_id, list_name, source_page, consent_text, \
         consent_version, locale, method, requested_at, confirmed_at FROM newsletter_consents \
         WHERE newsletter_id = $1 AND address = $2 ORDER BY confirmed_at, id")
        .bind(newsletter_id).bind(&address).fetch_all(p).await)?)
}

/// A confirmed subscriber to mail: id (the batch cursor), address, locale.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recipient {
    pub id: String,
    pub address: String,
    pub locale: String,
}

/// Up to `limit` confirmed subscribers after the cursor `after`, in id order, leaving out
/// those who left the list `list_id`.
pub async fn recipients_in(
    tx: &mut Tx,
    newsletter_id: &str,
    list_id: &str,
    after: &str,
    limit: i64,
) -> Result<Vec<Recipient>> {
    // A group's newsletter also goes to the group's members (not those still asking to
    // join) who have no confirmed subscription of their own: keyed `member:<user id>` in the
    // same cursor order.
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Recipient>(
        "SELECT r.id, r.address, r.locale FROM ( \
           SELECT s.id AS id, s.address AS address, s.locale AS locale \
           FROM newsletter_subscribers s \
           WHERE s.newsletter_id = $1 AND s.confirmed_at IS NOT NULL \
           UNION ALL \
           SELECT 'member:' || m.user_id AS id, u.email AS address, m.locale AS locale \
           FROM newsletters n JOIN group_members m ON m.group_id = n.owner_id \
           JOIN users u ON u.id = m.user_id \
           WHERE n.id = $1 AND n.owner_kind = 'group' AND m.role <> 'requested' \
             AND NOT EXISTS (SELECT 1 FROM newsletter_subscribers s2 \
               WHERE s2.newsletter_id = $1 AND s2.address = u.email \
                 AND s2.confirmed_at IS NOT NULL) \
         ) r WHERE r.id > $2 \
         AND NOT EXISTS (SELECT 1 FROM mail_optouts o WHERE o.address = r.address \
           AND o.list_id = $3) \
         ORDER BY r.id LIMIT $4")
        .bind(newsletter_id).bind(after).bind(list_id).bind(limit)
        .fetch_all(&mut *c).await)?)
}

/// A line of the subscriber list editors see.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SubscriberLine {
    pub address: String,
    pub member: bool,
    pub created_at: i64,
    pub confirmed_at: Option<i64>,
    /// Left the list (a row in `mail_optouts`).
    pub left: bool,
}

/// Subscribers and waiting addresses of a newsletter (at most `limit`), newest first.
pub async fn subscriber_lines(
    db: &Db,
    newsletter_id: &str,
    list_id: &str,
    limit: i64,
) -> Result<Vec<SubscriberLine>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, SubscriberLine>(
        "SELECT s.address, (s.user_id IS NOT NULL) AS member, s.created_at, s.confirmed_at, \
         EXISTS (SELECT 1 FROM mail_optouts o WHERE o.address = s.address AND o.list_id = $2) \
           AS left \
         FROM newsletter_subscribers s WHERE s.newsletter_id = $1 \
         ORDER BY s.created_at DESC, s.id DESC LIMIT $3")
        .bind(newsletter_id).bind(list_id).bind(limit).fetch_all(p).await)?)
}

/// How many confirmed subscribers have not left.
pub async fn count_confirmed(db: &Db, newsletter_id: &str, list_id: &str) -> Result<i64> {
    // Counted as `recipients_in` reads them (a group's members included).
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM ( \
           SELECT s.address AS address FROM newsletter_subscribers s \
           WHERE s.newsletter_id = $1 AND s.confirmed_at IS NOT NULL \
           UNION ALL \
           SELECT u.email FROM newsletters n JOIN group_members m ON m.group_id = n.owner_id \
           JOIN users u ON u.id = m.user_id \
           WHERE n.id = $1 AND n.owner_kind = 'group' AND m.role <> 'requested' \
             AND NOT EXISTS (SELECT 1 FROM newsletter_subscribers s2 \
               WHERE s2.newsletter_id = $1 AND s2.address = u.email \
                 AND s2.confirmed_at IS NOT NULL) \
         ) r WHERE NOT EXISTS (SELECT 1 FROM mail_optouts o \
         WHERE o.address = r.address AND o.list_id = $2)")
        .bind(newsletter_id).bind(list_id).fetch_one(p).await)?)
}

/// Forgets addresses that never confirmed, requested before `before`, and voids older links
/// of confirmed subscribers; returns how many addresses were forgotten.
pub async fn forget_unconfirmed(db: &Db, before: i64) -> Result<u64> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, c => sqlx::query(
        "DELETE FROM newsletter_subscribers WHERE confirmed_at IS NULL AND created_at < $1")
        .bind(before).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    on_tx!(&mut tx, c => sqlx::query(
        "UPDATE newsletter_subscribers SET token_hash = NULL, token_at = NULL \
         WHERE token_at IS NOT NULL AND token_at < $1")
        .bind(before).execute(&mut *c).await.map(|_| ()))?;
    tx.commit().await?;
    Ok(n)
}

/// Newsletter slugs that are `base` or `base-…` (to choose a free one in one query).
pub async fn taken_slugs_in(tx: &mut Tx, base: &str) -> Result<std::collections::HashSet<String>> {
    let rows: Vec<(String,)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT slug FROM newsletters WHERE slug = $1 OR slug LIKE $2")
        .bind(base).bind(format!("{base}-%")).fetch_all(&mut *c).await)?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}

/// Takes the issue's row (and, on SQLite, the write lock) first in a sending transaction, so
/// that the reads after it see what the batch will write over.
pub async fn lock_issue_in(tx: &mut Tx, id: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE newsletter_issues SET updated_at = updated_at WHERE id = $1")
        .bind(id).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}
