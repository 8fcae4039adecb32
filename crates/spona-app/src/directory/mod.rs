//! The directory: finding organisations, reading one, creating and editing them, their
//! logos, and networks of organisations with their members.
//!
//! Who sees an organisation's contact details is decided here once
//! ([`contacts::visible_contacts`]), for the pages and the JSON API alike.

pub mod contacts;
pub mod networks;
pub mod orgs;
pub mod query;

pub use contacts::{Contacts, sees_contacts, visible_contacts};
pub use query::DirectoryQuery;
