//! Networks: groups of organisations with a coordinating organisation.

use spona_domain::ids::{NetworkId, OrgId};
use spona_domain::org::{OrgText, Slug};

use crate::orgs::{ORG_COLUMNS, Org, OrgRow, assemble};
use crate::{Db, Result, StoreError, Tx, conflict, new_id, now, on_db, on_tx};

/// A network with its texts; members are loaded separately.
#[derive(Debug, Clone)]
pub struct Network {
    pub id: NetworkId,
    pub slug: String,
    pub name: String,
    pub coordinator_org_id: OrgId,
    pub coordinator_slug: String,
    pub coordinator_name: String,
    pub member_count: i64,
    pub texts: Vec<OrgText>,
}

#[derive(sqlx::FromRow)]
struct NetworkRow {
    #[sqlx(try_from = "String")]
    id: NetworkId,
    slug: String,
    name: String,
    #[sqlx(try_from = "String")]
    coordinator_org_id: OrgId,
    coordinator_slug: String,
    coordinator_name: String,
    member_count: i64,
}

#[derive(sqlx::FromRow)]
struct TextRow {
    network_id: String,
    lang: String,
    name: Option<String>,
    description: Option<String>,
}

const NETWORK_SELECT: &str = "SELECT n.id, n.slug, n.name, n.coordinator_org_id, \
     c.slug AS coordinator_slug, c.name AS coordinator_name, \
     (SELECT COUNT(*) FROM network_members m WHERE m.network_id = n.id) AS member_count \
     FROM networks n JOIN organisations c ON c.id = n.coordinator_org_id";

/// Creates a network; the coordinating organisation becomes its first member.
pub async fn create(
    db: &Db,
    slug: &Slug,
    name: &str,
    coordinator_org_id: &str,
    texts: &[OrgText],
) -> Result<String> {
    // Two texts in one language: the network_texts key would refuse the second; say which
    // field, before anything is written.
    let mut langs: Vec<&str> = texts.iter().map(|t| t.lang.as_str()).collect();
    langs.sort_unstable();
    if langs.windows(2).any(|w| w[0] == w[1]) {
        return Err(StoreError::Conflict("lang".to_owned()));
    }
    let id = new_id();
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        sqlx::query("INSERT INTO networks (id, slug, name, coordinator_org_id, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $5)")
            .bind(&id).bind(slug.as_str()).bind(name).bind(coordinator_org_id).bind(t)
            .execute(&mut *tx).await.map_err(conflict)?;
        for text in texts {
            sqlx::query("INSERT INTO network_texts (network_id, lang, name, description) VALUES ($1, $2, $3, $4)")
                .bind(&id).bind(&text.lang).bind(&text.name).bind(&text.description)
                .execute(&mut *tx).await.map_err(text_conflict)?;
        }
        sqlx::query("INSERT INTO network_members (network_id, org_id, joined_at) VALUES ($1, $2, $3)")
            .bind(&id).bind(coordinator_org_id).bind(t).execute(&mut *tx).await?;
        sqlx::query(crate::BUMP_DIRECTORY).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok::<_, StoreError>(())
    })?;
    Ok(id)
}

/// A unique-key violation on `network_texts` is a second text in one language.
fn text_conflict(e: sqlx::Error) -> StoreError {
    match conflict(e) {
        StoreError::Conflict(_) => StoreError::Conflict("lang".to_owned()),
        other => other,
    }
}

/// The rows with their texts: one query reading only these networks' texts.
async fn with_texts(db: &Db, rows: Vec<NetworkRow>) -> Result<Vec<Network>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let marks = (1..=rows.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT network_id, lang, name, description FROM network_texts \
         WHERE network_id IN ({marks}) ORDER BY lang"
    );
    let texts: Vec<TextRow> = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, TextRow>(sqlx::AssertSqlSafe(sql.clone()));
        for r in &rows {
            q = q.bind(r.id.as_str());
        }
        q.fetch_all(p).await
    })?;
    Ok(rows
        .into_iter()
        .map(|r| Network {
            texts: texts
                .iter()
                .filter(|t| r.id == t.network_id)
                .map(|t| OrgText {
                    lang: t.lang.clone(),
                    name: t.name.clone(),
                    description: t.description.clone(),
                })
                .collect(),
            id: r.id,
            slug: r.slug,
            name: r.name,
            coordinator_org_id: r.coordinator_org_id,
            coordinator_slug: r.coordinator_slug,
            coordinator_name: r.coordinator_name,
            member_count: r.member_count,
        })
        .collect())
}

pub async fn list(db: &Db) -> Result<Vec<Network>> {
    let sql = sqlx::AssertSqlSafe(format!("{NETWORK_SELECT} ORDER BY n.name"));
    let rows = on_db!(db, p => sqlx::query_as::<_, NetworkRow>(sql).fetch_all(p).await)?;
    with_texts(db, rows).await
}

pub async fn get_by_slug(db: &Db, slug: &str) -> Result<Network> {
    let sql = sqlx::AssertSqlSafe(format!("{NETWORK_SELECT} WHERE n.slug = $1"));
    let rows = on_db!(db, p => sqlx::query_as::<_, NetworkRow>(sql).bind(slug).fetch_all(p).await)?;
    with_texts(db, rows)
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// The networks an organisation belongs to.
pub async fn of_org(db: &Db, org_id: &str) -> Result<Vec<Network>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{NETWORK_SELECT} WHERE n.id IN (SELECT network_id FROM network_members WHERE org_id = $1) ORDER BY n.name"
    ));
    let rows =
        on_db!(db, p => sqlx::query_as::<_, NetworkRow>(sql).bind(org_id).fetch_all(p).await)?;
    with_texts(db, rows).await
}

/// The member organisations of a network.
pub async fn members(db: &Db, network_id: &str) -> Result<Vec<Org>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ORG_COLUMNS} FROM organisations o JOIN network_members m ON m.org_id = o.id \
         WHERE m.network_id = $1 ORDER BY o.sort_key"
    ));
    let rows =
        on_db!(db, p => sqlx::query_as::<_, OrgRow>(sql).bind(network_id).fetch_all(p).await)?;
    assemble(db, rows).await
}

pub async fn add_member(db: &Db, network_id: &str, org_id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    add_member_in(&mut tx, network_id, org_id).await?;
    tx.commit().await
}

/// Like [`add_member`], inside a use case's transaction.
pub async fn add_member_in(tx: &mut Tx, network_id: &str, org_id: &str) -> Result<()> {
    on_tx!(tx, c => {
        sqlx::query(
            "INSERT INTO network_members (network_id, org_id, joined_at) VALUES ($1, $2, $3) \
             ON CONFLICT (network_id, org_id) DO NOTHING")
            .bind(network_id).bind(org_id).bind(now()).execute(&mut *c).await?;
        sqlx::query(crate::BUMP_DIRECTORY).execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })
}

/// Removes an organisation from a network inside a use case's transaction.
pub async fn remove_member_in(tx: &mut Tx, network_id: &str, org_id: &str) -> Result<()> {
    on_tx!(tx, c => {
        let n = sqlx::query("DELETE FROM network_members WHERE network_id = $1 AND org_id = $2")
            .bind(network_id).bind(org_id).execute(&mut *c).await?;
        crate::users::found(n.rows_affected())?;
        sqlx::query(crate::BUMP_DIRECTORY).execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })
}
