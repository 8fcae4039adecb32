//! Pairs that both sides accepted, with their history: start, check-ins, end and feedback.
//! A pair is created by `matching::answer` when the second side accepts.

use spona_domain::ids::{ParticipantId, ProposalId, RoundId};
use spona_domain::matching::CheckIn;

use crate::{Db, Result, StoreError, Tx, new_id, now, on_db, on_tx};

/// An agreed pair of a round.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Pair {
    #[sqlx(try_from = "String")]
    pub proposal_id: ProposalId,
    #[sqlx(try_from = "String")]
    pub round_id: RoundId,
    /// The two participants (`matching_participants.id`).
    #[sqlx(try_from = "String")]
    pub a_id: ParticipantId,
    #[sqlx(try_from = "String")]
    pub b_id: ParticipantId,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub ended_by_side: Option<String>,
    pub a_feedback: Option<String>,
    pub b_feedback: Option<String>,
}

impl Pair {
    pub fn is_active(&self) -> bool {
        self.ended_at.is_none()
    }

    /// The feedback `side` (`a` or `b`) left at the end, if any.
    pub fn feedback_of(&self, side: &str) -> Option<&str> {
        if side == "a" {
            self.a_feedback.as_deref()
        } else {
            self.b_feedback.as_deref()
        }
    }
}

/// A check-in, newest first in lists.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CheckInRow {
    pub id: String,
    pub side: String,
    pub day: i64,
    pub note: String,
    pub author: String,
    pub created_at: i64,
}

const PAIR_SELECT: &str = "SELECT x.proposal_id, x.round_id, p.a_id, p.b_id, x.started_at, x.ended_at, \
     x.ended_by_side, x.a_feedback, x.b_feedback \
     FROM matching_pairs x JOIN matching_proposals p ON p.id = x.proposal_id";

pub async fn pair(db: &Db, round_id: &str, proposal_id: &str) -> Result<Pair> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{PAIR_SELECT} WHERE x.round_id = $1 AND x.proposal_id = $2"
    ));
    on_db!(db, p => sqlx::query_as::<_, Pair>(sql).bind(round_id).bind(proposal_id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

/// The round's pairs, oldest first.
pub async fn of_round(db: &Db, round_id: &str) -> Result<Vec<Pair>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{PAIR_SELECT} WHERE x.round_id = $1 ORDER BY x.started_at, x.proposal_id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, Pair>(sql).bind(round_id).fetch_all(p).await)?)
}

pub async fn check_ins(db: &Db, proposal_id: &str) -> Result<Vec<CheckInRow>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, CheckInRow>(
        "SELECT c.id, c.side, c.day, c.note, COALESCE(u.display_name, '') AS author, c.created_at \
         FROM matching_checkins c LEFT JOIN users u ON u.id = c.created_by \
         WHERE c.proposal_id = $1 ORDER BY c.day DESC, c.created_at DESC")
        .bind(proposal_id).fetch_all(p).await)?)
}

pub async fn add_check_in(
    db: &Db,
    proposal_id: &str,
    side: &str,
    c: &CheckIn,
    by: &str,
) -> Result<String> {
    add_check_in_once(db, proposal_id, side, c, by, None).await
}

/// Like [`add_check_in`].
/// The one-time key `once`, if given, is claimed in the same transaction: a retry of a post
/// that committed gets [`StoreError::Replay`](crate::StoreError::Replay) with the first
/// answer's location; one that did not commit left no key behind.
pub async fn add_check_in_once(
    db: &Db,
    proposal_id: &str,
    side: &str,
    c: &CheckIn,
    by: &str,
    once: Option<&crate::idempotency::Once>,
) -> Result<String> {
    let mut tx = db.begin().await?;
    let id = add_check_in_in(&mut tx, proposal_id, side, c, by, once).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`add_check_in_once`] inside a use case's transaction.
pub async fn add_check_in_in(
    tx: &mut Tx,
    proposal_id: &str,
    side: &str,
    c: &CheckIn,
    by: &str,
    once: Option<&crate::idempotency::Once>,
) -> Result<String> {
    let id = new_id();
    on_tx!(tx, t => {
        if let Some(once) = once {
            crate::claim_once!(&mut *t, once, &id);
        }
        sqlx::query(
            "INSERT INTO matching_checkins (id, proposal_id, side, day, note, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(&id).bind(proposal_id).bind(side).bind(c.day).bind(&c.note).bind(by).bind(now())
            .execute(&mut *t).await?;
        Ok::<_, StoreError>(())
    })?;
    Ok(id)
}

/// Ends an active pair with `side`'s feedback, inside a use case's transaction. `false` if it
/// had already ended.
pub async fn end_in(tx: &mut Tx, proposal_id: &str, side: &str, feedback: &str) -> Result<bool> {
    let sql = if side == "a" {
        "UPDATE matching_pairs SET ended_at = $1, ended_by_side = 'a', a_feedback = $2 \
         WHERE proposal_id = $3 AND ended_at IS NULL"
    } else {
        "UPDATE matching_pairs SET ended_at = $1, ended_by_side = 'b', b_feedback = $2 \
         WHERE proposal_id = $3 AND ended_at IS NULL"
    };
    let n = on_tx!(tx, c => sqlx::query(sql).bind(now()).bind(feedback).bind(proposal_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Records `side`'s feedback on an ended pair, inside a use case's transaction. `false` if
/// the pair is still active or that side already left feedback.
pub async fn feedback_in(tx: &mut Tx, proposal_id: &str, side: &str, text: &str) -> Result<bool> {
    let sql = if side == "a" {
        "UPDATE matching_pairs SET a_feedback = $1 \
         WHERE proposal_id = $2 AND ended_at IS NOT NULL AND a_feedback IS NULL"
    } else {
        "UPDATE matching_pairs SET b_feedback = $1 \
         WHERE proposal_id = $2 AND ended_at IS NOT NULL AND b_feedback IS NULL"
    };
    let n = on_tx!(tx, c => sqlx::query(sql).bind(text).bind(proposal_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
