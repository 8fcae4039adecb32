//! Matching for Spona's programmes: peer exchange and buddy pairs (organisation ↔
//! organisation, one partner each) and mentorship (a mentor may take up to k mentees).
//!
//! [`score`] says how good a pair is and *why*; [`assign`] finds the set of pairs with the
//! largest total score under the capacities, exactly (no greedy heuristic).

pub mod assign;
pub mod dense;
pub mod score;

pub use assign::{Assignment, Problem, SolveError};
pub use score::{Explanation, Participant, ScoringRule};
