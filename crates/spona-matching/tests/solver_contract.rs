//! What the solvers promise, checked where the crate's own property tests did not reach
//! (found with cargo-mutants, see bench/mutants.sh): the error texts, capacities above one
//! on side B, larger problems than the unit properties draw, and the dense solver's ties.

use spona_matching::dense::{Matrix, max_assignment};
use spona_matching::{Assignment, Problem, SolveError, assign::solve};

#[test]
fn errors_say_what_is_wrong() {
    let cases = [
        (
            SolveError::UnknownParticipant {
                side: 'B',
                index: 3,
            },
            "no participant 3 on side B",
        ),
        (
            SolveError::BadCandidate { a: 1, b: 2 },
            "pair (1, 2) has no positive score or is listed twice",
        ),
        (
            SolveError::PinnedAndForbidden { a: 0, b: 4 },
            "pair (0, 4) is both pinned and forbidden",
        ),
        (
            SolveError::OverCapacity {
                side: 'A',
                index: 2,
            },
            "participant 2 on side A has more pinned pairs than capacity",
        ),
        (
            SolveError::BothSidesShared,
            "only one side may have capacities above one",
        ),
    ];
    for (e, text) in cases {
        assert_eq!(e.to_string(), text);
    }
}

#[test]
fn side_b_may_take_several_when_side_a_takes_one() {
    let p = Problem {
        left_capacity: vec![1, 1, 1],
        right_capacity: vec![2],
        candidates: vec![(0, 0, 5), (1, 0, 7), (2, 0, 3)],
        ..Default::default()
    };
    assert_eq!(
        solve(&p),
        Ok(Assignment {
            pairs: vec![(0, 0), (1, 0)],
            total: 12
        })
    );
}

/// A small deterministic generator (xorshift), so that failures repeat.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// The best total by trying every subset of the allowed pairs (pins always in).
fn brute(p: &Problem) -> Option<i64> {
    let mut edges: Vec<(usize, usize, i64)> = p
        .candidates
        .iter()
        .copied()
        .filter(|&(a, b, _)| !p.forbidden.contains(&(a, b)))
        .collect();
    for &(a, b) in &p.pinned {
        if !edges.iter().any(|e| (e.0, e.1) == (a, b)) {
            edges.push((a, b, 0));
        }
    }
    let mut best = None;
    for mask in 0u32..(1 << edges.len()) {
        let chosen: Vec<_> = (0..edges.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| edges[i])
            .collect();
        if p.pinned
            .iter()
            .any(|&(a, b)| !chosen.iter().any(|e| (e.0, e.1) == (a, b)))
        {
            continue;
        }
        let over = |cap: &[u32], side: fn(&(usize, usize, i64)) -> usize| {
            (0..cap.len()).any(|i| chosen.iter().filter(|e| side(e) == i).count() > cap[i] as usize)
        };
        if over(&p.left_capacity, |e| e.0) || over(&p.right_capacity, |e| e.1) {
            continue;
        }
        let total: i64 = chosen.iter().map(|e| e.2).sum();
        best = best.max(Some(total));
    }
    best
}

fn random_problem(rng: &mut Rng, shared_side: u64) -> Problem {
    let na = 1 + rng.next(6) as usize;
    let nb = 1 + rng.next(6) as usize;
    let cap = |rng: &mut Rng, shared: bool| if shared { 1 + rng.next(3) as u32 } else { 1 };
    let left_capacity = (0..na).map(|_| cap(rng, shared_side == 1)).collect();
    let right_capacity = (0..nb).map(|_| cap(rng, shared_side == 2)).collect();
    let mut candidates: Vec<(usize, usize, i64)> = Vec::new();
    for _ in 0..rng.next(15) {
        let (a, b) = (rng.next(na as u64) as usize, rng.next(nb as u64) as usize);
        if !candidates.iter().any(|e| (e.0, e.1) == (a, b)) {
            candidates.push((a, b, 1 + rng.next(40) as i64));
        }
    }
    let mut forbidden = Vec::new();
    if rng.next(3) == 0 && !candidates.is_empty() {
        let e = candidates[rng.next(candidates.len() as u64) as usize];
        forbidden.push((e.0, e.1));
    }
    let mut pinned = Vec::new();
    if rng.next(3) == 0 && !candidates.is_empty() {
        let e = candidates[rng.next(candidates.len() as u64) as usize];
        if !forbidden.contains(&(e.0, e.1)) {
            pinned.push((e.0, e.1));
        }
    }
    Problem {
        left_capacity,
        right_capacity,
        candidates,
        pinned,
        forbidden,
    }
}

#[test]
fn larger_problems_are_solved_exactly_on_either_shared_side() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for round in 0..1500 {
        let p = random_problem(&mut rng, round % 3);
        let got = solve(&p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert_eq!(Some(got.total), brute(&p), "{p:?} gave {got:?}");
        let sum: i64 = got
            .pairs
            .iter()
            .map(|&(a, b)| {
                p.candidates
                    .iter()
                    .find(|e| (e.0, e.1) == (a, b))
                    .map_or(0, |e| e.2)
            })
            .sum();
        assert_eq!(sum, got.total, "{p:?}: the total is the pairs' scores");
    }
}

#[test]
fn dense_ties_go_to_the_lowest_columns_as_scipy_does() {
    // All equal: SciPy's linear_sum_assignment gives row i column i.
    let m = Matrix {
        rows: 3,
        cols: 5,
        scores: vec![4; 15],
    };
    assert_eq!(max_assignment(&m), (vec![0, 1, 2], 12));
    let m = Matrix {
        rows: 2,
        cols: 3,
        scores: vec![1, 1, 0, 1, 1, 0],
    };
    assert_eq!(max_assignment(&m), (vec![0, 1], 2));
}

#[test]
fn a_pair_whose_gains_only_cover_its_costs_is_not_proposed() {
    use spona_matching::{Participant, ScoringRule};
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    let a = Participant {
        offers: set(&["safe-houses"]),
        languages: set(&["sr"]),
        capacity: 1,
        ..Default::default()
    };
    let b = Participant {
        needs: set(&["safe-houses"]),
        languages: set(&["sr"]),
        capacity: 1,
        ..Default::default()
    };
    // One offer meets a need (10), they worked together before (−10): a score of 0.
    let rule = ScoringRule {
        worked_together: 10,
        ..ScoringRule::default()
    };
    assert_eq!(rule.explain(&a, &b, true), None);
    // One point more and it is a pair.
    let rule = ScoringRule {
        worked_together: 9,
        ..ScoringRule::default()
    };
    assert_eq!(rule.explain(&a, &b, true).map(|e| e.score), Some(1));
}
