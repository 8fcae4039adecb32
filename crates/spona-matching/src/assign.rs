//! Exact maximum-weight assignment with capacities.
//!
//! Side A and side B, candidate pairs with positive integer scores, a capacity per
//! participant (how many partners), pinned pairs that must be in the result and forbidden
//! pairs that must not. The result maximises the total score; pairs that would lower the
//! total are simply not made (nobody is forced into a pair).
//!
//! Method: each participant with capacity k becomes k slots; every slot of side A also gets
//! a private "stay unpaired" column of cost 0. That is a rectangular linear assignment
//! problem (every A slot gets exactly one column), solved by shortest augmenting paths with
//! Dijkstra over the sparse candidate graph and column potentials (Jonker–Volgenant, sparse
//! form). Each A slot is inserted once; its search stops at the first free column, which its
//! own "unpaired" column bounds, so searches stay small on sparse instances. With dual
//! feasibility and complementary slackness kept after every step, the result is optimal.
//!
//! Splitting a participant into slots could pair the same two participants twice if *both*
//! had capacity above 1; Spona's programmes never need that (mentors take k mentees, each
//! mentee one mentor), so such problems are refused.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

/// A matching problem over indices `0..left_capacity.len()` (side A) and
/// `0..right_capacity.len()` (side B).
#[derive(Debug, Clone, Default)]
pub struct Problem {
    pub left_capacity: Vec<u32>,
    pub right_capacity: Vec<u32>,
    /// Candidate pairs `(a, b, score)`; scores must be positive, a pair listed once.
    pub candidates: Vec<(usize, usize, i64)>,
    /// Pairs that must be made (score taken from `candidates`, or 0 if not a candidate).
    pub pinned: Vec<(usize, usize)>,
    /// Pairs that must not be made.
    pub forbidden: Vec<(usize, usize)>,
}

/// The chosen pairs and their total score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// `(a, b)`, sorted.
    pub pairs: Vec<(usize, usize)>,
    pub total: i64,
}

/// Why a problem cannot be solved as stated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SolveError {
    /// An index is outside its side.
    UnknownParticipant { side: char, index: usize },
    /// A candidate with a score of zero or less, or listed twice.
    BadCandidate { a: usize, b: usize },
    /// A pair is both pinned and forbidden.
    PinnedAndForbidden { a: usize, b: usize },
    /// More pinned pairs for one participant than its capacity.
    OverCapacity { side: char, index: usize },
    /// Both sides have a participant with capacity above one.
    BothSidesShared,
}

impl std::fmt::Display for SolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SolveError::UnknownParticipant { side, index } => {
                write!(f, "no participant {index} on side {side}")
            }
            SolveError::BadCandidate { a, b } => write!(
                f,
                "pair ({a}, {b}) has no positive score or is listed twice"
            ),
            SolveError::PinnedAndForbidden { a, b } => {
                write!(f, "pair ({a}, {b}) is both pinned and forbidden")
            }
            SolveError::OverCapacity { side, index } => write!(
                f,
                "participant {index} on side {side} has more pinned pairs than capacity"
            ),
            SolveError::BothSidesShared => write!(f, "only one side may have capacities above one"),
        }
    }
}

impl std::error::Error for SolveError {}

