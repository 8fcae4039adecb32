//! Organisations: profiles with per-language texts and vocabulary terms.

use spona_domain::org::{OrgProfile, OrgText, Slug};
use spona_domain::role::ContactVisibility;

use spona_domain::ids::OrgId;

use crate::{Db, Result, StoreError, Tx, conflict, new_id, now, on_db, on_tx, placeholders};

/// An organisation with everything its page shows.
#[derive(Debug, Clone)]
pub struct Org {
    pub id: OrgId,
    pub slug: String,
    pub name: String,
    pub country: String,
    pub city: String,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub contact_visibility: ContactVisibility,
    /// File name of the published logo under the media directory.
    pub logo: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub texts: Vec<OrgText>,
    pub themes: Vec<String>,
    pub offers: Vec<String>,
    pub needs: Vec<String>,
    pub languages: Vec<String>,
}

impl Org {
    /// The profile as it would be submitted again (for edit forms and change diffs).
    pub fn profile(&self) -> OrgProfile {
        OrgProfile {
            name: self.name.clone(),
            country: self.country.clone(),
            city: self.city.clone(),
            website: self.website.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            contact_visibility: self.contact_visibility,
            themes: self.themes.clone(),
            offers: self.offers.clone(),
            needs: self.needs.clone(),
            languages: self.languages.clone(),
            texts: self.texts.clone(),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OrgRow {
    #[sqlx(try_from = "String")]
    pub id: OrgId,
    pub slug: String,
    pub name: String,
    pub country: String,
    pub city: String,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[sqlx(try_from = "String")]
    pub contact_visibility: ContactVisibility,
    pub logo: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
pub(crate) struct TextRow {
    pub org_id: String,
    pub lang: String,
    pub name: Option<String>,
    pub description: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct TermRow {
    pub org_id: String,
    pub kind: String,
    pub code: String,
}

pub(crate) const ORG_COLUMNS: &str = "o.id, o.slug, o.name, o.country, o.city, o.website, o.email, \
     o.phone, o.contact_visibility, o.logo, o.created_at, o.updated_at";

/// Inserts the texts and terms of a profile inside an open transaction.
macro_rules! write_parts {
    ($tx:ident, $id:expr, $profile:expr) => {
        for text in &$profile.texts {
            sqlx::query(
                "INSERT INTO org_texts (org_id, lang, name, description) VALUES ($1, $2, $3, $4)",
            )
            .bind($id)
            .bind(&text.lang)
            .bind(&text.name)
            .bind(&text.description)
            .execute(&mut *$tx)
            .await?;
        }
        for (kind, codes) in [
            ("theme", &$profile.themes),
            ("offer", &$profile.offers),
            ("need", &$profile.needs),
            ("language", &$profile.languages),
        ] {
            for code in codes {
                sqlx::query("INSERT INTO org_terms (org_id, kind, code) VALUES ($1, $2, $3)")
                    .bind($id)
                    .bind(kind)
                    .bind(code)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
    };
}

/// The directory's free-text terms of a profile (see [`crate::directory`]).
fn search_text(p: &OrgProfile) -> String {
    crate::directory::search_text(&p.name, &p.country, &p.city, &p.texts)
}

/// A slug for a new organisation from its name, made unique with a number if needed.
pub async fn free_slug(db: &Db, name: &str) -> Result<Slug> {
    let mut tx = db.begin().await?;
    let slug = free_slug_in(&mut tx, name).await?;
    tx.commit().await?;
    Ok(slug)
}

/// Like [`free_slug`], inside a use case's transaction. One query reads every slug the name
/// could take (`base` and `base-<n>`), then the first free one is chosen from them.
pub async fn free_slug_in(tx: &mut Tx, name: &str) -> Result<Slug> {
    let base = Slug::from_folded(&spona_i18n::fold(name))
        .map(|s| s.to_string())
        .unwrap_or_else(|| "org".to_owned());
    // A slug holds only `a-z`, `0-9` and `-`: nothing a LIKE pattern would read as a wildcard.
    let taken: Vec<(String,)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT slug FROM organisations WHERE slug = $1 OR slug LIKE $2")
        .bind(&base).bind(format!("{base}-%")).fetch_all(&mut *c).await)?;
    let taken: std::collections::HashSet<String> = taken.into_iter().map(|(s,)| s).collect();
    first_free(&base, &taken)
}

/// The first of `base`, `base-2`, … `base-999` not in `taken`.
fn first_free(base: &str, taken: &std::collections::HashSet<String>) -> Result<Slug> {
    for n in 1..1000 {
        let candidate = if n == 1 {
            base.to_owned()
        } else {
            format!("{base}-{n}")
        };
        if !taken.contains(&candidate) {
            return Slug::parse(&candidate).map_err(|_| StoreError::Conflict("slug".into()));
        }
    }
    Err(StoreError::Conflict("slug".into()))
}

/// Creates an organisation; returns its id (as text, for the demo and the test fixtures).
pub async fn create(db: &Db, slug: &Slug, profile: &OrgProfile) -> Result<String> {
    let mut tx = db.begin().await?;
    let id = create_in(&mut tx, slug, profile, None).await?;
    tx.commit().await?;
    Ok(id.into_string())
}

/// Creates an organisation inside a use case's transaction; returns its id. The form's
/// location names the organisation by its slug (`{id}`). The one-time key `once`, if given,
/// is claimed in the same transaction: a retry of a post that committed gets
/// [`StoreError::Replay`](crate::StoreError::Replay) with the first answer's location; one
/// that did not commit left no key behind.
pub async fn create_in(
    tx: &mut Tx,
    slug: &Slug,
    profile: &OrgProfile,
    once: Option<&crate::idempotency::Once>,
) -> Result<OrgId> {
    let id = new_id();
    let t = now();
    on_tx!(tx, c => {
        if let Some(once) = once {
            crate::claim_once!(&mut *c, once, slug.as_str());
        }
        sqlx::query(
            "INSERT INTO organisations (id, slug, name, sort_key, country, city, website, email, phone, \
             contact_visibility, search_text, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)")
            .bind(&id).bind(slug.as_str()).bind(&profile.name)
            .bind(spona_i18n::fold(&profile.name)).bind(&profile.country).bind(&profile.city)
            .bind(&profile.website).bind(&profile.email).bind(&profile.phone)
            .bind(profile.contact_visibility.as_str()).bind(search_text(profile)).bind(t)
            .execute(&mut *c).await.map_err(conflict)?;
        write_parts!(c, &id, profile);
        sqlx::query(crate::BUMP_DIRECTORY).execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })?;
    Ok(OrgId::from(id))
}

/// Replaces an organisation's profile (the slug stays).
pub async fn update(db: &Db, id: &str, profile: &OrgProfile) -> Result<()> {
    let mut tx = db.begin().await?;
    update_in(&mut tx, id, profile).await?;
    tx.commit().await
}

/// Like [`update`], inside a use case's transaction.
pub async fn update_in(tx: &mut Tx, id: &str, profile: &OrgProfile) -> Result<()> {
    on_tx!(tx, c => {
        let n = sqlx::query(
            "UPDATE organisations SET name = $1, sort_key = $2, country = $3, city = $4, website = $5, \
             email = $6, phone = $7, contact_visibility = $8, search_text = $9, updated_at = $10 \
             WHERE id = $11")
            .bind(&profile.name).bind(spona_i18n::fold(&profile.name)).bind(&profile.country)
            .bind(&profile.city).bind(&profile.website).bind(&profile.email).bind(&profile.phone)
            .bind(profile.contact_visibility.as_str()).bind(search_text(profile)).bind(now())
            .bind(id).execute(&mut *c).await?;
        crate::users::found(n.rows_affected())?;
        sqlx::query("DELETE FROM org_texts WHERE org_id = $1").bind(id).execute(&mut *c).await?;
        sqlx::query("DELETE FROM org_terms WHERE org_id = $1").bind(id).execute(&mut *c).await?;
        write_parts!(c, id, profile);
        sqlx::query(crate::BUMP_DIRECTORY).execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })
}

/// Sets or removes an organisation's logo (a file name under the media directory).
pub async fn set_logo(db: &Db, id: &str, logo: Option<&str>) -> Result<()> {
    let mut tx = db.begin().await?;
    set_logo_in(&mut tx, id, logo).await?;
    tx.commit().await
}

/// Like [`set_logo`], inside a use case's transaction.
pub async fn set_logo_in(tx: &mut Tx, id: &str, logo: Option<&str>) -> Result<()> {
    on_tx!(tx, c => {
        let n = sqlx::query("UPDATE organisations SET logo = $1, updated_at = $2 WHERE id = $3")
            .bind(logo).bind(now()).bind(id).execute(&mut *c).await?;
        crate::users::found(n.rows_affected())?;
        sqlx::query(crate::BUMP_DIRECTORY).execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })
}

pub async fn get_by_slug(db: &Db, slug: &str) -> Result<Org> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ORG_COLUMNS} FROM organisations o WHERE o.slug = $1"
    ));
    let row = on_db!(db, p => sqlx::query_as::<_, OrgRow>(sql).bind(slug).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)?;
    assemble(db, vec![row])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

pub async fn get(db: &Db, id: &str) -> Result<Org> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ORG_COLUMNS} FROM organisations o WHERE o.id = $1"
    ));
    let row = on_db!(db, p => sqlx::query_as::<_, OrgRow>(sql).bind(id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)?;
    assemble(db, vec![row])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// These organisations (in no particular order; unknown ids are left out), in three queries
/// whatever their number.
pub async fn get_many(db: &Db, ids: &[&str]) -> Result<Vec<Org>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ORG_COLUMNS} FROM organisations o WHERE o.id IN ({})",
        placeholders(1, ids.len())
    ));
    let rows = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, OrgRow>(sql);
        for id in ids {
            q = q.bind(id.to_string());
        }
        q.fetch_all(p).await
    })?;
    assemble(db, rows).await
}

