//! End-to-end tests against a real server on loopback. Run on SQLite by default and on
//! PostgreSQL with `SPONA_TEST_DATABASE_URL=postgres://…` (see `scripts/test`).

mod harness;

mod access;
mod accounts;
mod attacks;
mod authz;
mod authz_matrix;
mod canary;
mod cli;
mod crash;
mod directory;
mod directory_search;
mod faults;
mod first_day;
mod matching;
mod matching_mentorship;
mod matching_pairs;
mod mixed_languages;
mod pages;
mod resource_files;
mod resource_search;
mod resources;
mod rotate;
mod security;
mod uploads;
mod vault;