/// Solves a problem exactly.
pub fn solve(p: &Problem) -> Result<Assignment, SolveError> {
    let (na, nb) = (p.left_capacity.len(), p.right_capacity.len());
    let check = |a: usize, b: usize| {
        if a >= na {
            Err(SolveError::UnknownParticipant {
                side: 'A',
                index: a,
            })
        } else if b >= nb {
            Err(SolveError::UnknownParticipant {
                side: 'B',
                index: b,
            })
        } else {
            Ok(())
        }
    };
    if p.left_capacity.iter().any(|&c| c > 1) && p.right_capacity.iter().any(|&c| c > 1) {
        return Err(SolveError::BothSidesShared);
    }
    let mut seen = HashSet::new();
    for &(a, b, s) in &p.candidates {
        check(a, b)?;
        if s <= 0 || !seen.insert((a, b)) {
            return Err(SolveError::BadCandidate { a, b });
        }
    }
    let forbidden: HashSet<(usize, usize)> = p.forbidden.iter().copied().collect();
    for &(a, b) in &p.forbidden {
        check(a, b)?;
    }
    let mut left = p.left_capacity.clone();
    let mut right = p.right_capacity.clone();
    let mut pinned: Vec<(usize, usize)> = Vec::new();
    let mut total = 0;
    for &(a, b) in &p.pinned {
        check(a, b)?;
        if forbidden.contains(&(a, b)) {
            return Err(SolveError::PinnedAndForbidden { a, b });
        }
        if pinned.contains(&(a, b)) {
            continue;
        }
        left[a] = left[a].checked_sub(1).ok_or(SolveError::OverCapacity {
            side: 'A',
            index: a,
        })?;
        right[b] = right[b].checked_sub(1).ok_or(SolveError::OverCapacity {
            side: 'B',
            index: b,
        })?;
        total += p
            .candidates
            .iter()
            .find(|c| (c.0, c.1) == (a, b))
            .map_or(0, |c| c.2);
        pinned.push((a, b));
    }
    let free: Vec<(usize, usize, i64)> = p
        .candidates
        .iter()
        .copied()
        .filter(|&(a, b, _)| !forbidden.contains(&(a, b)) && !pinned.contains(&(a, b)))
        .collect();
    let (pairs, score) = max_weight(&left, &right, &free);
    let mut all: Vec<(usize, usize)> = pinned.into_iter().chain(pairs).collect();
    all.sort_unstable();
    Ok(Assignment {
        pairs: all,
        total: total + score,
    })
}

