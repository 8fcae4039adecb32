//! The dashboard's summary in memory (issue 21: p99 under 50 ms over 270,000
//! recommendations).
//!
//! Counting the whole table with GROUP BYs at each request took seconds. A [`Cube`] holds
//! every recommendation reduced to what the dashboard filters and counts by — mechanism,
//! cycle, state addressed, its themes, its measures' institutions, the state's status, the
//! organisations' current assessments by status — grouped into *cells* of recommendations
//! alike in all of these (a few thousand for 270,000 recommendations), and every measure
//! with the recommendations it implements. A request filters the cells and adds them up:
//! no query but the version's.
//!
//! It is built at one `monitoring_version`, which triggers bump inside every transaction
//! that changes what the dashboard counts (migration 0160: recommendations' mechanism,
//! cycle and country, themes, assessments, measures and their recommendations). Each request
//! reads the version (one small query) and the first one after a change rebuilds the cube
//! (one request rebuilds, the others wait for it): the numbers are never those of an older
//! state, and several servers on one database stay right. Overdue measures depend on the
//! day, so the cube keeps deadlines and statuses and each request compares them with its
//! own `today`.
//!
//! Why not a summary table kept by every write: the filters combine freely (a theme and an
//! institution are sets per recommendation, a measure's scope depends on its
//! recommendations), so such a table would need the same cells, kept exact by every write
//! path — import, assessments, measures, deletions by cascade — where one bug means wrong
//! public numbers until someone notices. A rebuild from the tables at a version bumped by
//! triggers cannot drift; writes are rare next to reads, and the rebuild is a few queries.
//!
//! What the cube answers equals what [`spona_store::monitoring::dashboard::counts`] answers
//! with SQL (the contract test `monitoring_cube` compares the two, filter by filter, on
//! both databases).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use spona_domain::monitoring::Status;
use spona_store::Db;
use spona_store::monitoring::dashboard::{
    ByCycle, ByInstitution, ByTheme, Counts, CsoCount, Disagreements, Filter, OVERDUE_SHOWN,
    Overdue,
};
use spona_store::monitoring::dashboard_cube::{self as store, SEPARATOR, Source};
use tokio::sync::{Mutex, RwLock};

use super::dashboard::{Dashboard, shape};
use crate::Result;

/// A name's number in [`Cube::names`].
type Name = u32;
/// A set's number in [`Cube::sets`].
type Set = u32;

/// What a recommendation is filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    mechanism: Name,
    cycle: Name,
    country: Name,
    themes: Set,
    institutions: Set,
}

/// Recommendations alike in everything counted, and how many.
#[derive(Debug, Clone)]
struct Cell {
    key: Key,
    state: Name,
    /// Current organisations' assessments of each, by status ([`Status::ALL`] order).
    cso: [i64; 4],
    /// Whether an organisation's current assessment differs from the state's status.
    differs: bool,
    n: i64,
}

#[derive(Debug, Clone)]
struct Measure {
    id: String,
    title: String,
    institution: Name,
    deadline: Option<String>,
    status: String,
    /// Its recommendations: a number per recommendation, and what each is filtered by.
    links: Vec<(u32, Key)>,
}

/// The dashboard's numbers at one version, in memory.
#[derive(Debug, Default)]
pub struct Cube {
    pub version: i64,
    names: Vec<String>,
    sets: Vec<Vec<Name>>,
    cells: Vec<Cell>,
    measures: Vec<Measure>,
}

/// Numbers given to names and sets while building.
#[derive(Default)]
struct Interner {
    names: Vec<String>,
    by_name: HashMap<String, Name>,
    sets: Vec<Vec<Name>>,
    by_set: HashMap<Vec<Name>, Set>,
}

impl Interner {
    fn name(&mut self, s: &str) -> Name {
        if let Some(&n) = self.by_name.get(s) {
            return n;
        }
        let n = self.names.len() as Name;
        self.names.push(s.to_owned());
        self.by_name.insert(s.to_owned(), n);
        n
    }

