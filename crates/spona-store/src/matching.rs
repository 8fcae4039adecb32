//! Matching rounds and the organisations that opted in.

use spona_domain::ids::{OrgId, ParticipantId, ProposalId, RoundId, UserId};
use spona_domain::matching::{
    Answer, ConstraintKind, OptIn, Programme, RoundSpec, RoundStatus, Side,
};
use std::collections::HashMap;

use crate::{Db, Result, StoreError, Tx, conflict, new_id, now, on_db, on_tx};

#[path = "matching_reason.rs"]
mod reason;
pub use reason::{CorruptReason, Explanation, Reason};
#[path = "matching_mine.rs"]
mod mine;
pub use mine::{MyProposal, proposals_of};

/// A round as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Round {
    #[sqlx(try_from = "String")]
    pub id: RoundId,
    #[sqlx(try_from = "String")]
    pub programme: Programme,
    pub title: String,
    pub side_a: String,
    pub side_b: String,
    pub network_id: Option<String>,
    pub deadline: i64,
    #[sqlx(try_from = "String")]
    pub status: RoundStatus,
    pub created_by: String,
    pub created_at: i64,
    pub participants: i64,
    /// The title in other languages, `(language, title)` (`matching_round_texts`).
    #[sqlx(skip)]
    pub titles: Vec<(String, String)>,
}

impl Round {
    pub fn programme(&self) -> Option<Programme> {
        Some(self.programme)
    }

    pub fn countries_a(&self) -> Vec<&str> {
        self.side_a.split(',').filter(|c| !c.is_empty()).collect()
    }

    pub fn countries_b(&self) -> Vec<&str> {
        self.side_b.split(',').filter(|c| !c.is_empty()).collect()
    }

    /// The side of an organisation or person in `country`, or `None` if on neither side.
    pub fn side_of(&self, country: &str) -> Option<Side> {
        if self.countries_a().contains(&country) {
            Some(Side::A)
        } else if self.countries_b().contains(&country) {
            Some(Side::B)
        } else {
            None
        }
    }

    pub fn is_open(&self, now: i64) -> bool {
        self.status == RoundStatus::Open && now <= self.deadline
    }
}

/// An organisation (peer exchange, buddy pairs) or a person (mentorship) in a round.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Participant {
    #[sqlx(try_from = "String")]
    pub id: ParticipantId,
    #[sqlx(try_from = "String")]
    pub round_id: RoundId,
    /// Set for an organisation; `org_slug` with it.
    #[sqlx(try_from = "crate::ids::OptId")]
    pub org_id: Option<OrgId>,
    pub org_slug: Option<String>,
    /// Set for a person.
    #[sqlx(try_from = "crate::ids::OptId")]
    pub user_id: Option<UserId>,
    /// The organisation's name or the person's display name.
    pub name: String,
    /// The organisation's country, or the one the person stated.
    pub country: String,
    #[sqlx(try_from = "String")]
    pub side: Side,
    pub offers: String,
    pub needs: String,
    pub themes: String,
    pub languages: String,
    pub statement: String,
    pub accepts_interpretation: bool,
    pub capacity: i32,
    pub availability: String,
    pub created_at: i64,
}

impl Participant {
    /// Who takes part, across rounds: the organisation's or the person's id.
    pub fn key(&self) -> &str {
        self.org_id
            .as_deref()
            .or(self.user_id.as_deref())
            .unwrap_or_default()
    }

