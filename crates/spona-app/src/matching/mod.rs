//! Matching: rounds between two groups of countries, opting in (organisations, and people in
//! mentorship rounds), running a round (candidates, pins and bans, the solver), publishing,
//! answers, and who may see what of a proposal.
//!
//! - [`access`]: who coordinates a round, who speaks for or belongs to a participant;
//! - [`privacy`]: the one rule for what a reader sees of a proposal (names and contacts only
//!   once both sides accepted);
//! - [`rounds`]: opening a round and opting in;
//! - [`run`]: running a round;
//! - [`proposals`]: pins and bans, publishing, answering, contacts shared once agreed;
//! - [`pairs`]: an agreed pair's check-ins, its end and feedback.

pub mod access;
pub mod pairs;
pub mod privacy;
pub mod proposals;
pub mod rounds;
pub mod run;

pub use access::{coordinated_networks, coordinates, member_side, my_side, speaks_for};
pub use privacy::Sight;