    /// The set of the names `joined` lists (by [`SEPARATOR`]), duplicates dropped.
    fn set(&mut self, joined: &str) -> Set {
        let mut names: Vec<Name> = joined
            .split(SEPARATOR)
            .filter(|s| !s.is_empty())
            .map(|s| self.name(s))
            .collect();
        names.sort_unstable();
        names.dedup();
        if let Some(&s) = self.by_set.get(&names) {
            return s;
        }
        let s = self.sets.len() as Set;
        self.sets.push(names.clone());
        self.by_set.insert(names, s);
        s
    }
}

/// A filter in numbers: `None` is any; a name the cube does not hold matches nothing.
struct Resolved {
    mechanism: Option<Name>,
    cycle: Option<Name>,
    country: Option<Name>,
    theme: Option<Name>,
    institution: Option<Name>,
}

const NOWHERE: Name = Name::MAX;

impl Cube {
    /// The cube of what [`store::load`] read.
    pub fn build(source: Source) -> Cube {
        let mut i = Interner::default();
        // Cells alike once their lists are read as sets are one cell.
        let mut cells: HashMap<(Key, Name, [i64; 4]), i64> = HashMap::new();
        for c in &source.cells {
            let key = Key {
                mechanism: i.name(&c.mechanism),
                cycle: i.name(&c.cycle),
                country: i.name(&c.country),
                themes: i.set(&c.themes),
                institutions: i.set(&c.institutions),
            };
            let state = i.name(&c.state_status);
            *cells
                .entry((key, state, [c.c0, c.c1, c.c2, c.c3]))
                .or_default() += c.n;
        }
        let cells = cells
            .into_iter()
            .map(|((key, state, cso), n)| {
                let state_code = i.names[state as usize].as_str();
                let differs = state_code != "none"
                    && Status::ALL
                        .iter()
                        .zip(cso)
                        .any(|(s, k)| k > 0 && s.as_str() != state_code);
                Cell {
                    key,
                    state,
                    cso,
                    differs,
                    n,
                }
            })
            .collect();
        let mut place: HashMap<&str, usize> = HashMap::new();
        let mut measures: Vec<Measure> = source
            .measures
            .iter()
            .enumerate()
            .map(|(n, m)| {
                place.insert(m.id.as_str(), n);
                Measure {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    institution: i.name(&m.institution),
                    deadline: m.deadline.clone(),
                    status: m.status.clone(),
                    links: Vec::new(),
                }
            })
            .collect();
        let mut recs: HashMap<&str, u32> = HashMap::new();
        for l in &source.links {
            let Some(&m) = place.get(l.measure_id.as_str()) else {
                continue;
            };
            let next = recs.len() as u32;
            let rec = *recs.entry(l.recommendation_id.as_str()).or_insert(next);
            let key = Key {
                mechanism: i.name(&l.mechanism),
                cycle: i.name(&l.cycle),
                country: i.name(&l.country),
                themes: i.set(&l.themes),
                institutions: i.set(&l.institutions),
            };
            measures[m].links.push((rec, key));
        }
        Cube {
            version: source.version,
            names: i.names,
            sets: i.sets,
            cells,
            measures,
        }
    }

    fn name(&self, n: Name) -> &str {
        &self.names[n as usize]
    }

    fn resolve(&self, f: &Filter) -> Resolved {
        let find = |v: &Option<String>| {
            v.as_deref().map(|s| {
                self.names
                    .iter()
                    .position(|n| n == s)
                    .map_or(NOWHERE, |p| p as Name)
            })
        };
        Resolved {
            mechanism: find(&f.mechanism),
            cycle: find(&f.cycle),
            country: find(&f.country),
            theme: find(&f.theme),
            institution: find(&f.institution),
        }
    }

