//! Reading referrals: one referral as its reader may see it (each view is a custody
//! entry), and the list of an organisation's referrals.

use serde::Serialize;
use spona_domain::referral::Status;
use spona_store::referrals::{self as store, Referral};
use spona_store::{Db, Tx};

use super::{
    ConsentWords, Side, commit, consent_owner, custody_in, note_owner, open_json, override_owner,
    person_owner, reason_owner, roles, roles_in, side_of,
};
use crate::actor::Actor;
use crate::vault::keys::Vault;
use crate::{Error, Result};

/// A note as its reader sees it.
#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub id: String,
    pub side: Side,
    pub kind: String,
    /// Reported back to the referring side.
    pub shared: bool,
    /// Empty when consent was withdrawn and the reader is on the receiving side.
    pub body: String,
    pub withdrawn: bool,
    pub created_at: i64,
}

/// A referral as its reader may see it: the referring side sees everything it sent and what
/// the receiving side chose to report back; the receiving side sees what was sent, and after
/// withdrawal nothing of the person.
#[derive(Debug, Clone, Serialize)]
pub struct ReferralView {
    pub id: String,
    pub side: Side,
    pub from_org: String,
    pub to_org: String,
    pub service_id: String,
    pub service_kind: String,
    pub status: &'static str,
    pub urgent: bool,
    /// The referral went without the person's consent (flagged wherever shown).
    pub consent_overridden: bool,
    pub override_reason: Option<String>,
    pub consent_how: String,
    pub consent_until: Option<i64>,
    pub consent: Option<ConsentWords>,
    /// The person's fields; empty on the receiving side after withdrawal.
    pub person: Vec<(String, String)>,
    pub reason: String,
    pub outcome: Option<String>,
    pub withdrawn: bool,
    pub created_at: i64,
    pub notes: Vec<NoteView>,
}

pub(super) async fn lock(actor: &Actor, tx: &mut Tx, id: &str) -> Result<(Referral, Side)> {
    actor.require_user().map_err(|_| Error::NotFound)?;
    // The write first: on SQLite a transaction that read before writing cannot wait for
    // another writer (it would fail with "database is locked").
    let Some(r) = store::lock_in(tx, id).await? else {
        return Err(Error::NotFound);
    };
    let roles = roles_in(actor, tx).await?;
    let side = side_of(&roles, &r)?;
    Ok((r, side))
}

/// Opens the referral for its reader and logs the view in its custody chain.
pub async fn view(actor: &Actor, db: &Db, vault: &Vault, id: &str) -> Result<ReferralView> {
    let mut tx = db.begin().await?;
    let (r, side) = lock(actor, &mut tx, id).await?;
    let head = custody_in(&mut tx, vault, id, actor.id().unwrap_or_default(), "view").await?;
    commit(tx, vault, &[head]).await?;
    let withdrawn = r.status == Status::Withdrawn;
    let hide = withdrawn && side == Side::To;
    let person: Vec<(String, String)> = if hide {
        Vec::new()
    } else {
        open_json(vault, &person_owner(id), &r.person_sealed)?
    };
    let consent = match (&r.consent_sealed, hide) {
        (Some(s), false) => Some(open_json(vault, &consent_owner(id), s)?),
        _ => None,
    };
    let notes = store::notes(db, id).await?;
    let mut shown = Vec::new();
    for n in notes {
        let note_side = if n.side == "from" {
            Side::From
        } else {
            Side::To
        };
        if side == Side::From && note_side == Side::To && !n.shared {
            continue;
        }
        let body = if hide {
            String::new()
        } else {
            vault
                .unseal(&note_owner(&n.id), &n.body_sealed)?
                .to_string()
        };
        shown.push(NoteView {
            id: n.id,
            side: note_side,
            kind: n.kind,
            shared: n.shared,
            body,
            withdrawn: n.withdrawn,
            created_at: n.created_at,
        });
    }
    Ok(ReferralView {
        id: r.id.clone(),
        side,
        from_org: r.from_org,
        to_org: r.to_org,
        service_id: r.service_id,
        service_kind: r.service_kind,
        status: r.status.as_str(),
        urgent: r.urgent,
        consent_overridden: r.consent_how == "override",
        override_reason: match (&r.override_sealed, hide) {
            (Some(s), false) => Some(vault.unseal(&override_owner(id), s)?.to_string()),
            _ => None,
        },
        consent_how: r.consent_how,
        consent_until: r.consent_until,
        consent,
        person,
        reason: if hide {
            String::new()
        } else {
            vault
                .unseal(&reason_owner(id), &r.reason_sealed)?
                .to_string()
        },
        outcome: r.outcome,
        withdrawn,
        created_at: r.created_at,
        notes: shown,
    })
}

/// One line of the referrals list: nothing of the person.
#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    pub id: String,
    pub side: Side,
    pub from_org: String,
    pub to_org: String,
    pub service_kind: String,
    pub status: &'static str,
    pub urgent: bool,
    pub consent_overridden: bool,
    pub created_at: i64,
}

/// The referrals of every organisation where the actor is a case worker, newest first.
pub async fn list(actor: &Actor, db: &Db) -> Result<Vec<ListItem>> {
    let roles = roles(actor, db).await?;
    let mut out: Vec<ListItem> = Vec::new();
    for w in &roles {
        for r in store::for_org(db, &w.org_id).await? {
            if out.iter().any(|x| x.id == r.id) {
                continue;
            }
            let side = side_of(&roles, &r)?;
            out.push(ListItem {
                id: r.id,
                side,
                from_org: r.from_org,
                to_org: r.to_org,
                service_kind: r.service_kind,
                status: r.status.as_str(),
                urgent: r.urgent,
                consent_overridden: r.consent_how == "override",
                created_at: r.created_at,
            });
        }
    }
    out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    Ok(out)
}
