//! What the trials' pages share: a case's address and heading, labels of codes and parties,
//! and the vault when it is open.

use spona_app::vault::keys::Vault;
use spona_i18n::Arg;
use spona_store::trials::Case;

use crate::Ctx;

/// A case's page, without the locale.
pub fn case_href(case: &Case) -> String {
    format!("/monitoring/trials/{}", case.id)
}

/// A case as its pages name it: "number · court".
pub fn heading(case: &Case) -> String {
    format!("{} · {}", case.case_number, case.court)
}

/// The open vault, or none (sealed notes are then not shown; forms with notes answer 503).
pub fn vault(ctx: &Ctx) -> Option<&Vault> {
    ctx.state.vault.get().ok()
}

/// The labels of some codes of a vocabulary, joined.
pub fn labels(ctx: &Ctx, prefix: &str, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| ctx.label(prefix, c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Defendant 2".
pub fn defendant(ctx: &Ctx, n: i64) -> String {
    ctx.ta("trials-defendant-n", &[("n", Arg::Num(n))])
}

/// "Victim B".
pub fn victim(ctx: &Ctx, n: i64) -> String {
    let letter = spona_domain::trial::victim_letter(n);
    ctx.ta("trials-victim-n", &[("letter", Arg::Str(&letter))])
}

/// The parties of a case by role.
pub fn parties(ctx: &Ctx, defendants: i64, victims: i64) -> String {
    let mut all: Vec<String> = (1..=defendants).map(|n| defendant(ctx, n)).collect();
    all.extend((1..=victims).map(|n| victim(ctx, n)));
    all.join(", ")
}
