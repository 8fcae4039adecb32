//! The second demo profile (issue 20): `spona serve --demo=prishtina` is a Kosovo
//! deployment — the directory's organisations in Kosovo (PVPT, the Kosovo Women's Network,
//! KRCT, Medica Gjakova, NGO Aktiv), a network of them, a platform admin, PVPT's admin and
//! case worker, and PVPT's services — so that two demo servers, one `--demo` (Belgrade) and
//! one `--demo=prishtina`, can be paired on one machine and exchange referrals. Each data
//! directory makes its own deployment keys on first start; the fingerprint is logged.

use anyhow::Context;
use spona_domain::org::{OrgText, Slug};
use spona_domain::role::{OrgRole, PlatformRole};
use spona_store::Db;
use spona_web::AppState;

/// Which demo data `serve --demo[=PROFILE]` loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoProfile {
    /// `--demo` alone (or `SPONA_DEMO=true`): the Belgrade deployment, the whole region.
    Belgrade,
    /// `--demo=prishtina`: the Kosovo deployment.
    Prishtina,
    /// `SPONA_DEMO=false`: none.
    Off,
}

/// Parses `--demo`'s value (and `SPONA_DEMO`): a profile, or a yes/no.
pub fn parse_profile(s: &str) -> Result<DemoProfile, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "" | "belgrade" | "beograd" | "true" | "1" | "yes" | "on" => Ok(DemoProfile::Belgrade),
        "prishtina" | "pristina" | "prishtine" => Ok(DemoProfile::Prishtina),
        "false" | "0" | "no" | "off" => Ok(DemoProfile::Off),
        other => Err(format!(
            "unknown demo profile {other:?}: use --demo (Belgrade) or --demo=prishtina"
        )),
    }
}

/// The slugs of the organisations the Prishtina deployment holds.
pub const ORGS: &[&str] = &["pvpt", "kwn", "krct", "medica-gjakova", "aktiv"];

/// A Prishtina demo account: e-mail, name, platform role, organisation and role, and
/// whether the person is a case worker there.
type Account = (
    &'static str,
    &'static str,
    PlatformRole,
    Option<(&'static str, OrgRole)>,
    bool,
);

/// The Prishtina demo's accounts.
pub const ACCOUNTS: &[Account] = &[
    (
        "admin@prishtina.example",
        "Platform Admin (Prishtina)",
        PlatformRole::Admin,
        None,
        false,
    ),
    (
        "arta@pvpt.example.org",
        "Arta (PVPT)",
        PlatformRole::User,
        Some(("pvpt", OrgRole::Admin)),
        false,
    ),
    (
        "besa@pvpt.example.org",
        "Besa (PVPT, case worker)",
        PlatformRole::User,
        Some(("pvpt", OrgRole::Member)),
        true,
    ),
    (
        "drita@kwn.example.org",
        "Drita (KWN)",
        PlatformRole::User,
        Some(("kwn", OrgRole::Admin)),
        false,
    ),
];

/// Loads the organisations, the network and the accounts unless the database holds
/// organisations already.
pub async fn load_if_empty(db: &Db) -> anyhow::Result<()> {
    let existing = spona_store::directory::query(db, &Default::default()).await?;
    if existing.total > 0 {
        tracing::info!("the database holds organisations already; demo data not loaded");
        return Ok(());
    }
    let ids = crate::demo::create_orgs(db, &|slug| ORGS.contains(&slug)).await?;
    let pvpt = ids.get("pvpt").context("demo organisation pvpt")?;
    let slug = Slug::parse("kosovo-anti-trafficking").map_err(|e| anyhow::anyhow!("{e}"))?;
    let network = spona_store::networks::create(
        db,
        &slug,
        "Kosovo network against trafficking (demo)",
        pvpt,
        &[OrgText {
            lang: "sq".into(),
            name: Some("Rrjeti i Kosovës kundër trafikimit (demo)".into()),
            description: Some(
                "Organizata që referojnë dhe mbrojnë viktimat e trafikimit në Kosovë.".into(),
            ),
        }],
    )
    .await?;
    for slug in ORGS.iter().filter(|s| **s != "pvpt") {
        if let Some(org) = ids.get(*slug) {
            spona_store::networks::add_member(db, &network, org).await?;
        }
    }
    let hash = spona_web::auth::hash_password(crate::demo::DEMO_PASSWORD)?;
    for (email, name, role, membership, _) in ACCOUNTS {
        let id = spona_store::users::create(db, email, name, &hash, *role).await?;
        if let Some((slug, org_role)) = membership
            && let Some(org) = ids.get(*slug)
        {
            spona_store::users::set_membership(db, &id, org, *org_role).await?;
        }
    }
    tracing::info!(
        organisations = ids.len(),
        "Prishtina demo data loaded; sign in as admin@prishtina.example (platform admin), \
         arta@pvpt.example.org (PVPT admin) or besa@pvpt.example.org (PVPT case worker) with \
         the password \"{}\"",
        crate::demo::DEMO_PASSWORD
    );
    Ok(())
}

/// After the server's state exists: PVPT's services (the services' demo skips Atina's, which
/// is not here) and its case worker.
pub async fn load_rest(state: &AppState) -> anyhow::Result<()> {
    let db = &state.db;
    crate::demo_services::load_services_if_empty(db).await?;
    for (email, _, _, membership, worker) in ACCOUNTS {
        let (Some((slug, _)), true) = (membership, worker) else {
            continue;
        };
        let Some(user) = spona_store::users::find_by_email(db, email).await? else {
            continue;
        };
        let org = match spona_store::orgs::get_by_slug(db, slug).await {
            Ok(o) => o.id.to_string(),
            Err(spona_store::StoreError::NotFound) => continue,
            Err(e) => return Err(e.into()),
        };
        if spona_store::referrals::worker_roles(db, user.id.as_str())
            .await?
            .iter()
            .any(|w| w.org_id == org)
        {
            continue;
        }
        spona_app::referrals::set_worker_by_operator(db, &org, user.id.as_str(), false, "demo")
            .await
            .map_err(|e| anyhow::anyhow!("demo case worker {email}: {e:?}"))?;
    }
    Ok(())
}

/// Logs this deployment's federation fingerprint, so that two demo servers can be paired
/// by reading it from the other's log (or its `/admin/federation` page).
pub async fn log_fingerprint(state: &AppState) {
    match state.federation.keys(&state.db).await {
        Ok(keys) => tracing::info!(
            fingerprint = %keys.fingerprint(),
            address = %state.config.public_url,
            "federation: this deployment's fingerprint (a partner's admin types it at /admin/federation)"
        ),
        Err(e) => tracing::warn!(error = %e, "federation keys unavailable"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_profiles_parse() {
        for s in ["", "belgrade", "true", "1", "yes", "on", "Belgrade"] {
            assert_eq!(parse_profile(s), Ok(DemoProfile::Belgrade), "{s:?}");
        }
        for s in ["prishtina", "Prishtina", "pristina"] {
            assert_eq!(parse_profile(s), Ok(DemoProfile::Prishtina), "{s:?}");
        }
        for s in ["false", "0", "no", "off"] {
            assert_eq!(parse_profile(s), Ok(DemoProfile::Off), "{s:?}");
        }
        assert!(parse_profile("tirana").is_err());
    }
}
