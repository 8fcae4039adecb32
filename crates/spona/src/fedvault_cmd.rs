//! What `spona custody verify` checks of federation (issue 20): every vault item received
//! from a partner deployment — the sender's chain up to the hand-over, signed by the key
//! this deployment pinned, the item's bytes against their SHA-256 once decrypted with the
//! receiving organisation's identity — and this side's chain after it; and the custody
//! chain of every referral sent to or received from a partner. Prints one line per case or
//! referral and per problem; returns (problems, received cases, federated referrals).

use spona_app::federation::{FedKeys, Settings, vault_verify};

pub(crate) async fn verify(
    data_dir: &std::path::Path,
    db: &spona_store::Db,
) -> anyhow::Result<(usize, usize, usize)> {
    let err = |e: spona_app::Error| anyhow::anyhow!("{e}");
    let mut problems = 0;
    let cases = spona_store::federation::vault_items::cases(db).await?;
    let mut received = 0;
    if !cases.is_empty() {
        let sealed_exist = spona_store::federation::count_org_keys(db).await? > 0;
        let dir = Settings::for_data_dir(data_dir, "http://localhost").dir;
        let keys = FedKeys::open(&dir, sealed_exist)
            .map_err(|e| anyhow::anyhow!("the federation keys cannot be opened: {e}"))?;
        for c in vault_verify::verify_all(db, &keys).await.map_err(err)? {
            received += 1;
            if c.problems.is_empty() {
                println!(
                    "received case {}: {} items, each with the sender's custody to the hand-over \
                     (signed by the partner's pinned key) and its bytes, and {} custody entries \
                     here intact",
                    c.id, c.items, c.entries
                );
            }
            for p in &c.problems {
                println!("received case {}: {p}", c.id);
                problems += 1;
            }
        }
    }
    let referrals = vault_verify::verify_referrals(db).await.map_err(err)?;
    for r in &referrals {
        if r.problems.is_empty() {
            println!(
                "federated referral {}: {} custody entries intact",
                r.id, r.entries
            );
        }
        for p in &r.problems {
            println!("federated referral {}: custody: {p}", r.id);
            problems += 1;
        }
    }
    Ok((problems, received, referrals.len()))
}