/// Every organisation's id, slug and name, for pickers (e.g. a network's members).
pub async fn all_names(db: &Db) -> Result<Vec<(String, String, String)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT id, slug, name FROM organisations ORDER BY sort_key").fetch_all(p).await)?)
}

/// Loads texts and terms for a batch of rows in two queries (no N+1).
pub(crate) async fn assemble(db: &Db, rows: Vec<OrgRow>) -> Result<Vec<Org>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let ph = placeholders(1, ids.len());
    let texts_sql = sqlx::AssertSqlSafe(format!(
        "SELECT org_id, lang, name, description FROM org_texts WHERE org_id IN ({ph}) ORDER BY lang"
    ));
    let terms_sql = sqlx::AssertSqlSafe(format!(
        "SELECT org_id, kind, code FROM org_terms WHERE org_id IN ({ph}) ORDER BY code"
    ));
    let (texts, terms): (Vec<TextRow>, Vec<TermRow>) = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, TextRow>(texts_sql);
        for id in &ids {
            q = q.bind(id.to_string());
        }
        let texts = q.fetch_all(p).await?;
        let mut q = sqlx::query_as::<_, TermRow>(terms_sql);
        for id in &ids {
            q = q.bind(id.to_string());
        }
        (texts, q.fetch_all(p).await?)
    });
    Ok(combine(rows, texts, terms))
}

