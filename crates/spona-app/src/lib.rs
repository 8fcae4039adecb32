//! Spona's use-case layer: every use case and every access rule, as functions that take an
//! [`Actor`] and the stores and services they need. The pages, the JSON API and the command
//! line all call it; it knows nothing of HTTP, templates or the request context.
//!
//! One module per capability. A privacy rule (who sees an organisation's contact details,
//! who sees names before both sides accept a proposal) is written once, here, with its test.
//! A use case that changes several rows runs them in one [`spona_store::Tx`], with the audit
//! entry for the change in the same transaction.

#[cfg(test)]
mod access_tests;
pub mod accounts;
pub mod actor;
pub mod attachments;
pub mod auth;
pub mod call_files;
pub mod calls;
pub mod dates;
pub mod directory;
pub mod endorsements;
pub mod error;
pub mod events;
pub mod exports;
pub mod federation;
pub mod groups;
pub mod home;
pub mod hub;
pub mod hub_follow;
pub mod mail;
pub mod markdown;
pub mod matching;
pub mod monitoring;
pub mod names;
pub mod newsletters;
pub mod objects;
pub mod pdf_scan;
pub mod publications;
pub mod publog;
pub mod quizzes;
pub mod quota;
pub mod referrals;
pub mod reminders;
pub mod resources;
pub mod services;
pub mod texts;
pub mod trials;
pub mod vault;

pub use actor::Actor;
pub use error::{Error, Result};
