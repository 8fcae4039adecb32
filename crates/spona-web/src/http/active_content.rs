//! What the vault and the hub show about a file with active content (a PDF that runs
//! JavaScript, launches programs or opens addresses when it is opened): the warning page
//! before its download, and the `?confirmed=1` that passes it.

use askama::Template;
use serde::Deserialize;

use crate::Ctx;

/// `?confirmed=1`: the reader saw the warning and downloads anyway.
#[derive(Deserialize, Default)]
pub struct Confirmed {
    #[serde(default)]
    confirmed: String,
}

impl Confirmed {
    pub fn confirmed(&self) -> bool {
        self.confirmed == "1"
    }
}

/// A recorded finding as a list of names.
pub fn split_record(record: &str) -> Vec<String> {
    record
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The warning page before downloading a file with active content (vault and hub).
#[derive(Template)]
#[template(path = "active_content.html")]
pub struct WarningPage {
    pub ctx: Ctx,
    /// The file's name.
    pub name: String,
    /// `/JavaScript`, `/Launch`, … as found.
    pub names: Vec<String>,
    pub back_href: String,
    pub download_href: String,
    /// Vault pages carry the quick exit.
    pub in_vault: bool,
}

impl WarningPage {
    /// The actions found, as PDF writes them, and whether the scan stopped early.
    pub fn actions(&self) -> String {
        self.names
            .iter()
            .filter(|n| *n != crate::pdf_scan::NOT_CHECKED)
            .map(|n| format!("/{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn unchecked(&self) -> bool {
        self.names.iter().any(|n| n == crate::pdf_scan::NOT_CHECKED)
    }
}
