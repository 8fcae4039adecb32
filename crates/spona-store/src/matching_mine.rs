//! The proposals a person or an organisation is a side of, as their home page reads them.

use spona_domain::ids::{OrgId, ProposalId, RoundId};
use spona_domain::matching::{Answer, Programme, Side};

use crate::{Db, Result, on_db};

/// A proposal of a published round as one of its sides sees it from their home page: the
/// reader's side, the partner, both answers, and the pair's state once both accepted.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MyProposal {
    #[sqlx(try_from = "String")]
    pub id: ProposalId,
    #[sqlx(try_from = "String")]
    pub round_id: RoundId,
    pub round_title: String,
    #[sqlx(try_from = "String")]
    pub programme: Programme,
    /// The side the reader belongs to.
    #[sqlx(try_from = "String")]
    pub side: Side,
    /// The other side's organisation or person.
    pub partner_name: String,
    #[sqlx(try_from = "crate::ids::OptId")]
    pub partner_org_id: Option<OrgId>,
    /// The reader's side's organisation (none for a person).
    #[sqlx(try_from = "crate::ids::OptId")]
    pub my_org_id: Option<OrgId>,
    #[sqlx(try_from = "String")]
    pub a_answer: Answer,
    #[sqlx(try_from = "String")]
    pub b_answer: Answer,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    /// The day (Unix seconds) of the pair's latest check-in, if any.
    pub last_check_in: Option<i64>,
}

impl MyProposal {
    /// The reader's side's answer.
    pub fn my_answer(&self) -> Answer {
        match self.side {
            Side::A => self.a_answer,
            Side::B => self.b_answer,
        }
    }

    /// The other side's answer.
    pub fn their_answer(&self) -> Answer {
        match self.side {
            Side::A => self.b_answer,
            Side::B => self.a_answer,
        }
    }

    /// Both sides accepted and nobody ended it.
    pub fn is_active_pair(&self) -> bool {
        self.started_at.is_some() && self.ended_at.is_none()
    }
}

/// Proposals of published rounds in which `user_id` or one of `org_ids` is a side, newest
/// round first. A participant on both sides of one proposal is reported once, as side a.
pub async fn proposals_of(db: &Db, user_id: &str, org_ids: &[String]) -> Result<Vec<MyProposal>> {
    let orgs = if org_ids.is_empty() {
        "NULL".to_owned()
    } else {
        crate::placeholders(2, org_ids.len())
    };
    let mine = |p: &str| format!("({p}.user_id = $1 OR {p}.org_id IN ({orgs}))");
    let (a, b) = (mine("pa"), mine("pb"));
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT x.id, x.round_id, r.title AS round_title, r.programme, \
         CASE WHEN {a} THEN 'a' ELSE 'b' END AS side, \
         CASE WHEN {a} THEN COALESCE(ob.name, ub.display_name, '') ELSE COALESCE(oa.name, ua.display_name, '') END AS partner_name, \
         CASE WHEN {a} THEN pb.org_id ELSE pa.org_id END AS partner_org_id, \
         CASE WHEN {a} THEN pa.org_id ELSE pb.org_id END AS my_org_id, \
         x.a_answer, x.b_answer, y.started_at, y.ended_at, \
         (SELECT MAX(c.day) FROM matching_checkins c WHERE c.proposal_id = x.id) AS last_check_in \
         FROM matching_proposals x JOIN matching_rounds r ON r.id = x.round_id \
         JOIN matching_participants pa ON pa.id = x.a_id JOIN matching_participants pb ON pb.id = x.b_id \
         LEFT JOIN organisations oa ON oa.id = pa.org_id LEFT JOIN users ua ON ua.id = pa.user_id \
         LEFT JOIN organisations ob ON ob.id = pb.org_id LEFT JOIN users ub ON ub.id = pb.user_id \
         LEFT JOIN matching_pairs y ON y.proposal_id = x.id \
         WHERE r.status IN ('published', 'closed') AND ({a} OR {b}) \
         ORDER BY r.created_at DESC, x.id LIMIT 200"
    ));
    Ok(on_db!(db, p => {
        let mut q = sqlx::query_as::<_, MyProposal>(sql).bind(user_id);
        for o in org_ids { q = q.bind(o); }
        q.fetch_all(p).await
    })?)
}
