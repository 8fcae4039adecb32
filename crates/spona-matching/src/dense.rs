//! Dense assignment: every row gets a distinct column, maximising the total (the problem
//! SciPy's `linear_sum_assignment(maximize=True)` solves). Shortest augmenting paths with
//! row and column potentials (the Hungarian method in its O(n²·m) form), for rows ≤ columns.

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
    assert!(n <= k && m.scores.len() == n * k, "rows ≤ cols and a full matrix");
    const INF: i64 = i64::MAX / 4;
    // 1-based as in the textbook form; column 0 is the virtual start.
    let mut u = vec![0i64; n + 1];
    let mut v = vec![0i64; k + 1];
    let mut p = vec![0usize; k + 1];
    let mut way = vec![0usize; k + 1];
    let mut minv = vec![INF; k + 1];
    let mut used = vec![false; k + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0usize;
        minv.fill(INF);
        used.fill(false);
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let row = &m.scores[(i0 - 1) * k..i0 * k];
            let ui0 = u[i0];
            let mut delta = INF;
            let mut j1 = 0usize;
            for j in 1..=k {
                if !used[j] {
                    let cur = -row[j - 1] - ui0 - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=k {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut col_of_row = vec![0usize; n];
    for j in 1..=k {
        if p[j] != 0 {
            col_of_row[p[j] - 1] = j - 1;
        }
    }
    let total = (0..n).map(|i| m.scores[i * k + col_of_row[i]]).sum();
    (col_of_row, total)
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
