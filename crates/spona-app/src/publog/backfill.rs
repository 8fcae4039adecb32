//! Entries for public objects published before the log existed (or loaded by the demo
//! through the store): each organisation, each final of a joint text and each standing
//! signature that has no entry gets one, in one transaction, at the server's start.

use std::collections::HashSet;

use spona_store::Db;
use spona_store::publog as store;

use super::{kind, record_in, version_of};
use crate::Result;

/// Appends the missing entries; returns how many.
pub async fn backfill(db: &Db) -> Result<usize> {
    super::custody::backfill(db).await?;
    let orgs_logged: HashSet<String> = store::objects_of_kind(db, kind::ORG)
        .await?
        .into_iter()
        .collect();
    let texts_logged: HashSet<String> = store::objects_of_kind(db, kind::JOINT_TEXT)
        .await?
        .into_iter()
        .collect();
    let mut todo: Vec<(&'static str, String, String, String)> = Vec::new();
    let mut orgs = spona_store::orgs::load_all(db).await?;
    orgs.sort_by(|a, b| a.slug.cmp(&b.slug));
    for org in orgs {
        if !orgs_logged.contains(&org.slug) {
            let version = version_of(format!("{:?}", org.profile()).as_bytes());
            todo.push((kind::ORG, org.slug.clone(), "published".into(), version));
        }
    }
    for text in spona_store::joint_texts::list(db, i64::MAX).await? {
        if texts_logged.contains(&text.id) {
            continue;
        }
        for v in spona_store::joint_texts::current(db, &text.id).await? {
            if v.is_final() {
                let content = format!("{}\n{}\n{}\n{}", v.lang, v.number, v.title, v.body);
                todo.push((
                    kind::JOINT_TEXT,
                    text.id.clone(),
                    format!("final:{}:{}", v.lang, v.number),
                    version_of(content.as_bytes()),
                ));
            }
        }
        for s in spona_store::joint_texts::signatures(db, &text.id).await? {
            if s.withdrawn_at.is_none() {
                todo.push((
                    kind::JOINT_TEXT,
                    text.id.clone(),
                    format!("signed:{}", s.org_slug),
                    s.sha256.clone(),
                ));
            }
        }
    }
    todo.extend(super::backfill_kinds::missing(db).await?);
    if todo.is_empty() {
        return Ok(0);
    }
    let mut tx = db.begin().await?;
    for (k, object, action, version) in &todo {
        record_in(&mut tx, k, object, action, version).await?;
    }
    tx.commit().await?;
    Ok(todo.len())
}