    fn selects(&self, r: &Resolved, k: &Key) -> bool {
        let is = |want: Option<Name>, have: Name| want.is_none_or(|w| w == have);
        let holds = |want: Option<Name>, set: Set| {
            want.is_none_or(|w| self.sets[set as usize].contains(&w))
        };
        is(r.mechanism, k.mechanism)
            && is(r.cycle, k.cycle)
            && is(r.country, k.country)
            && holds(r.theme, k.themes)
            && holds(r.institution, k.institutions)
    }

    /// What [`spona_store::monitoring::dashboard::counts`] counts for `f`, `today` an ISO
    /// date, from memory.
    pub fn counts(&self, f: &Filter, today: &str) -> Counts {
        let r = self.resolve(f);
        // Added up by numbers, named and ordered at the end.
        let mut by_cycle: HashMap<(Name, Name, Name), i64> = HashMap::new();
        let mut by_theme: HashMap<(Name, Name), i64> = HashMap::new();
        let mut cso: HashMap<(Name, usize), i64> = HashMap::new();
        let mut disagreements: HashMap<Name, i64> = HashMap::new();
        for c in self.cells.iter().filter(|c| self.selects(&r, &c.key)) {
            let mechanism = c.key.mechanism;
            *by_cycle
                .entry((mechanism, c.key.cycle, c.state))
                .or_default() += c.n;
            for &t in &self.sets[c.key.themes as usize] {
                *by_theme.entry((t, c.state)).or_default() += c.n;
            }
            for (s, k) in c.cso.iter().enumerate() {
                if *k > 0 {
                    *cso.entry((mechanism, s)).or_default() += k * c.n;
                }
            }
            if c.differs {
                *disagreements.entry(mechanism).or_default() += c.n;
            }
        }
        let named = |n: Name| self.name(n).to_owned();
        let mut by_cycle: Vec<ByCycle> = by_cycle
            .into_iter()
            .map(|((m, y, s), n)| ByCycle {
                mechanism: named(m),
                cycle: named(y),
                state_status: named(s),
                n,
            })
            .collect();
        by_cycle.sort_by(|a, b| {
            (&a.mechanism, &a.cycle, &a.state_status).cmp(&(
                &b.mechanism,
                &b.cycle,
                &b.state_status,
            ))
        });
        let mut by_theme: Vec<ByTheme> = by_theme
            .into_iter()
            .map(|((t, s), n)| ByTheme {
                theme: named(t),
                state_status: named(s),
                n,
            })
            .collect();
        by_theme.sort_by(|a, b| (&a.theme, &a.state_status).cmp(&(&b.theme, &b.state_status)));
        let mut cso: Vec<CsoCount> = cso
            .into_iter()
            .map(|((m, s), n)| CsoCount {
                mechanism: named(m),
                status: Status::ALL[s].as_str().to_owned(),
                n,
            })
            .collect();
        cso.sort_by(|a, b| (&a.mechanism, &a.status).cmp(&(&b.mechanism, &b.status)));
        let mut disagreements: Vec<Disagreements> = disagreements
            .into_iter()
            .map(|(m, n)| Disagreements {
                mechanism: named(m),
                n,
            })
            .collect();
        disagreements.sort_by(|a, b| a.mechanism.cmp(&b.mechanism));
        let (institutions, overdue) = self.measures(&r, today);
        Counts {
            by_cycle,
            by_theme,
            cso,
            disagreements,
            institutions,
            overdue,
        }
    }

