//! Urgent referrals not acknowledged in time: one mail to the referring worker and to the
//! receiving organisation's admins, once per referral (the claim is taken in the mail's
//! transaction, so two runs — the server's loop and `spona referrals remind` — never both
//! send it).

use spona_domain::role::OrgRole;
use spona_store::Db;
use spona_store::referrals as store;

use crate::Result;
use crate::vault::keys::Vault;

/// Sends the due alerts as of `now` for urgent referrals older than `hours`; returns how
/// many referrals were alerted about.
pub async fn run_due(
    db: &Db,
    vault: &Vault,
    now: i64,
    hours: i64,
    base_url: &str,
) -> Result<usize> {
    let due = store::due_urgent(db, now - hours * 3600).await?;
    let mut done = 0;
    for r in due {
        let admins: Vec<String> = spona_store::users::members_of(db, &r.to_org)
            .await?
            .into_iter()
            .filter(|m| m.role == OrgRole::Admin && !m.disabled)
            .map(|m| m.email)
            .collect();
        let mut tx = db.begin().await?;
        if !store::claim_reminder_in(&mut tx, &r.id).await? {
            continue;
        }
        let mut to: Vec<String> = Vec::new();
        if let Some(by) = &r.referred_by {
            to.push(spona_store::users::get_in(&mut tx, by).await?.email);
        }
        for a in admins {
            if !to.contains(&a) {
                to.push(a);
            }
        }
        for email in &to {
            super::tell_in(
                &mut tx,
                email,
                &r.id,
                "Spona: an urgent referral has not been acknowledged",
                base_url,
            )
            .await?;
        }
        let head = super::custody_in(&mut tx, vault, &r.id, "spona", "urgent-alert").await?;
        super::commit(tx, vault, &[head]).await?;
        done += 1;
    }
    Ok(done)
}
