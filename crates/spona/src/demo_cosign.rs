//! Demo data for co-signing (lane montrial): a shadow report on 131.4 saved by Milan (a
//! member of Atina) that asks ASTRA and Atina to co-sign, both still pending, so that
//! ASTRA's admin (jelena@astra.example.org) finds it on `/monitoring/reports/cosign`.

use spona_store::monitoring::cosigners;

/// Saves the demo report once (nothing when ASTRA has a request already, or when the demo's
/// organisations or Milan are missing).
pub async fn load_if_empty(db: &spona_store::Db) -> anyhow::Result<()> {
    let (Ok(astra), Ok(atina)) = (
        spona_store::orgs::get_by_slug(db, "astra").await,
        spona_store::orgs::get_by_slug(db, "atina").await,
    ) else {
        return Ok(());
    };
    let orgs = [astra.id.to_string(), atina.id.to_string()];
    if !cosigners::requests_to(db, &orgs, 1).await?.is_empty() {
        return Ok(());
    }
    let Some(milan) = spona_store::users::find_by_email(db, "milan@atina.example.org").await?
    else {
        return Ok(());
    };
    let mut tx = db.begin().await?;
    cosigners::insert_in(
        &mut tx,
        &spona_store::new_id(),
        milan.id.as_str(),
        "mechanism=upr&cycle=2&numbers=131.4&lang=en&title=The+Council+for+monitoring+UN+recommendations%3A+131.4",
        spona_store::now(),
        &orgs,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