/// Every organisation with its texts and terms, sorted by name across scripts, in three
/// queries (for the directory snapshot).
pub async fn load_all(db: &Db) -> Result<Vec<Org>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ORG_COLUMNS} FROM organisations o ORDER BY o.sort_key, o.id"
    ));
    let (rows, texts, terms) = on_db!(db, p => {
        let rows = sqlx::query_as::<_, OrgRow>(sql).fetch_all(p).await?;
        let texts = sqlx::query_as::<_, TextRow>(
            "SELECT org_id, lang, name, description FROM org_texts ORDER BY lang")
            .fetch_all(p).await?;
        let terms = sqlx::query_as::<_, TermRow>(
            "SELECT org_id, kind, code FROM org_terms ORDER BY code")
            .fetch_all(p).await?;
        (rows, texts, terms)
    });
    Ok(combine(rows, texts, terms))
}

/// Joins rows with their texts and terms (already in display order).
fn combine(rows: Vec<OrgRow>, texts: Vec<TextRow>, terms: Vec<TermRow>) -> Vec<Org> {
    let mut orgs: Vec<Org> = rows
        .into_iter()
        .map(|r| Org {
            contact_visibility: r.contact_visibility,
            id: r.id,
            slug: r.slug,
            name: r.name,
            country: r.country,
            city: r.city,
            website: r.website,
            email: r.email,
            phone: r.phone,
            logo: r.logo,
            created_at: r.created_at,
            updated_at: r.updated_at,
            texts: Vec::new(),
            themes: Vec::new(),
            offers: Vec::new(),
            needs: Vec::new(),
            languages: Vec::new(),
        })
        .collect();
    let index: std::collections::HashMap<OrgId, usize> = orgs
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    for t in texts {
        if let Some(&i) = index.get(t.org_id.as_str()) {
            orgs[i].texts.push(OrgText {
                lang: t.lang,
                name: t.name,
                description: t.description,
            });
        }
    }
    for term in terms {
        if let Some(&i) = index.get(term.org_id.as_str()) {
            let org = &mut orgs[i];
            let list = match term.kind.as_str() {
                "theme" => &mut org.themes,
                "offer" => &mut org.offers,
                "need" => &mut org.needs,
                _ => &mut org.languages,
            };
            list.push(term.code);
        }
    }
    orgs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_free_slug_is_chosen_from_those_taken() {
        let taken = |s: &[&str]| s.iter().map(|s| s.to_string()).collect();
        let free = |base, t: &[&str]| first_free(base, &taken(t)).map(|s| s.to_string());
        assert_eq!(free("astra", &[]).ok().as_deref(), Some("astra"));
        assert_eq!(
            free("astra", &["astra", "astra-2", "astra-4"])
                .ok()
                .as_deref(),
            Some("astra-3")
        );
        let all: Vec<String> = std::iter::once("astra".to_owned())
            .chain((2..1000).map(|n| format!("astra-{n}")))
            .collect();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        assert!(free("astra", &all).is_err(), "999 taken: a conflict");
    }
}