    pub fn list(field: &str) -> Vec<String> {
        field
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

const ROUND_SELECT: &str = "SELECT r.id, r.programme, r.title, r.side_a, r.side_b, r.network_id, r.deadline, \
     r.status, r.created_by, r.created_at, \
     (SELECT COUNT(*) FROM matching_participants p WHERE p.round_id = r.id) AS participants \
     FROM matching_rounds r";

pub async fn create_round(
    db: &Db,
    spec: &RoundSpec,
    network_id: Option<&str>,
    created_by: &str,
) -> Result<String> {
    create_round_once(db, spec, network_id, created_by, None).await
}

/// Like [`create_round`].
/// The one-time key `once`, if given, is claimed in the same transaction: a retry of a post
/// that committed gets [`StoreError::Replay`](crate::StoreError::Replay) with the first
/// answer's location; one that did not commit left no key behind.
pub async fn create_round_once(
    db: &Db,
    spec: &RoundSpec,
    network_id: Option<&str>,
    created_by: &str,
    once: Option<&crate::idempotency::Once>,
) -> Result<String> {
    let mut tx = db.begin().await?;
    let id = create_round_in(&mut tx, spec, network_id, created_by, once).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`create_round_once`] inside a use case's transaction.
pub async fn create_round_in(
    tx: &mut Tx,
    spec: &RoundSpec,
    network_id: Option<&str>,
    created_by: &str,
    once: Option<&crate::idempotency::Once>,
) -> Result<String> {
    let id = new_id();
    on_tx!(tx, c => {
        if let Some(once) = once {
            crate::claim_once!(&mut *c, once, &id);
        }
        sqlx::query(
            "INSERT INTO matching_rounds (id, programme, title, side_a, side_b, network_id, deadline, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(&id).bind(spec.programme.as_str()).bind(&spec.title).bind(spec.side_a.join(","))
            .bind(spec.side_b.join(",")).bind(network_id).bind(spec.deadline).bind(created_by).bind(now())
            .execute(&mut *c).await?;
        for (lang, title) in &spec.titles {
            sqlx::query("INSERT INTO matching_round_texts (round_id, lang, title) VALUES ($1, $2, $3)")
                .bind(&id).bind(lang).bind(title).execute(&mut *c).await?;
        }
        Ok::<_, StoreError>(())
    })?;
    Ok(id)
}

/// Every round's titles in other languages, by round id: one query for any number of rounds.
pub async fn round_titles(db: &Db) -> Result<HashMap<String, Vec<(String, String)>>> {
    let rows: Vec<(String, String, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT round_id, lang, title FROM matching_round_texts ORDER BY round_id, lang")
        .fetch_all(p).await)?;
    let mut out: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for (round, lang, title) in rows {
        out.entry(round).or_default().push((lang, title));
    }
    Ok(out)
}

pub async fn rounds(db: &Db) -> Result<Vec<Round>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{ROUND_SELECT} ORDER BY r.created_at DESC, r.id DESC"
    ));
    let mut rounds = on_db!(db, p => sqlx::query_as::<_, Round>(sql).fetch_all(p).await)?;
    let mut titles = round_titles(db).await?;
    for r in &mut rounds {
        r.titles = titles.remove(r.id.as_str()).unwrap_or_default();
    }
    Ok(rounds)
}

pub async fn round(db: &Db, id: &str) -> Result<Round> {
    let sql = sqlx::AssertSqlSafe(format!("{ROUND_SELECT} WHERE r.id = $1"));
    let mut round =
        on_db!(db, p => sqlx::query_as::<_, Round>(sql).bind(id).fetch_optional(p).await)?
            .ok_or(StoreError::NotFound)?;
    round.titles = on_db!(db, p => sqlx::query_as(
        "SELECT lang, title FROM matching_round_texts WHERE round_id = $1 ORDER BY lang")
        .bind(id).fetch_all(p).await)?;
    Ok(round)
}

pub async fn participants(db: &Db, round_id: &str) -> Result<Vec<Participant>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Participant>(
        "SELECT p.id, p.round_id, p.org_id, o.slug AS org_slug, p.user_id, \
         COALESCE(o.name, u.display_name, '') AS name, COALESCE(o.country, p.country, '') AS country, p.side, \
         p.offers, p.needs, p.themes, p.languages, p.statement, p.accepts_interpretation, p.capacity, \
         p.availability, p.created_at \
         FROM matching_participants p LEFT JOIN organisations o ON o.id = p.org_id \
         LEFT JOIN users u ON u.id = p.user_id \
         WHERE p.round_id = $1 ORDER BY p.side, COALESCE(o.sort_key, LOWER(u.display_name)), p.id")
        .bind(round_id).fetch_all(p).await)?)
}

