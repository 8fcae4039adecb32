//! Awareness quizzes (issue 23, migration 0230): campaigns, their quiz versions (the JSON
//! of `spona_domain::quiz::QuizDoc`), channels, the day's salt, anonymous sessions and
//! their answers, and the aggregate counts of the results. No client address ever reaches
//! this module: a session holds only the keyed hash `spona_app::quizzes` made of it.

use crate::idempotency::Once;
use crate::{Db, Result, Tx, conflict, on_db, on_tx};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Campaign {
    pub id: String,
    pub slug: String,
    pub org_id: String,
    pub public_results: i64,
    pub token_key: String,
    pub created_by: Option<String>,
    pub created_at: i64,
    /// The network the campaign belongs to (migration 0330); none: `org_id`'s own.
    pub network_id: Option<String>,
    /// Read only: the network's coordinating organisation as it is now (whose admins
    /// coordinate a network's campaign); ignored when saving.
    pub network_coordinator: Option<String>,
}

/// One version of a campaign's quiz.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Quiz {
    pub id: String,
    pub campaign_id: String,
    pub version: i64,
    pub doc: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Channel {
    pub campaign_id: String,
    pub code: String,
    pub kind: String,
    pub label: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Session {
    pub id: String,
    pub quiz_id: String,
    pub channel: Option<String>,
    pub day: String,
    pub dedup: String,
    pub country: Option<String>,
    pub region: Option<String>,
    pub age_band: Option<String>,
    pub excluded: i64,
    pub created_at: i64,
    pub finished_at: Option<i64>,
}

/// A campaign's columns with its network's coordinating organisation, read from
/// `quiz_campaigns c LEFT JOIN networks n` ([`CAMPAIGN_FROM`]).
const CAMPAIGN: &str = "c.id, c.slug, c.org_id, c.public_results, c.token_key, c.created_by, \
     c.created_at, c.network_id, n.coordinator_org_id AS network_coordinator";
const CAMPAIGN_FROM: &str = "quiz_campaigns c LEFT JOIN networks n ON n.id = c.network_id";
const QUIZ: &str = "id, campaign_id, version, doc, starts_at, ends_at, created_at";
const SESSION: &str = "id, quiz_id, channel, day, dedup, country, region, age_band, excluded, \
     created_at, finished_at";

/// Saves a campaign with its first quiz version, claiming the form's key. A short address
/// already taken is [`crate::StoreError::Conflict`].
pub async fn create_campaign_in(
    tx: &mut Tx,
    c: &Campaign,
    quiz: &Quiz,
    once: Option<&Once>,
) -> Result<()> {
    if let Some(once) = once {
        crate::idempotency::claim_in(tx, once, &c.id).await?;
    }
    on_tx!(tx, x => sqlx::query(
        "INSERT INTO quiz_campaigns (id, slug, org_id, public_results, token_key, created_by, \
         created_at, network_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(&c.id).bind(&c.slug).bind(&c.org_id).bind(c.public_results).bind(&c.token_key)
        .bind(&c.created_by).bind(c.created_at).bind(&c.network_id)
        .execute(&mut *x).await.map(|r| r.rows_affected()).map_err(conflict))?;
    insert_quiz_in(tx, quiz).await
}

pub async fn insert_quiz_in(tx: &mut Tx, q: &Quiz) -> Result<()> {
    on_tx!(tx, x => sqlx::query(
        "INSERT INTO quizzes (id, campaign_id, version, doc, starts_at, ends_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&q.id).bind(&q.campaign_id).bind(q.version).bind(&q.doc).bind(q.starts_at)
        .bind(q.ends_at).bind(q.created_at)
        .execute(&mut *x).await.map(|r| r.rows_affected()).map_err(conflict))?;
    Ok(())
}

/// Replaces a version's content while nobody has started it; false when someone has (the
/// caller then makes a new version). The check and the change are one statement.
pub async fn replace_unanswered_in(tx: &mut Tx, q: &Quiz) -> Result<bool> {
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE quizzes SET doc = $2, starts_at = $3, ends_at = $4 WHERE id = $1 \
         AND NOT EXISTS (SELECT 1 FROM quiz_sessions s WHERE s.quiz_id = $1)")
        .bind(&q.id).bind(&q.doc).bind(q.starts_at).bind(q.ends_at)
        .execute(&mut *x).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn set_public_in(tx: &mut Tx, campaign_id: &str, public: bool) -> Result<()> {
    on_tx!(tx, x => sqlx::query("UPDATE quiz_campaigns SET public_results = $2 WHERE id = $1")
        .bind(campaign_id).bind(i64::from(public))
        .execute(&mut *x).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn campaign(db: &Db, id: &str) -> Result<Option<Campaign>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {CAMPAIGN} FROM {CAMPAIGN_FROM} WHERE c.id = $1"
    ));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?)
}

pub async fn campaign_by_slug(db: &Db, slug: &str) -> Result<Option<Campaign>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {CAMPAIGN} FROM {CAMPAIGN_FROM} WHERE c.slug = $1"
    ));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(slug).fetch_optional(p).await)?)
}

