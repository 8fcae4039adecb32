//! The published catalogue, kept in memory (issue 19: the HSDS list's p99 with 20,000
//! services).
//!
//! A [`Catalogue`] holds every published service by id with everything the HSDS API and the
//! catalogue page show, their organisations, and indexes: each `search_text` term, kind,
//! organisation, country and language to the services holding it. A search intersects the
//! lists its filter names and counts and pages from memory.
//!
//! It is built at one [`CatalogueVersion`]: `services_version`, which triggers bump inside
//! every transaction that changes a service or any of its rows (migration 0103), and
//! `directory_version` (organisations' names and countries). Each request reads the version
//! (one small query) and rebuilds the catalogue when either moved, so several servers on
//! one database stay right.
//!
//! What a search finds is what [`spona_store::services::search`] and
//! [`spona_store::services::location_page`] find with SQL (the e2e test
//! `services_catalogue` compares the two over both databases).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use spona_store::Db;
use spona_store::orgs::Org;
use spona_store::services::{
    self as store, CatalogueVersion, Scope, Service, ServiceFilter, ServiceLocation,
};
use tokio::sync::{Mutex, RwLock};

use crate::Result;

/// A service's place in [`Catalogue::services`].
type Pos = u32;

/// Services holding one term, kind, …: their places, ascending (so, by id).
type Postings = Vec<Pos>;

/// Every published service at one version, with its indexes.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub version: CatalogueVersion,
    /// By id: the order HSDS pages in.
    services: Vec<Service>,
    orgs: HashMap<String, Org>,
    terms: HashMap<String, Postings>,
    kinds: HashMap<String, Postings>,
    by_org: HashMap<String, Postings>,
    by_country: HashMap<String, Postings>,
    by_language: HashMap<String, Postings>,
    /// Every location of a published service, by location id: (id, service, its index in
    /// the service's locations).
    locations: Vec<(String, Pos, usize)>,
}

/// One page of a search and how many match in all.
#[derive(Debug)]
pub struct Found<T> {
    pub items: Vec<T>,
    pub total: i64,
}

fn add(index: &mut HashMap<String, Postings>, key: &str, pos: Pos) {
    match index.get_mut(key) {
        Some(list) => list.push(pos),
        None => {
            index.insert(key.to_owned(), vec![pos]);
        }
    }
}

/// The places in any of `lists`, ascending.
fn union<'a>(lists: impl Iterator<Item = Option<&'a Postings>>) -> Cow<'a, [Pos]> {
    let found: Vec<&Postings> = lists.flatten().collect();
    match found[..] {
        [] => Cow::Borrowed(&[]),
        [one] => Cow::Borrowed(one.as_slice()),
        _ => {
            let mut all: Vec<Pos> = found.iter().flat_map(|l| l.iter()).copied().collect();
            all.sort_unstable();
            all.dedup();
            Cow::Owned(all)
        }
    }
}

/// A page of `all`: `per_page` (at least one) from page `page` (1-based).
fn page_of<T: Copy>(all: &[T], page: u32, per_page: u32) -> &[T] {
    let per_page = per_page.max(1) as usize;
    let start = (page.max(1) as usize - 1).saturating_mul(per_page);
    let start = start.min(all.len());
    &all[start..all.len().min(start.saturating_add(per_page))]
}