/// Adds an organisation to a round. A second opt-in of the same organisation is a conflict.
pub async fn opt_in(
    db: &Db,
    round_id: &str,
    org_id: &str,
    side: Side,
    o: &OptIn,
    by: &str,
) -> Result<String> {
    let mut tx = db.begin().await?;
    let id = opt_in_in(&mut tx, round_id, org_id, side, o, by).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`opt_in`] inside a use case's transaction.
pub async fn opt_in_in(
    tx: &mut Tx,
    round_id: &str,
    org_id: &str,
    side: Side,
    o: &OptIn,
    by: &str,
) -> Result<String> {
    let id = new_id();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO matching_participants (id, round_id, org_id, side, offers, needs, themes, languages, \
         statement, accepts_interpretation, capacity, availability, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
        .bind(&id).bind(round_id).bind(org_id).bind(side.as_str()).bind(o.offers.join(",")).bind(o.needs.join(","))
        .bind(o.themes.join(",")).bind(o.languages.join(",")).bind(&o.statement).bind(o.accepts_interpretation)
        .bind(o.capacity as i32).bind(&o.availability).bind(by).bind(now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(id)
}

/// Adds a person to a mentorship round on `side` (mentors `a`, mentees `b`), working from
/// `country`. A person already in the round (on either side) is a conflict.
pub async fn opt_in_person(
    db: &Db,
    round_id: &str,
    user_id: &str,
    country: &str,
    side: Side,
    o: &OptIn,
) -> Result<String> {
    let mut tx = db.begin().await?;
    let id = opt_in_person_in(&mut tx, round_id, user_id, country, side, o).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`opt_in_person`] inside a use case's transaction.
pub async fn opt_in_person_in(
    tx: &mut Tx,
    round_id: &str,
    user_id: &str,
    country: &str,
    side: Side,
    o: &OptIn,
) -> Result<String> {
    let id = new_id();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO matching_participants (id, round_id, user_id, country, side, offers, needs, themes, \
         languages, statement, accepts_interpretation, capacity, availability, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $3, $14)")
        .bind(&id).bind(round_id).bind(user_id).bind(country).bind(side.as_str()).bind(o.offers.join(","))
        .bind(o.needs.join(",")).bind(o.themes.join(",")).bind(o.languages.join(",")).bind(&o.statement)
        .bind(o.accepts_interpretation).bind(o.capacity as i32).bind(&o.availability).bind(now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(id)
}

/// A coordinator's decision about a pair.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Constraint {
    #[sqlx(try_from = "String")]
    pub a_id: ParticipantId,
    #[sqlx(try_from = "String")]
    pub b_id: ParticipantId,
    #[sqlx(try_from = "String")]
    pub kind: ConstraintKind,
}

/// A proposed pair with its answers.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Proposal {
    #[sqlx(try_from = "String")]
    pub id: ProposalId,
    #[sqlx(try_from = "String")]
    pub round_id: RoundId,
    #[sqlx(try_from = "String")]
    pub a_id: ParticipantId,
    #[sqlx(try_from = "String")]
    pub b_id: ParticipantId,
    pub score: i64,
    /// Why: the stored JSON, read strictly (a corrupt row fails the read).
    #[sqlx(try_from = "String")]
    pub explanation: Reason,
    #[sqlx(try_from = "String")]
    pub a_answer: Answer,
    #[sqlx(try_from = "String")]
    pub b_answer: Answer,
}

impl Proposal {
    /// Both sides said yes.
    pub fn agreed(&self) -> bool {
        self.a_answer == Answer::Accepted && self.b_answer == Answer::Accepted
    }

    /// The answer of `side`.
    pub fn answer_of(&self, side: Side) -> Answer {
        match side {
            Side::A => self.a_answer,
            Side::B => self.b_answer,
        }
    }
}

pub async fn constraints(db: &Db, round_id: &str) -> Result<Vec<Constraint>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Constraint>(
        "SELECT a_id, b_id, kind FROM matching_constraints WHERE round_id = $1 ORDER BY created_at")
        .bind(round_id).fetch_all(p).await)?)
}

