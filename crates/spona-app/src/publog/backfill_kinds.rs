//! The backfill's entries for public resources, events, assessments and published services
//! (pre-existing rows and the demo's, which the demo loads through the store): each object
//! the log has no entry for gets its publication entries, versions built as
//! [`super::versions`] says.

use std::collections::HashSet;

use spona_store::Db;
use spona_store::publog as store;

use super::{kind, versions};
use crate::Result;

/// (kind, object, action, version) of an entry to append.
pub type Todo = (&'static str, String, String, String);

async fn logged(db: &Db, k: &str) -> Result<HashSet<String>> {
    Ok(store::objects_of_kind(db, k).await?.into_iter().collect())
}

/// The missing entries of the four kinds, in a fixed order.
pub async fn missing(db: &Db) -> Result<Vec<Todo>> {
    let mut todo = Vec::new();
    let done = logged(db, kind::RESOURCE).await?;
    let mut resources = spona_store::resources::recent_public(db, i64::MAX).await?;
    resources.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    for r in resources {
        let id = r.id.to_string();
        if done.contains(&id) {
            continue;
        }
        for v in &r.variants {
            let lang = v.lang.as_str();
            let hash = versions::resource_variant(lang, v.version, &v.title, &v.summary, &v.body);
            todo.push((
                kind::RESOURCE,
                id.clone(),
                format!("published:{lang}:{}", v.version),
                hash,
            ));
        }
    }
    let done = logged(db, kind::EVENT).await?;
    let mut events = spona_store::events::list(db, &Default::default()).await?;
    events.sort_by(|a, b| a.id.cmp(&b.id));
    for e in events {
        if e.cancelled == 0 && !done.contains(&e.id) {
            let hash = versions::event_row(&e);
            todo.push((kind::EVENT, e.id.clone(), "published".into(), hash));
        }
    }
    let done = logged(db, kind::SERVICE).await?;
    let services = spona_store::services::load(db, spona_store::services::Scope::Published).await?;
    for s in services {
        let id = s.id.to_string();
        if !done.contains(&id) {
            todo.push((kind::SERVICE, id, "published".into(), versions::service(&s)));
        }
    }
    let done = logged(db, kind::ASSESSMENT).await?;
    let mut sheets = std::collections::HashMap::new();
    for (id, rec) in store::assessment_ids(db).await? {
        if done.contains(&rec) {
            continue;
        }
        if !sheets.contains_key(&rec) {
            let sheet = crate::monitoring::implementation::assessments::sheet(db, &rec).await?;
            sheets.insert(rec.clone(), sheet);
        }
        let sheet = &sheets[&rec];
        let Some(a) = sheet.history.iter().find(|a| a.id.as_str() == id) else {
            continue;
        };
        let action = format!("assessed:{}", versions::side(a.org_id.as_deref()));
        let hash = versions::assessment(&sheet.signed_text(a));
        todo.push((kind::ASSESSMENT, rec.clone(), action, hash));
    }
    Ok(todo)
}
