//! Dense assignment: every row gets a distinct column, maximising the total (the problem
//! SciPy's `linear_sum_assignment(maximize=True)` solves). Shortest augmenting paths with
//! row and column potentials, one Dijkstra per row over the columns not yet scanned, with
//! potentials updated once per row (Crouse, "On implementing 2D rectangular assignment
//! algorithms", 2016 — the method SciPy uses), for rows ≤ columns.

/// A row-major matrix of scores, `rows × cols`, `rows ≤ cols`.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub rows: usize,
    pub cols: usize,
    pub scores: Vec<i64>,
}

/// The column of each row and the total score.
pub fn max_assignment(m: &Matrix) -> (Vec<usize>, i64) {
    let (n, k) = (m.rows, m.cols);
    assert!(
        n <= k && m.scores.len() == n * k,
        "rows ≤ cols and a full matrix"
    );
    const NONE: usize = usize::MAX;
    const INF: i64 = i64::MAX / 4;
    let mut u = vec![0i64; n];
    let mut v = vec![0i64; k];
    let mut shortest = vec![INF; k];
    let mut path = vec![NONE; k];
    let mut col4row = vec![NONE; n];
    let mut row4col = vec![NONE; k];
    let mut scanned_rows = vec![false; n];
    let mut scanned_cols = vec![false; k];
    let mut remaining: Vec<usize> = Vec::with_capacity(k);
    for cur in 0..n {
        shortest.fill(INF);
        scanned_rows.fill(false);
        scanned_cols.fill(false);
        remaining.clear();
        // Reversed, as SciPy does, so ties go to the lowest column.
        remaining.extend((0..k).rev());
        let mut min_val = 0i64;
        let mut i = cur;
        let sink = loop {
            scanned_rows[i] = true;
            let row = &m.scores[i * k..(i + 1) * k];
            let ui = u[i];
            let mut lowest = INF;
            let mut index = NONE;
            for (it, &j) in remaining.iter().enumerate() {
                let r = min_val - row[j] - ui - v[j];
                if r < shortest[j] {
                    path[j] = i;
                    shortest[j] = r;
                }
                // Prefer a free column at equal distance: the search ends sooner.
                if shortest[j] < lowest || (shortest[j] == lowest && row4col[j] == NONE) {
                    lowest = shortest[j];
                    index = it;
                }
            }
            min_val = lowest;
            let j = remaining.swap_remove(index);
            scanned_cols[j] = true;
            if row4col[j] == NONE {
                break j;
            }
            i = row4col[j];
        };
        u[cur] += min_val;
        for r in 0..n {
            if scanned_rows[r] && r != cur {
                u[r] += min_val - shortest[col4row[r]];
            }
        }
        for j in 0..k {
            if scanned_cols[j] {
                v[j] -= min_val - shortest[j];
            }
        }
        let mut j = sink;
        loop {
            let r = path[j];
            row4col[j] = r;
            let previous = col4row[r];
            col4row[r] = j;
            if r == cur {
                break;
            }
            j = previous;
        }
    }
    let total = (0..n).map(|r| m.scores[r * k + col4row[r]]).sum();
    (col4row, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn permutations(n: usize, k: usize, prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if prefix.len() == n {
            out.push(prefix.clone());
            return;
        }
        for c in 0..k {
            if !prefix.contains(&c) {
                prefix.push(c);
                permutations(n, k, prefix, out);
                prefix.pop();
            }
        }
    }

    proptest! {
        #[test]
        fn matches_brute_force((n, k, scores) in (1usize..6).prop_flat_map(|n| (Just(n), n..7)).prop_flat_map(|(n, k)| (Just(n), Just(k), proptest::collection::vec(-50i64..100, n * k)))) {
            let m = Matrix { rows: n, cols: k, scores };
            let (cols, total) = max_assignment(&m);
            let mut all = Vec::new();
            permutations(n, k, &mut Vec::new(), &mut all);
            let best = all.iter().map(|perm| perm.iter().enumerate().map(|(i, &c)| m.scores[i * k + c]).sum::<i64>()).max().unwrap_or(0);
            prop_assert_eq!(total, best);
            let mut seen = cols.clone();
            seen.sort_unstable();
            seen.dedup();
            prop_assert_eq!(seen.len(), n, "distinct columns");
        }

        /// With non-negative scores the sparse solver (which may leave rows unpaired) reaches
        /// the same total as the dense one on a complete square instance.
        #[test]
        fn agrees_with_the_sparse_solver(n in 1usize..12, seed in any::<u64>()) {
            let mut x = seed | 1;
            let mut next = || { x ^= x << 13; x ^= x >> 7; x ^= x << 17; (x % 97) as i64 + 1 };
            let scores: Vec<i64> = (0..n * n).map(|_| next()).collect();
            let (_, dense) = max_assignment(&Matrix { rows: n, cols: n, scores: scores.clone() });
            let problem = crate::Problem {
                left_capacity: vec![1; n],
                right_capacity: vec![1; n],
                candidates: (0..n).flat_map(|a| (0..n).map(move |b| (a, b))).map(|(a, b)| (a, b, scores[a * n + b])).collect(),
                ..Default::default()
            };
            prop_assert_eq!(crate::assign::solve(&problem).expect("solve").total, dense);
        }
    }
}