/// Every campaign, newest first (the use case keeps those the reader coordinates).
pub async fn campaigns(db: &Db) -> Result<Vec<Campaign>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {CAMPAIGN} FROM {CAMPAIGN_FROM} ORDER BY c.created_at DESC, c.id DESC"
    ));
    Ok(on_db!(db, p => sqlx::query_as(sql).fetch_all(p).await)?)
}

/// A campaign with its newest quiz version, as the coordinators' list shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Listed {
    #[sqlx(flatten)]
    pub campaign: Campaign,
    /// The JSON of the newest version's `QuizDoc`.
    pub doc: String,
}

/// The campaigns of these organisations (their own, and those of the networks they
/// coordinate), or every campaign for `None`, each with its newest version: one statement
/// however many campaigns there are. Newest first.
pub async fn listed(db: &Db, orgs: Option<&[String]>) -> Result<Vec<Listed>> {
    let filter = match orgs {
        None => String::new(),
        Some([]) => return Ok(Vec::new()),
        Some(ids) => {
            let marks = (1..=ids.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "AND ((c.network_id IS NULL AND c.org_id IN ({marks})) \
                 OR n.coordinator_org_id IN ({marks}))"
            )
        }
    };
    let sql = format!(
        "SELECT {CAMPAIGN}, q.doc FROM {CAMPAIGN_FROM} \
         JOIN quizzes q ON q.campaign_id = c.id \
         AND q.version = (SELECT MAX(v.version) FROM quizzes v WHERE v.campaign_id = c.id) \
         WHERE 1 = 1 {filter} ORDER BY c.created_at DESC, c.id DESC"
    );
    Ok(on_db!(db, p => {
        let mut q = sqlx::query_as::<_, Listed>(sqlx::AssertSqlSafe(sql.clone()));
        for id in orgs.unwrap_or_default() {
            q = q.bind(id);
        }
        q.fetch_all(p).await
    })?)
}

/// The newest version of a campaign's quiz.
pub async fn current_quiz(db: &Db, campaign_id: &str) -> Result<Option<Quiz>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {QUIZ} FROM quizzes WHERE campaign_id = $1 ORDER BY version DESC LIMIT 1"
    ));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(campaign_id).fetch_optional(p).await)?)
}

pub async fn quiz(db: &Db, id: &str) -> Result<Option<Quiz>> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {QUIZ} FROM quizzes WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?)
}

/// A campaign's versions, newest first, with how many sessions each has.
pub async fn versions(db: &Db, campaign_id: &str) -> Result<Vec<(i64, String, i64)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT q.version, q.id, (SELECT COUNT(*) FROM quiz_sessions s WHERE s.quiz_id = q.id) \
         FROM quizzes q WHERE q.campaign_id = $1 ORDER BY q.version DESC")
        .bind(campaign_id).fetch_all(p).await)?)
}

pub async fn channels(db: &Db, campaign_id: &str) -> Result<Vec<Channel>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT campaign_id, code, kind, label, created_at FROM quiz_channels \
         WHERE campaign_id = $1 ORDER BY code")
        .bind(campaign_id).fetch_all(p).await)?)
}

pub async fn channel_exists(db: &Db, campaign_id: &str, code: &str) -> Result<bool> {
    let row: Option<(String,)> = on_db!(db, p => sqlx::query_as(
        "SELECT code FROM quiz_channels WHERE campaign_id = $1 AND code = $2")
        .bind(campaign_id).bind(code).fetch_optional(p).await)?;
    Ok(row.is_some())
}

