//! The store's contract, the same on both databases: what one call writes, the next reads
//! back, whichever pool is open. Every test runs on SQLite, and again on PostgreSQL (a fresh
//! schema each) when `SPONA_TEST_DATABASE_URL` names one.
//!
//! Fields that another change may type (roles, statuses, ids) are compared through their
//! text (`to_string()`), which both a `String` and a stored enum or typed id give.

use spona_domain::matching::{OptInDraft, RoundDraft, RoundSpec, RoundStatus, Side};
use spona_domain::org::{DirectoryFilter, OrgDraft, Slug};
use spona_domain::resource::{ContentLang, ResourceDraft, VariantDraft};
use spona_domain::role::{OrgRole, PlatformRole};
use spona_store::{Db, StoreError, audit, on_tx};

/// The databases to run on: SQLite always, PostgreSQL when configured. The temporary
/// directory keeps the SQLite file alive as long as the test.
async fn databases() -> Vec<(Db, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let sqlite = Db::connect(&format!("sqlite://{}", dir.path().join("c.db").display()))
        .await
        .expect("sqlite");
    sqlite.migrate().await.expect("migrate sqlite");
    let mut out = vec![(sqlite, Some(dir))];
    if let Ok(url) = std::env::var("SPONA_TEST_DATABASE_URL")
        && url.starts_with("postgres")
    {
        let schema = format!("t_contract_{}", uuid::Uuid::new_v4().simple());
        let pg = Db::connect_in_schema(&url, Some(&schema))
            .await
            .expect("postgres");
        pg.migrate().await.expect("migrate postgres");
        out.push((pg, None));
    }
    out
}

fn text(v: impl std::fmt::Display) -> String {
    v.to_string()
}

async fn user(db: &Db, email: &str) -> String {
    spona_store::users::create(db, email, email, "hash", PlatformRole::User)
        .await
        .expect("user")
}

async fn org(db: &Db, slug: &str, name: &str) -> String {
    let profile = OrgDraft {
        name: name.into(),
        country: "RS".into(),
        city: "Niš".into(),
        email: format!("office@{slug}.example"),
        contact_visibility: "members".into(),
        themes: vec!["peacebuilding".into()],
        offers: vec!["safe-houses".into()],
        languages: vec!["sr".into()],
        ..OrgDraft::default()
    }
    .validate()
    .expect("valid profile");
    spona_store::orgs::create(db, &Slug::parse(slug).expect("slug"), &profile)
        .await
        .expect("org")
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    spona_store::on_db!(db, p => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await)
        .expect("count")
}

async fn insert_probe_user_in(tx: &mut spona_store::Tx, id: &str) {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, platform_role, created_at, updated_at) \
         VALUES ($1, $2, 'Probe', 'x', 'user', 0, 0)")
        .bind(id).bind(format!("{id}@probe.example")).execute(&mut *c).await.map(|r| r.rows_affected()))
    .expect("insert in tx");
}

fn event<'a>(action: &'a str, target: &'a str) -> audit::Event<'a> {
    audit::Event {
        actor_id: None,
        action,
        target_kind: "user",
        target_id: target,
        detail: String::new(),
    }
}

/// The round the matching files start from: a peer exchange between Serbia (side A) and
/// Ukraine (side B) opened by `coordinator`, which each `(organisation, side)` joined
/// offering safe houses in English with `capacity` places. The round's spec (for a next
/// round), its id and the opt-ins' ids, in the order given.
async fn exchange_round(
    db: &Db,
    coordinator: &str,
    capacity: &str,
    sides: &[(&str, Side)],
) -> (RoundSpec, String, Vec<String>) {
    let spec = RoundDraft {
        programme: "peer_exchange".into(),
        title: "Spring exchange".into(),
        titles: Vec::new(),
        side_a: vec!["RS".into()],
        side_b: vec!["UA".into()],
        deadline: "2199-01-01".into(),
    }
    .validate(0)
    .expect("round");
    let round = spona_store::matching::create_round(db, &spec, None, coordinator)
        .await
        .expect("round");
    let opt = OptInDraft {
        offers: vec!["safe-houses".into()],
        languages: vec!["en".into()],
        statement: "We can host.".into(),
        capacity: capacity.into(),
        ..OptInDraft::default()
    }
    .validate()
    .expect("opt in");
    let mut ids = Vec::new();
    for (org_id, side) in sides {
        ids.push(
            spona_store::matching::opt_in(db, &round, org_id, *side, &opt, coordinator)
                .await
                .expect("opt in"),
        );
    }
    (spec, round, ids)
}

mod accounts;
mod directory;
mod groups;
mod mail;
mod mail_send;
mod matching_resources;
mod newsletters;
mod pairs;
mod services;
mod services_version;
mod tx;

// Issue 16 item 6: the modules without a contract test before.
mod accounts_more;
mod audit_log;
mod call_files;
mod calls;
mod idempotency;
mod ids;
mod joint_texts;
mod matching_reason;
mod networks;
mod notifications;
mod quota;
mod raw;
mod resources_more;
mod vault;
mod vault_items;
mod vault_sealing;

// Issue 16, session 10: the lanes' modules.
mod calls_quota;
mod event_registrations;
mod events;
mod federation;
mod federation_packets;
mod federation_refusals;
mod federation_vault_items;
mod federation_vault_withdrawals;
mod monitoring;
mod monitoring_cosign;
mod monitoring_impl;
mod monitoring_recs;
mod monitoring_reports;
mod networks_texts;
mod referrals;
mod trials;

// Issue 22, session texts22: endorsements and publications.
mod endorsements;
mod publications;

/// Commits `tx` when `result` is a success; otherwise rolls it back before giving the error
/// back. A transaction only dropped is rolled back a moment later by its connection's worker,
/// and a write on another SQLite connection in that moment can find the database locked (seen
/// in CI on a loaded machine: `event_registrations`).
pub(crate) async fn commit_or_roll_back<T>(
    tx: spona_store::Tx,
    result: spona_store::Result<T>,
) -> spona_store::Result<T> {
    match result {
        Ok(value) => {
            tx.commit().await?;
            Ok(value)
        }
        Err(e) => {
            tx.rollback().await?;
            Err(e)
        }
    }
}
mod quizzes;
