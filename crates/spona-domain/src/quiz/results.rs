//! The small-cell rule of a quiz's results: a count from 1 to 9 people is withheld (it
//! could point at a class or a family); zero and ten or more are shown.

/// Counts under this (and above zero) are withheld.
pub const MIN_CELL: i64 = 10;

/// A count as published: `None` when withheld.
pub fn publish(count: i64) -> Option<i64> {
    if count > 0 && count < MIN_CELL {
        None
    } else {
        Some(count)
    }
}

/// One line of a results table: what is counted and how many (withheld or not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub key: String,
    pub count: Option<i64>,
}

/// Turns raw `(key, count)` rows into published cells, in the rows' order.
pub fn cells(rows: &[(String, i64)]) -> Vec<Cell> {
    rows.iter()
        .map(|(key, n)| Cell {
            key: key.clone(),
            count: publish(*n),
        })
        .collect()
}

/// Which cells of one table to withhold, so that neither a small cell nor a cell a total
/// would give away is shown. Each table's total is taken as known (for the tables by
/// country, region, age band, channel and day it is the number of sessions). Someone who
/// reads the shown cells and the total learns the sum `s` of the `k` withheld cells, and
/// that each is at least 1 (a zero is shown); when none of them is 10 or more they also
/// know each is at most 9. One withheld cell is then given away when `k` is 1, when
/// `s == k` (every one is 1), or when all are under ten and `s == 9k` (every one is 9).
/// While that holds, the smallest non-zero shown cell is withheld too (as
/// `spona_app::referrals::stats` does for its one-cell case).
///
/// The flags per cell, and whether the withheld cells still give themselves away (every
/// non-zero cell is withheld and still `s == k` or `s == 9k`): the table must then not show
/// which key each withheld count belongs to.
pub fn withhold(counts: &[i64]) -> (Vec<bool>, bool) {
    let mut hidden: Vec<bool> = counts.iter().map(|n| publish(*n).is_none()).collect();
    loop {
        if !reveals(counts, &hidden) {
            return (hidden, false);
        }
        let next = (0..counts.len())
            .filter(|i| !hidden[*i] && counts[*i] > 0)
            .min_by_key(|i| counts[*i]);
        match next {
            Some(i) => hidden[i] = true,
            None => return (hidden, true),
        }
    }
}

/// Whether the withheld cells of a table can be told from its shown cells and total.
pub fn reveals(counts: &[i64], hidden: &[bool]) -> bool {
    let withheld: Vec<i64> = counts
        .iter()
        .zip(hidden)
        .filter(|(_, h)| **h)
        .map(|(n, _)| *n)
        .collect();
    let k = withheld.len() as i64;
    if k == 0 {
        return false;
    }
    let s: i64 = withheld.iter().sum();
    let all_small = withheld.iter().all(|n| *n < MIN_CELL);
    k == 1 || s == k || (all_small && s == (MIN_CELL - 1) * k)
}