/// Adds a channel; a code the campaign has already is a conflict.
pub async fn add_channel_in(tx: &mut Tx, c: &Channel) -> Result<()> {
    on_tx!(tx, x => sqlx::query(
        "INSERT INTO quiz_channels (campaign_id, code, kind, label, created_at) \
         VALUES ($1, $2, $3, $4, $5)")
        .bind(&c.campaign_id).bind(&c.code).bind(&c.kind).bind(&c.label).bind(c.created_at)
        .execute(&mut *x).await.map(|r| r.rows_affected()).map_err(conflict))?;
    Ok(())
}

/// The salt of `day`, made (from `fresh`) at its first use; salts of earlier days are
/// deleted then, so that yesterday's hashes can no longer be recomputed from an address.
pub async fn salt_of(db: &Db, day: &str, fresh: &str) -> Result<String> {
    let row: Option<(String,)> = on_db!(db, p => sqlx::query_as(
        "SELECT salt FROM quiz_salts WHERE day = $1").bind(day).fetch_optional(p).await)?;
    if let Some((salt,)) = row {
        return Ok(salt);
    }
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, x => sqlx::query("DELETE FROM quiz_salts WHERE day < $1")
        .bind(day).execute(&mut *x).await.map(|r| r.rows_affected()))?;
    on_tx!(&mut tx, x => sqlx::query(
        "INSERT INTO quiz_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING")
        .bind(day).bind(fresh).execute(&mut *x).await.map(|r| r.rows_affected()))?;
    let (salt,): (String,) = on_tx!(&mut tx, x => sqlx::query_as(
        "SELECT salt FROM quiz_salts WHERE day = $1").bind(day).fetch_one(&mut *x).await)?;
    tx.commit().await?;
    Ok(salt)
}

/// How many sessions this hash started since `since` (a burst from one address).
pub async fn recent_starts(db: &Db, dedup: &str, since: i64) -> Result<i64> {
    let (n,): (i64,) = on_db!(db, p => sqlx::query_as(
        "SELECT COUNT(*) FROM quiz_sessions WHERE dedup = $1 AND created_at >= $2")
        .bind(dedup).bind(since).fetch_one(p).await)?;
    Ok(n)
}

pub async fn start_session(db: &Db, s: &Session) -> Result<()> {
    on_db!(db, p => sqlx::query(
        "INSERT INTO quiz_sessions (id, quiz_id, channel, day, dedup, excluded, created_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $6)")
        .bind(&s.id).bind(&s.quiz_id).bind(&s.channel).bind(&s.day).bind(&s.dedup)
        .bind(s.created_at).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn session(db: &Db, id: &str) -> Result<Option<Session>> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {SESSION} FROM quiz_sessions WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?)
}

/// Records an answer with its choices, once: false (and nothing written) when the session
/// answered this question already. One transaction: the answer and its choices together.
pub async fn answer(
    db: &Db,
    session_id: &str,
    question: i64,
    correct: Option<bool>,
    choices: &[i64],
    at: i64,
) -> Result<bool> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, x => sqlx::query(
        "INSERT INTO quiz_responses (session_id, question, correct, answered_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (session_id, question) DO NOTHING")
        .bind(session_id).bind(question).bind(correct.map(i64::from)).bind(at)
        .execute(&mut *x).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(false);
    }
    for c in choices {
        on_tx!(&mut tx, x => sqlx::query(
            "INSERT INTO quiz_choices (session_id, question, choice) VALUES ($1, $2, $3)")
            .bind(session_id).bind(question).bind(c)
            .execute(&mut *x).await.map(|r| r.rows_affected()))?;
    }
    crate::tx::fault_point("quiz.answer")?;
    tx.commit().await?;
    Ok(true)
}

/// A session's answers: `(question, correct)` in question order, and every choice
/// `(question, choice)`.
pub async fn answers(
    db: &Db,
    session_id: &str,
) -> Result<(Vec<(i64, Option<i64>)>, Vec<(i64, i64)>)> {
    let responses = on_db!(db, p => sqlx::query_as(
        "SELECT question, correct FROM quiz_responses WHERE session_id = $1 ORDER BY question")
        .bind(session_id).fetch_all(p).await)?;
    let choices = on_db!(db, p => sqlx::query_as(
        "SELECT question, choice FROM quiz_choices WHERE session_id = $1 \
         ORDER BY question, choice")
        .bind(session_id).fetch_all(p).await)?;
    Ok((responses, choices))
}