impl Catalogue {
    /// The catalogue of `services` (those not published are left out), with the
    /// `search_text` of each by id and their organisations.
    pub fn build(
        version: CatalogueVersion,
        mut services: Vec<Service>,
        search_texts: Vec<(String, String)>,
        orgs: Vec<Org>,
    ) -> Catalogue {
        services.retain(Service::is_published);
        services.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
        let mut c = Catalogue {
            version,
            orgs: orgs.into_iter().map(|o| (o.id.to_string(), o)).collect(),
            ..Catalogue::default()
        };
        let place: HashMap<&str, Pos> = services
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i as Pos))
            .collect();
        for (id, text) in &search_texts {
            let Some(&pos) = place.get(id.as_str()) else {
                continue;
            };
            // `LIKE '% term %'` over ` term term … `: a whole term between spaces.
            for term in text.split(' ').filter(|t| !t.is_empty()) {
                add(&mut c.terms, term, pos);
            }
        }
        for (i, s) in services.iter().enumerate() {
            let pos = i as Pos;
            add(&mut c.kinds, &s.kind, pos);
            add(&mut c.by_org, s.org_id.as_str(), pos);
            // Served in a country (an area), given there (a location), or by an
            // organisation of it when it names neither.
            let mut countries: Vec<&str> = s
                .areas
                .iter()
                .map(|a| a.country.as_str())
                .chain(s.locations.iter().map(|l| l.country.as_str()))
                .collect();
            if countries.is_empty() {
                countries.push(&s.org_country);
            }
            for country in countries {
                add(&mut c.by_country, country, pos);
            }
            for lang in &s.languages {
                add(&mut c.by_language, lang, pos);
            }
            for (n, l) in s.locations.iter().enumerate() {
                c.locations.push((l.id.clone(), pos, n));
            }
        }
        for index in [
            &mut c.terms,
            &mut c.kinds,
            &mut c.by_org,
            &mut c.by_country,
            &mut c.by_language,
        ] {
            for list in index.values_mut() {
                list.sort_unstable();
                list.dedup();
            }
        }
        c.locations.sort_by(|a, b| a.0.cmp(&b.0));
        c.services = services;
        c
    }

    /// The places of every service matching `f` (its page and per-page left aside),
    /// ascending.
    fn matching(&self, f: &ServiceFilter) -> Vec<Pos> {
        let mut lists: Vec<Cow<'_, [Pos]>> = Vec::new();
        if !f.kinds.is_empty() {
            lists.push(union(f.kinds.iter().map(|k| self.kinds.get(k))));
        }
        for (index, key) in [
            (&self.by_org, &f.org_id),
            (&self.by_country, &f.country),
            (&self.by_language, &f.language),
        ] {
            if let Some(k) = key {
                lists.push(union(std::iter::once(index.get(k))));
            }
        }
        if let Some(text) = &f.text {
            let query = spona_search::directory_query(text);
            if query.is_empty() {
                return Vec::new();
            }
            for alternatives in &query {
                lists.push(union(alternatives.iter().map(|t| self.terms.get(t))));
            }
        }
        let keep = |pos: &Pos| {
            let s = &self.services[*pos as usize];
            (!f.available || s.capacity.free.is_none_or(|n| n > 0))
                && f.modified_after.is_none_or(|t| s.updated_at >= t)
        };
        lists.sort_by_key(|l| l.len());
        match lists.split_first() {
            None => (0..self.services.len() as Pos).filter(keep).collect(),
            Some((first, rest)) => first
                .iter()
                .copied()
                .filter(|pos| rest.iter().all(|l| l.binary_search(pos).is_ok()))
                .filter(keep)
                .collect(),
        }
    }

    /// The published services matching `f` by id, one page of them, and the total: what
    /// [`store::search`] finds.
    pub fn search(&self, f: &ServiceFilter) -> Found<&Service> {
        let all = self.matching(f);
        Found {
            items: page_of(&all, f.page, f.per_page)
                .iter()
                .map(|&p| &self.services[p as usize])
                .collect(),
            total: all.len() as i64,
        }
    }

    /// The locations of the published services matching `f` by location id, one page of
    /// them with their services, and the total: what [`store::location_page`] finds.
    pub fn locations(&self, f: &ServiceFilter) -> Found<(&ServiceLocation, &Service)> {
        let mut matches = vec![false; self.services.len()];
        for pos in self.matching(f) {
            matches[pos as usize] = true;
        }
        let all: Vec<usize> = (0..self.locations.len())
            .filter(|&i| matches[self.locations[i].1 as usize])
            .collect();
        Found {
            items: page_of(&all, f.page, f.per_page)
                .iter()
                .map(|&i| {
                    let (_, pos, n) = &self.locations[i];
                    let s = &self.services[*pos as usize];
                    (&s.locations[*n], s)
                })
                .collect(),
            total: all.len() as i64,
        }
    }

    /// A published service.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services
            .binary_search_by(|s| s.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.services[i])
    }

    /// The organisation of a published service.
    pub fn org(&self, id: &str) -> Option<&Org> {
        self.orgs.get(id)
    }

    /// How many published services it holds.
    pub fn len(&self) -> usize {
        self.services.len()
    }

    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }

    async fn load(db: &Db, version: CatalogueVersion) -> Result<Catalogue> {
        let services = store::load(db, Scope::Published).await?;
        let search_texts = store::published_search_texts(db).await?;
        let mut org_ids: Vec<&str> = services.iter().map(|s| s.org_id.as_str()).collect();
        org_ids.sort_unstable();
        org_ids.dedup();
        let orgs = spona_store::orgs::get_many(db, &org_ids).await?;
        Ok(Catalogue::build(version, services, search_texts, orgs))
    }
}

/// The catalogue of one server, shared by its requests.
#[derive(Default)]
pub struct CatalogueCache {
    current: RwLock<Option<Arc<Catalogue>>>,
    reloading: Mutex<()>,
}

impl CatalogueCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The catalogue at the database's current version, rebuilt when anything changed (one
    /// request rebuilds; the others that need the new version wait for it).
    pub async fn snapshot(&self, db: &Db) -> Result<Arc<Catalogue>> {
        let version = store::catalogue_version(db).await?;
        let fresh_enough = |c: &Catalogue| {
            c.version.services >= version.services && c.version.directory >= version.directory
        };
        if let Some(c) = self.current.read().await.as_ref()
            && fresh_enough(c)
        {
            return Ok(c.clone());
        }
        let _guard = self.reloading.lock().await;
        if let Some(c) = self.current.read().await.as_ref()
            && fresh_enough(c)
        {
            return Ok(c.clone());
        }
        // The version is read before the rows: rows newer than it only make the next
        // request rebuild once more, never keep an older catalogue under a newer version.
        let fresh = Arc::new(Catalogue::load(db, version).await?);
        *self.current.write().await = Some(fresh.clone());
        Ok(fresh)
    }
}

#[cfg(test)]
mod tests;