/// Pins or forbids a pair (replacing an earlier decision about it), or clears it, inside a
/// use case's transaction.
pub async fn set_constraint_in(
    tx: &mut Tx,
    round_id: &str,
    a_id: &str,
    b_id: &str,
    kind: Option<ConstraintKind>,
    by: &str,
) -> Result<()> {
    on_tx!(tx, c => {
        sqlx::query("DELETE FROM matching_constraints WHERE round_id = $1 AND a_id = $2 AND b_id = $3")
            .bind(round_id).bind(a_id).bind(b_id).execute(&mut *c).await?;
        if let Some(kind) = kind {
            sqlx::query("INSERT INTO matching_constraints (round_id, a_id, b_id, kind, created_by, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(round_id).bind(a_id).bind(b_id).bind(kind.as_str()).bind(by).bind(now())
                .execute(&mut *c).await?;
        }
        Ok::<_, StoreError>(())
    })
}

pub async fn proposals(db: &Db, round_id: &str) -> Result<Vec<Proposal>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Proposal>(
        "SELECT id, round_id, a_id, b_id, score, explanation, a_answer, b_answer FROM matching_proposals \
         WHERE round_id = $1 ORDER BY score DESC, id")
        .bind(round_id).fetch_all(p).await)?)
}

/// A proposal to save: side A's and side B's participant, the score and why.
pub type NewProposal = (ParticipantId, ParticipantId, i64, Reason);

/// Replaces the round's unanswered proposals with `new` ones and sets its status, in one
/// transaction: a round is never left half-proposed.
pub async fn replace_proposals(
    db: &Db,
    round_id: &str,
    new: &[NewProposal],
    status: RoundStatus,
) -> Result<()> {
    let mut tx = db.begin().await?;
    replace_proposals_in(&mut tx, round_id, new, status).await?;
    tx.commit().await
}

/// [`replace_proposals`] inside a use case's transaction.
pub async fn replace_proposals_in(
    tx: &mut Tx,
    round_id: &str,
    new: &[NewProposal],
    status: RoundStatus,
) -> Result<()> {
    let t = now();
    on_tx!(tx, c => {
        sqlx::query("DELETE FROM matching_proposals WHERE round_id = $1 AND a_answer <> 'accepted' AND b_answer <> 'accepted'")
            .bind(round_id).execute(&mut *c).await?;
        for (a, b, score, why) in new {
            sqlx::query("INSERT INTO matching_proposals (id, round_id, a_id, b_id, score, explanation, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (round_id, a_id, b_id) DO NOTHING")
                .bind(new_id()).bind(round_id).bind(a.as_str()).bind(b.as_str()).bind(*score).bind(why.to_json()).bind(t)
                .execute(&mut *c).await?;
        }
        sqlx::query("UPDATE matching_rounds SET status = $1 WHERE id = $2")
            .bind(status.as_str()).bind(round_id).execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })
}