/// Saves the optional questions about the taker and marks the session finished, once.
pub async fn finish(
    db: &Db,
    session_id: &str,
    country: Option<&str>,
    region: Option<&str>,
    age_band: Option<&str>,
    at: i64,
) -> Result<bool> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE quiz_sessions SET country = $2, region = $3, age_band = $4, finished_at = $5 \
         WHERE id = $1 AND finished_at IS NULL")
        .bind(session_id).bind(country).bind(region).bind(age_band).bind(at)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Raw counts of a quiz's results over the sessions not excluded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub sessions: i64,
    /// `(question, choice, people)`.
    pub choices: Vec<(i64, i64, i64)>,
    /// `(question, correct: 1/0/-1 for not scored, people)`.
    pub correct: Vec<(i64, i64, i64)>,
    /// `(dimension, value or "", sessions)` for country, region, age band, channel, day.
    pub by: Vec<(String, String, i64)>,
}

/// The dimensions sessions are counted by.
pub const DIMENSIONS: [&str; 5] = ["country", "region", "age_band", "channel", "day"];

/// The counts of one quiz version: seven queries whatever the number of sessions.
pub async fn counts(db: &Db, quiz_id: &str) -> Result<Counts> {
    let (sessions,): (i64,) = on_db!(db, p => sqlx::query_as(
        "SELECT COUNT(*) FROM quiz_sessions WHERE quiz_id = $1 AND excluded = 0")
        .bind(quiz_id).fetch_one(p).await)?;
    let choices = on_db!(db, p => sqlx::query_as(
        "SELECT c.question, c.choice, COUNT(*) FROM quiz_choices c \
         JOIN quiz_sessions s ON s.id = c.session_id \
         WHERE s.quiz_id = $1 AND s.excluded = 0 \
         GROUP BY c.question, c.choice ORDER BY c.question, c.choice")
        .bind(quiz_id).fetch_all(p).await)?;
    let correct = on_db!(db, p => sqlx::query_as(
        "SELECT r.question, COALESCE(r.correct, -1), COUNT(*) FROM quiz_responses r \
         JOIN quiz_sessions s ON s.id = r.session_id \
         WHERE s.quiz_id = $1 AND s.excluded = 0 \
         GROUP BY r.question, COALESCE(r.correct, -1) ORDER BY r.question, 2 DESC")
        .bind(quiz_id).fetch_all(p).await)?;
    let mut by = Vec::new();
    for dim in DIMENSIONS {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT COALESCE({dim}, ''), COUNT(*) FROM quiz_sessions \
             WHERE quiz_id = $1 AND excluded = 0 GROUP BY COALESCE({dim}, '') ORDER BY 1"
        ));
        let rows: Vec<(String, i64)> =
            on_db!(db, p => sqlx::query_as(sql).bind(quiz_id).fetch_all(p).await)?;
        by.extend(rows.into_iter().map(|(v, n)| (dim.to_owned(), v, n)));
    }
    Ok(Counts {
        sessions,
        choices,
        correct,
        by,
    })
}

/// Hashes that started at least `min` sessions on one day: `(day, dedup, sessions,
/// excluded sessions)`, the largest first.
pub async fn floods(db: &Db, quiz_id: &str, min: i64) -> Result<Vec<(String, String, i64, i64)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT day, dedup, COUNT(*), CAST(SUM(excluded) AS BIGINT) FROM quiz_sessions WHERE quiz_id = $1 \
         GROUP BY day, dedup HAVING COUNT(*) >= $2 ORDER BY 3 DESC, day, dedup LIMIT 100")
        .bind(quiz_id).bind(min).fetch_all(p).await)?)
}

/// Excludes (or counts again) the sessions of one hash on one day; how many changed.
pub async fn exclude_in(
    tx: &mut Tx,
    quiz_id: &str,
    day: &str,
    dedup: &str,
    excluded: bool,
) -> Result<u64> {
    Ok(on_tx!(tx, x => sqlx::query(
        "UPDATE quiz_sessions SET excluded = $4 WHERE quiz_id = $1 AND day = $2 AND dedup = $3")
        .bind(quiz_id).bind(day).bind(dedup).bind(i64::from(excluded))
        .execute(&mut *x).await.map(|r| r.rows_affected()))?)
}