/// The solver proper, on capacities already reduced by pins.
fn max_weight(
    left: &[u32],
    right: &[u32],
    edges: &[(usize, usize, i64)],
) -> (Vec<(usize, usize)>, i64) {
    // Slots: row r belongs to A participant row_owner[r]; column c < real to B column_owner[c];
    // column real + r is row r's "unpaired" column.
    let mut row_owner = Vec::new();
    let mut first_row = vec![0usize; left.len() + 1];
    for (a, &cap) in left.iter().enumerate() {
        first_row[a] = row_owner.len();
        row_owner.extend(std::iter::repeat_n(a, cap as usize));
    }
    first_row[left.len()] = row_owner.len();
    let mut col_owner = Vec::new();
    let mut first_col = vec![0usize; right.len() + 1];
    for (b, &cap) in right.iter().enumerate() {
        first_col[b] = col_owner.len();
        col_owner.extend(std::iter::repeat_n(b, cap as usize));
    }
    first_col[right.len()] = col_owner.len();
    let rows = row_owner.len();
    let real = col_owner.len();
    let cols = real + rows;

    // Adjacency of each A participant (shared by its slots): (column, cost = -score).
    let mut adj: Vec<Vec<(usize, i64)>> = vec![Vec::new(); left.len()];
    for &(a, b, s) in edges {
        for c in first_col[b]..first_col[b + 1] {
            adj[a].push((c, -s));
        }
    }

    let mut v = vec![0i64; cols];
    let mut col_row = vec![usize::MAX; cols];
    let mut row_col = vec![usize::MAX; rows];
    let mut row_cost = vec![0i64; rows];
    let mut dist = vec![i64::MAX; cols];
    let mut pred = vec![usize::MAX; cols];
    let mut pred_cost = vec![0i64; cols];
    let mut done = vec![false; cols];
    let mut touched: Vec<usize> = Vec::new();
    let mut heap: BinaryHeap<Reverse<(i64, usize)>> = BinaryHeap::new();

    for r in 0..rows {
        let a = row_owner[r];
        let unpaired = real + r;
        // u_r makes the cheapest reduced cost out of r zero.
        let u_r = adj[a]
            .iter()
            .map(|&(c, cost)| cost - v[c])
            .chain(std::iter::once(-v[unpaired]))
            .min()
            .unwrap_or(0);
        let mut relax = |c: usize,
                         d: i64,
                         from: usize,
                         cost: i64,
                         dist: &mut Vec<i64>,
                         pred: &mut Vec<usize>,
                         touched: &mut Vec<usize>,
                         heap: &mut BinaryHeap<Reverse<(i64, usize)>>| {
            if d < dist[c] {
                if dist[c] == i64::MAX {
                    touched.push(c);
                }
                dist[c] = d;
                pred[c] = from;
                pred_cost[c] = cost;
                heap.push(Reverse((d, c)));
            }
        };
        for &(c, cost) in &adj[a] {
            relax(
                c,
                cost - v[c] - u_r,
                r,
                cost,
                &mut dist,
                &mut pred,
                &mut touched,
                &mut heap,
            );
        }
        relax(
            unpaired,
            -v[unpaired] - u_r,
            r,
            0,
            &mut dist,
            &mut pred,
            &mut touched,
            &mut heap,
        );

        let mut scanned: Vec<usize> = Vec::new();
        let (end, end_dist) = loop {
            let Some(Reverse((d, c))) = heap.pop() else {
                unreachable!("the unpaired column is always reachable")
            };
            if done[c] || d > dist[c] {
                continue;
            }
            done[c] = true;
            if col_row[c] == usize::MAX {
                break (c, d);
            }
            scanned.push(c);
            let i = col_row[c];
            let u_i = row_cost[i] - v[c];
            if row_col[i] >= real {
                continue; // a slot that stays unpaired has no other edges to follow
            }
            for &(k, cost) in &adj[row_owner[i]] {
                if !done[k] {
                    relax(
                        k,
                        d + cost - v[k] - u_i,
                        i,
                        cost,
                        &mut dist,
                        &mut pred,
                        &mut touched,
                        &mut heap,
                    );
                }
            }
            // An unpaired slot's own column is reachable only from that slot.
            let own = real + i;
            if !done[own] {
                relax(
                    own,
                    d - v[own] - u_i,
                    i,
                    0,
                    &mut dist,
                    &mut pred,
                    &mut touched,
                    &mut heap,
                );
            }
        };
        for &c in &scanned {
            v[c] += dist[c] - end_dist;
        }
        // Augment along the path back to r.
        let mut c = end;
        loop {
            let i = pred[c];
            let previous = row_col[i];
            row_col[i] = c;
            col_row[c] = i;
            row_cost[i] = pred_cost[c];
            if i == r {
                break;
            }
            c = previous;
        }
        for &c in &touched {
            dist[c] = i64::MAX;
            done[c] = false;
            pred[c] = usize::MAX;
        }
        touched.clear();
        heap.clear();
    }

    let mut pairs = Vec::new();
    let mut total = 0;
    for r in 0..rows {
        let c = row_col[r];
        if c < real {
            pairs.push((row_owner[r], col_owner[c]));
            total -= row_cost[r];
        }
    }
    (pairs, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn brute(p: &Problem) -> i64 {
        let forbidden: HashSet<_> = p.forbidden.iter().copied().collect();
        let edges: Vec<_> = p
            .candidates
            .iter()
            .copied()
            .filter(|e| !forbidden.contains(&(e.0, e.1)))
            .collect();
        let mut best = i64::MIN;
        'subsets: for mask in 0u32..(1 << edges.len()) {
            let chosen: Vec<_> = (0..edges.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| edges[i])
                .collect();
            for &(a, b) in &p.pinned {
                if !chosen.iter().any(|e| (e.0, e.1) == (a, b)) {
                    continue 'subsets;
                }
            }
            for a in 0..p.left_capacity.len() {
                if chosen.iter().filter(|e| e.0 == a).count() > p.left_capacity[a] as usize {
                    continue 'subsets;
                }
            }
            for b in 0..p.right_capacity.len() {
                if chosen.iter().filter(|e| e.1 == b).count() > p.right_capacity[b] as usize {
                    continue 'subsets;
                }
            }
            best = best.max(chosen.iter().map(|e| e.2).sum());
        }
        best
    }

    fn problem() -> impl Strategy<Value = Problem> {
        (1usize..5, 1usize..6, any::<bool>())
            .prop_flat_map(|(na, nb, mentors)| {
                let caps_a = proptest::collection::vec(if mentors { 1u32..4 } else { 1u32..2 }, na);
                let caps_b = proptest::collection::vec(1u32..2, nb);
                let edges = proptest::collection::vec((0..na, 0..nb, 1i64..30), 0..12);
                let extra = proptest::collection::vec((0..na, 0..nb), 0..3);
                (caps_a, caps_b, edges, extra.clone(), extra)
            })
            .prop_map(|(left, right, raw, pins, bans)| {
                let mut seen = HashSet::new();
                let candidates: Vec<_> = raw
                    .into_iter()
                    .filter(|e| seen.insert((e.0, e.1)))
                    .collect();
                // Pins: candidate pairs within capacity; bans: any other pairs.
                let mut pinned = Vec::new();
                let (mut la, mut rb) = (left.clone(), right.clone());
                for (a, b) in pins {
                    if candidates.iter().any(|e| (e.0, e.1) == (a, b))
                        && la[a] > 0
                        && rb[b] > 0
                        && !pinned.contains(&(a, b))
                    {
                        la[a] -= 1;
                        rb[b] -= 1;
                        pinned.push((a, b));
                    }
                }
                let forbidden = bans.into_iter().filter(|p| !pinned.contains(p)).collect();
                Problem {
                    left_capacity: left,
                    right_capacity: right,
                    candidates,
                    pinned,
                    forbidden,
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// On small instances the solver's total equals the brute-force optimum, and every
        /// constraint holds.
        #[test]
        fn optimal_and_feasible(p in problem()) {
            let got = solve(&p).expect("solvable");
            prop_assert_eq!(got.total, brute(&p));
            let score = |a: usize, b: usize| p.candidates.iter().find(|e| (e.0, e.1) == (a, b)).map_or(0, |e| e.2);
            prop_assert_eq!(got.pairs.iter().map(|&(a, b)| score(a, b)).sum::<i64>(), got.total);
            for a in 0..p.left_capacity.len() {
                prop_assert!(got.pairs.iter().filter(|e| e.0 == a).count() <= p.left_capacity[a] as usize);
            }
            for b in 0..p.right_capacity.len() {
                prop_assert!(got.pairs.iter().filter(|e| e.1 == b).count() <= p.right_capacity[b] as usize);
            }
            for pair in &p.pinned {
                prop_assert!(got.pairs.contains(pair));
            }
            for pair in &p.forbidden {
                prop_assert!(!got.pairs.contains(pair));
            }
            for &(a, b) in &got.pairs {
                prop_assert!(p.pinned.contains(&(a, b)) || p.candidates.iter().any(|e| (e.0, e.1) == (a, b)),
                    "only candidate pairs (compatible: language, know-how) or pins");
            }
            let unique: HashSet<_> = got.pairs.iter().collect();
            prop_assert_eq!(unique.len(), got.pairs.len(), "a pair at most once");
        }
    }

    #[test]
    fn refuses_what_it_cannot_do() {
        let p = Problem {
            left_capacity: vec![2],
            right_capacity: vec![2],
            ..Default::default()
        };
        assert_eq!(solve(&p), Err(SolveError::BothSidesShared));
        let p = Problem {
            left_capacity: vec![1],
            right_capacity: vec![1],
            candidates: vec![(0, 0, 0)],
            ..Default::default()
        };
        assert_eq!(solve(&p), Err(SolveError::BadCandidate { a: 0, b: 0 }));
        let p = Problem {
            left_capacity: vec![1],
            right_capacity: vec![1],
            pinned: vec![(0, 0)],
            forbidden: vec![(0, 0)],
            ..Default::default()
        };
        assert_eq!(
            solve(&p),
            Err(SolveError::PinnedAndForbidden { a: 0, b: 0 })
        );
        let p = Problem {
            left_capacity: vec![0],
            right_capacity: vec![1],
            pinned: vec![(0, 0)],
            ..Default::default()
        };
        assert_eq!(
            solve(&p),
            Err(SolveError::OverCapacity {
                side: 'A',
                index: 0
            })
        );
        let p = Problem {
            left_capacity: vec![1],
            right_capacity: vec![1],
            candidates: vec![(0, 3, 1)],
            ..Default::default()
        };
        assert_eq!(
            solve(&p),
            Err(SolveError::UnknownParticipant {
                side: 'B',
                index: 3
            })
        );
    }

    #[test]
    fn no_candidates_means_no_pairs() {
        let p = Problem {
            left_capacity: vec![1, 1],
            right_capacity: vec![1],
            ..Default::default()
        };
        assert_eq!(
            solve(&p),
            Ok(Assignment {
                pairs: vec![],
                total: 0
            })
        );
    }
}
