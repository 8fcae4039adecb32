//! End-to-end tests against a real server on loopback. Run on SQLite by default and on
//! PostgreSQL with `SPONA_TEST_DATABASE_URL=postgres://…` (see `scripts/test`).

mod harness;

mod access;
mod accounts;
mod accounts_atomic;
mod active_content;
mod attacks;
mod authz;
mod authz_matrix;
mod calls;
mod canary;
mod cli;
mod crash;
mod directory;
mod directory_search;
mod events;
mod faults;
mod first_day;
mod groups;
mod groups_bench;
mod inproc;
mod mail_smtp;
mod matching;
mod matching_mentorship;
mod matching_pairs;
mod mixed_languages;
mod newsletters;
mod once;
mod pages;
mod queries;
mod quotas;
mod resource_files;
mod resource_search;
mod resources;
mod rotate;
mod rotate_signing;
mod security;
mod uploads;
mod vault;
mod vault_at_rest;
mod vault_atomic;
mod vault_custody;
mod vault_export;
mod vault_share;