    /// Measures per institution and the first overdue ones: those of the chosen
    /// institution that implement at least one selected recommendation (every one of the
    /// institution when the filter names nothing about recommendations).
    fn measures(&self, r: &Resolved, today: &str) -> (Vec<ByInstitution>, Vec<Overdue>) {
        let about_recommendations =
            r.mechanism.is_some() || r.cycle.is_some() || r.theme.is_some() || r.country.is_some();
        let in_scope = |m: &&Measure| {
            r.institution.is_none_or(|i| i == m.institution)
                && (!about_recommendations || m.links.iter().any(|(_, k)| self.selects(r, k)))
        };
        let is_overdue = |m: &Measure| {
            m.deadline.as_deref().is_some_and(|d| d < today)
                && m.status != "done"
                && m.status != "dropped"
        };
        let mut by_institution: BTreeMap<&str, (i64, i64, BTreeSet<u32>)> = BTreeMap::new();
        let mut overdue: Vec<&Measure> = Vec::new();
        for m in self.measures.iter().filter(in_scope) {
            let e = by_institution.entry(self.name(m.institution)).or_default();
            e.0 += 1;
            if is_overdue(m) {
                e.1 += 1;
                overdue.push(m);
            }
            e.2.extend(m.links.iter().map(|(rec, _)| *rec));
        }
        overdue.sort_by(|a, b| (&a.deadline, &a.title).cmp(&(&b.deadline, &b.title)));
        overdue.truncate(OVERDUE_SHOWN as usize);
        (
            by_institution
                .into_iter()
                .map(|(institution, (measures, overdue, recs))| ByInstitution {
                    institution: institution.to_owned(),
                    measures,
                    overdue,
                    recommendations: recs.len() as i64,
                })
                .collect(),
            overdue
                .into_iter()
                .map(|m| Overdue {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    institution: self.name(m.institution).to_owned(),
                    deadline: m.deadline.clone().unwrap_or_default(),
                    status: m.status.clone(),
                })
                .collect(),
        )
    }

    /// The dashboard for a filter, shaped for its page and its JSON.
    pub fn dashboard(&self, filter: Filter, today: &str) -> Dashboard {
        let counts = self.counts(&filter, today);
        shape(filter, counts)
    }

    /// The filter form's choices, as [`spona_store::monitoring::dashboard::choices`] gives
    /// them: (mechanism, cycle) pairs present, theme codes present, institutions of
    /// measures; each sorted.
    pub fn choices(&self) -> (Vec<(String, String)>, Vec<String>, Vec<String>) {
        let mut cycles: BTreeSet<(&str, &str)> = BTreeSet::new();
        let mut themes: BTreeSet<&str> = BTreeSet::new();
        for c in &self.cells {
            cycles.insert((self.name(c.key.mechanism), self.name(c.key.cycle)));
            themes.extend(
                self.sets[c.key.themes as usize]
                    .iter()
                    .map(|&t| self.name(t)),
            );
        }
        let institutions: BTreeSet<&str> = self
            .measures
            .iter()
            .map(|m| self.name(m.institution))
            .collect();
        (
            cycles
                .into_iter()
                .map(|(m, c)| (m.to_owned(), c.to_owned()))
                .collect(),
            themes.into_iter().map(str::to_owned).collect(),
            institutions.into_iter().map(str::to_owned).collect(),
        )
    }

    /// How many cells it holds (recommendations alike counted once).
    pub fn cells(&self) -> usize {
        self.cells.len()
    }
}

/// The cube of one server, shared by its requests.
#[derive(Default)]
pub struct DashboardCache {
    current: RwLock<Option<Arc<Cube>>>,
    rebuilding: Mutex<()>,
}

impl DashboardCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The cube at the database's current version, rebuilt when anything counted changed
    /// (one request rebuilds; the others that need the new version wait for it).
    pub async fn snapshot(&self, db: &Db) -> Result<Arc<Cube>> {
        let version = store::version(db).await?;
        if let Some(c) = self.current.read().await.as_ref()
            && c.version >= version
        {
            return Ok(c.clone());
        }
        let _guard = self.rebuilding.lock().await;
        if let Some(c) = self.current.read().await.as_ref()
            && c.version >= version
        {
            return Ok(c.clone());
        }
        // The rows and their version are read in one transaction: the cube is exactly
        // the state of that version (maybe newer than the one read above).
        let source = store::load(db).await?;
        let fresh = Arc::new(Cube::build(source));
        *self.current.write().await = Some(fresh.clone());
        Ok(fresh)
    }
}

#[cfg(test)]
mod tests;