pub async fn set_status_in(tx: &mut Tx, round_id: &str, status: RoundStatus) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE matching_rounds SET status = $1 WHERE id = $2")
        .bind(status.as_str()).bind(round_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records one side's answer; a decline also forbids the pair in later runs.
pub async fn answer(
    db: &Db,
    proposal: &Proposal,
    side: Side,
    accepted: bool,
    by: &str,
) -> Result<()> {
    let mut tx = db.begin().await?;
    answer_in(&mut tx, proposal, side, accepted, by).await?;
    tx.commit().await
}

/// [`answer`] inside a use case's transaction.
pub async fn answer_in(
    tx: &mut Tx,
    proposal: &Proposal,
    side: Side,
    accepted: bool,
    by: &str,
) -> Result<()> {
    let value = if accepted { "accepted" } else { "declined" };
    let sql = if side == Side::A {
        "UPDATE matching_proposals SET a_answer = $1 WHERE id = $2"
    } else {
        "UPDATE matching_proposals SET b_answer = $1 WHERE id = $2"
    };
    on_tx!(tx, c => {
        sqlx::query(sql).bind(value).bind(proposal.id.as_str()).execute(&mut *c).await?;
        // The second acceptance starts the pair's history.
        sqlx::query("INSERT INTO matching_pairs (proposal_id, round_id, started_at) \
                     SELECT id, round_id, $1 FROM matching_proposals \
                     WHERE id = $2 AND a_answer = 'accepted' AND b_answer = 'accepted' \
                     ON CONFLICT (proposal_id) DO NOTHING")
            .bind(now()).bind(proposal.id.as_str()).execute(&mut *c).await?;
        if !accepted {
            sqlx::query("DELETE FROM matching_constraints WHERE round_id = $1 AND a_id = $2 AND b_id = $3")
                .bind(proposal.round_id.as_str()).bind(proposal.a_id.as_str()).bind(proposal.b_id.as_str()).execute(&mut *c).await?;
            sqlx::query("INSERT INTO matching_constraints (round_id, a_id, b_id, kind, created_by, created_at) \
                         VALUES ($1, $2, $3, 'forbid', $4, $5)")
                .bind(proposal.round_id.as_str()).bind(proposal.a_id.as_str()).bind(proposal.b_id.as_str()).bind(by).bind(now())
                .execute(&mut *c).await?;
        }
        Ok::<_, StoreError>(())
    })
}

/// What each participant of a round shares once a pair agrees, in one query for the whole
/// round: an organisation's public e-mail, phone and website, a person's name and e-mail.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct ParticipantContacts {
    pub participant_id: String,
    pub org_email: Option<String>,
    pub org_phone: Option<String>,
    pub org_website: Option<String>,
    pub person_name: Option<String>,
    pub person_email: Option<String>,
}

pub async fn contacts(db: &Db, round_id: &str) -> Result<Vec<ParticipantContacts>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, ParticipantContacts>(
        "SELECT p.id AS participant_id, o.email AS org_email, o.phone AS org_phone, \
         o.website AS org_website, u.display_name AS person_name, u.email AS person_email \
         FROM matching_participants p LEFT JOIN organisations o ON o.id = p.org_id \
         LEFT JOIN users u ON u.id = p.user_id WHERE p.round_id = $1")
        .bind(round_id).fetch_all(p).await)?)
}

/// Pairs that worked together in earlier rounds, active or ended (for the penalty): the
/// organisations' or people's ids (`Participant::key`).
pub async fn earlier_partners(db: &Db, round_id: &str) -> Result<Vec<(String, String)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT COALESCE(pa.org_id, pa.user_id, ''), COALESCE(pb.org_id, pb.user_id, '') FROM matching_pairs x \
         JOIN matching_proposals y ON y.id = x.proposal_id \
         JOIN matching_participants pa ON pa.id = y.a_id JOIN matching_participants pb ON pb.id = y.b_id \
         WHERE x.round_id <> $1")
        .bind(round_id).fetch_all(p).await)?)
}

/// Organisations an organisation agreed to pair with in rounds of a programme:
/// `(id, slug, name)` of each partner.
pub async fn agreed_partners(
    db: &Db,
    org_id: &str,
    programme: &str,
) -> Result<Vec<(String, String, String)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT o.id, o.slug, o.name FROM matching_proposals x \
         JOIN matching_rounds r ON r.id = x.round_id \
         JOIN matching_participants pa ON pa.id = x.a_id \
         JOIN matching_participants pb ON pb.id = x.b_id \
         JOIN organisations o ON o.id = CASE WHEN pa.org_id = $1 THEN pb.org_id ELSE pa.org_id END \
         WHERE r.programme = $2 AND x.a_answer = 'accepted' AND x.b_answer = 'accepted' \
         AND (pa.org_id = $1 OR pb.org_id = $1) ORDER BY o.sort_key")
        .bind(org_id).bind(programme).fetch_all(p).await)?)
}
