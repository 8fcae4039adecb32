//! The hot path of taking a quiz (issue 23's burst: thousands of people answering at once).
//! A page of a session reads everything it needs in one statement ([`taking`]: the session,
//! its version's open period, its campaign and its answers), and answers are written in
//! batches, many sessions' answers in one transaction ([`answers_in`]), by the one writer
//! `spona_app::quizzes::live` runs: one commit (one WAL sync on SQLite) for all of them.

use std::collections::HashMap;

use crate::quizzes::{Campaign, Session};
use crate::{Db, Result, Tx, on_db, on_tx};

/// A session as its pages need it, read in one statement.
#[derive(Debug, Clone)]
pub struct Taking {
    pub session: Session,
    /// The campaign of the session's version (with its network's coordinator).
    pub campaign: Campaign,
    /// The session's version: its number and open period `[starts_at, ends_at)`. The
    /// document itself is read (and kept) by quiz id: a version never changes once a
    /// session exists (`quizzes::replace_unanswered_in`).
    pub version: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    /// `(question, correct)` in question order.
    pub responses: Vec<(i64, Option<i64>)>,
    /// `(question, choice)` in order.
    pub choices: Vec<(i64, i64)>,
}

#[derive(sqlx::FromRow)]
struct Row {
    #[sqlx(flatten)]
    session: Session,
    c_id: String,
    c_slug: String,
    c_org_id: String,
    c_public_results: i64,
    c_token_key: String,
    c_created_by: Option<String>,
    c_created_at: i64,
    c_network_id: Option<String>,
    c_network_coordinator: Option<String>,
    q_version: i64,
    q_starts_at: i64,
    q_ends_at: i64,
    r_question: Option<i64>,
    r_correct: Option<i64>,
    ch_choice: Option<i64>,
}

/// The session `id` with its campaign, its version's period and its answers: one statement
/// (a row per chosen option, at least one). `None`: no such session.
pub async fn taking(db: &Db, id: &str) -> Result<Option<Taking>> {
    let rows: Vec<Row> = on_db!(db, p => sqlx::query_as(
        "SELECT s.id, s.quiz_id, s.channel, s.day, s.dedup, s.country, s.region, s.age_band, \
         s.excluded, s.created_at, s.finished_at, \
         c.id AS c_id, c.slug AS c_slug, c.org_id AS c_org_id, \
         c.public_results AS c_public_results, c.token_key AS c_token_key, \
         c.created_by AS c_created_by, c.created_at AS c_created_at, \
         c.network_id AS c_network_id, n.coordinator_org_id AS c_network_coordinator, \
         q.version AS q_version, q.starts_at AS q_starts_at, q.ends_at AS q_ends_at, \
         r.question AS r_question, r.correct AS r_correct, ch.choice AS ch_choice \
         FROM quiz_sessions s \
         JOIN quizzes q ON q.id = s.quiz_id \
         JOIN quiz_campaigns c ON c.id = q.campaign_id \
         LEFT JOIN networks n ON n.id = c.network_id \
         LEFT JOIN quiz_responses r ON r.session_id = s.id \
         LEFT JOIN quiz_choices ch ON ch.session_id = r.session_id AND ch.question = r.question \
         WHERE s.id = $1 ORDER BY r.question, ch.choice")
        .bind(id).fetch_all(p).await)?;
    let mut rows = rows.into_iter();
    let Some(first) = rows.next() else {
        return Ok(None);
    };
    let mut responses: Vec<(i64, Option<i64>)> = Vec::new();
    let mut choices = Vec::new();
    let mut note = |r: &Row| {
        if let Some(q) = r.r_question {
            if responses.last().is_none_or(|(last, _)| *last != q) {
                responses.push((q, r.r_correct));
            }
            if let Some(c) = r.ch_choice {
                choices.push((q, c));
            }
        }
    };
    note(&first);
    for r in rows {
        note(&r);
    }
    Ok(Some(Taking {
        campaign: Campaign {
            id: first.c_id,
            slug: first.c_slug,
            org_id: first.c_org_id,
            public_results: first.c_public_results,
            token_key: first.c_token_key,
            created_by: first.c_created_by,
            created_at: first.c_created_at,
            network_id: first.c_network_id,
            network_coordinator: first.c_network_coordinator,
        },
        version: first.q_version,
        starts_at: first.q_starts_at,
        ends_at: first.q_ends_at,
        session: first.session,
        responses,
        choices,
    }))
}

/// One answer to store: the session's answer to a question (its index in the document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAnswer {
    pub session_id: String,
    pub question: i64,
    pub correct: Option<bool>,
    /// Sorted, without repeats.
    pub choices: Vec<i64>,
    pub at: i64,
}

/// Answers per statement: 4 values each, well under both databases' limits on bound values.
const CHUNK: usize = 200;

/// Stores a batch of answers in the caller's transaction, each once: for each answer, true
/// when it was stored, false when its session had answered that question already (nothing
/// written for it). Two statements per [`CHUNK`] answers whatever the batch: the answers
/// (`ON CONFLICT DO NOTHING RETURNING` names those stored) and the choices of those stored.
/// An answer repeated within the batch is stored once (the first; the others are false).
/// A session that does not exist fails the whole statement (a foreign key): the caller
/// then stores the batch one answer at a time to tell which.
pub async fn answers_in(tx: &mut Tx, batch: &[NewAnswer]) -> Result<Vec<bool>> {
    let mut stored = vec![false; batch.len()];
    // The first of each (session, question) goes to the database; repeats stay false.
    let mut firsts: HashMap<(&str, i64), usize> = HashMap::new();
    let mut unique = Vec::new();
    for (i, a) in batch.iter().enumerate() {
        if let std::collections::hash_map::Entry::Vacant(e) =
            firsts.entry((a.session_id.as_str(), a.question))
        {
            e.insert(i);
            unique.push(i);
        }
    }
    for part in unique.chunks(CHUNK) {
        let marks = (0..part.len())
            .map(|k| {
                format!(
                    "(${}, ${}, ${}, ${})",
                    4 * k + 1,
                    4 * k + 2,
                    4 * k + 3,
                    4 * k + 4
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO quiz_responses (session_id, question, correct, answered_at) VALUES \
             {marks} ON CONFLICT (session_id, question) DO NOTHING RETURNING session_id, question"
        );
        let rows: Vec<(String, i64)> = on_tx!(tx, x => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
            for &i in part {
                let a = &batch[i];
                q = q.bind(&a.session_id).bind(a.question).bind(a.correct.map(i64::from)).bind(a.at);
            }
            q.fetch_all(&mut *x).await
        })?;
        let mut chosen: Vec<(usize, i64)> = Vec::new();
        for (session, question) in rows {
            if let Some(&i) = firsts.get(&(session.as_str(), question)) {
                stored[i] = true;
                chosen.extend(batch[i].choices.iter().map(|c| (i, *c)));
            }
        }
        for few in chosen.chunks(CHUNK) {
            let marks = (0..few.len())
                .map(|k| format!("(${}, ${}, ${})", 3 * k + 1, 3 * k + 2, 3 * k + 3))
                .collect::<Vec<_>>()
                .join(", ");
            let sql =
                format!("INSERT INTO quiz_choices (session_id, question, choice) VALUES {marks}");
            on_tx!(tx, x => {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
                for (i, c) in few {
                    q = q.bind(&batch[*i].session_id).bind(batch[*i].question).bind(*c);
                }
                q.execute(&mut *x).await.map(|r| r.rows_affected())
            })?;
        }
    }
    crate::tx::fault_point("quiz.answer")?;
    Ok(stored)
}
