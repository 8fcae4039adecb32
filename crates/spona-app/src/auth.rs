//! Credentials: argon2id password hashes (computed on blocking threads), the password policy,
//! and TOTP second factors.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use totp_rs::{Secret, Totp};

/// Argon2id with OWASP's recommended minimum: 19 MiB of memory, 2 passes, 1 lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    argon2()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// Whether a password matches a stored hash. A malformed hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

/// Argon2 computations running at once, server-wide: each takes 19 MiB and tens of
/// milliseconds of a core, so without a ceiling parallel guesses (from many addresses, or
/// with a stolen session) fill the async workers and every other request waits.
const HASHING_AT_ONCE: usize = 2;

/// How long a password check waits for its turn before the answer is 429.
const HASHING_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);

/// Why a password could not be hashed or checked.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// No turn came within the wait (the pages answer 429 with this many seconds).
    #[error("too many password checks at once")]
    Busy(u64),
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// Runs one argon2 computation on a blocking thread (`spawn_blocking`, never on the async
/// workers), at most [`HASHING_AT_ONCE`] at a time.
async fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, HashError> {
    let _turn = tokio::time::timeout(HASHING_WAIT, HASHING.acquire())
        .await
        .map_err(|_| HashError::Busy(HASHING_WAIT.as_secs()))?
        .map_err(|e| HashError::Failed(e.into()))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| HashError::Failed(e.into()))
}

/// [`verify_password`] off the async workers, under the server-wide ceiling. Callers apply
/// the per-account and per-client limits first (`Limits::signin`).
pub async fn check_password(password: &str, hash: &str) -> Result<bool, HashError> {
    let password = zeroize::Zeroizing::new(password.to_owned());
    let hash = hash.to_owned();
    bounded(move || verify_password(&password, &hash)).await
}

/// [`hash_password`] off the async workers, under the server-wide ceiling.
pub async fn new_hash(password: &str) -> Result<String, HashError> {
    let password = zeroize::Zeroizing::new(password.to_owned());
    bounded(move || hash_password(&password))
        .await?
        .map_err(HashError::Failed)
}

/// A hash of a random password, verified against when the account does not exist, so a
/// failed sign-in takes as long for unknown addresses as for known ones.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&spona_store::new_token()).unwrap_or_default())
}

const COMMON: &str = include_str!("../data/common-passwords.txt");

/// Whether a (lower-cased) password is a common one, also when digits or symbols are added
/// around it (`password1234`, `!dragon2024`) or a common word is repeated (`qwertyqwerty`).
fn is_common(lower: &str) -> bool {
    let listed = |w: &str| !w.is_empty() && COMMON.lines().any(|c| !c.starts_with('#') && c == w);
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    if listed(lower) || (core.chars().count() >= 4 && listed(core)) {
        return true;
    }
    // A word repeated: "qwertyqwerty", "trustno1trustno1", "aaaaaaaaaaaa".
    let repeated = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        (1..=chars.len() / 2).any(|n| {
            chars.len().is_multiple_of(n)
                && chars.chunks(n).all(|c| c == &chars[..n])
                && (n < 4 || listed(&chars[..n].iter().collect::<String>()))
        })
    };
    repeated(lower) || repeated(core)
}

/// Checks the password policy; returns the Fluent id of the problem.
pub fn password_problem(password: &str, email: &str) -> Option<&'static str> {
    let len = password.chars().count();
    if len < 12 {
        return Some("err-password-short");
    }
    if len > 256 {
        return Some("err-password-long");
    }
    let lower = password.to_lowercase();
    if is_common(&lower) {
        return Some("err-password-common");
    }
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    if local.len() >= 4 && lower.contains(&local) {
        return Some("err-password-email");
    }
    None
}

/// A new random TOTP secret, in base32 as authenticator apps take it.
pub fn new_totp_secret() -> String {
    let bytes: [u8; 20] = rand::random();
    Secret::from(bytes.to_vec()).to_base32()
}

fn totp(secret_b32: &str, account: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret_b32).ok()?;
    totp_rs::Builder::new()
        .with_secret(secret)
        .with_account_name(account.to_owned())
        .with_issuer(Some("Spona"))
        .build()
        .ok()
}

/// The `otpauth://` URL to enter into an authenticator app.
pub fn totp_url(secret_b32: &str, account: &str) -> String {
    totp(secret_b32, account)
        .and_then(|t| t.to_url().ok())
        .unwrap_or_default()
}

/// The time step a code is valid for (now ± 30 s), or `None`. The caller must accept each
/// step once (see `spona_store::users::claim_totp_step`).
pub fn totp_step(secret_b32: &str, code: &str) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let now = u64::try_from(spona_store::now()).ok()?;
    totp(secret_b32, "")?.check(&code, now).map(|s| s as i64)
}

/// The current code for a secret (for tests and the set-up page's self-check).
pub fn totp_code_at(secret_b32: &str, unix: u64) -> Option<String> {
    totp(secret_b32, "").map(|t| t.generate(unix).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters() {
        let h = hash_password("correct horse battery staple").expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_password("correct horse battery staple", &h));
        assert!(!verify_password("correct horse battery stapl", &h));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn password_policy() {
        assert_eq!(
            password_problem("short", "a@b.c"),
            Some("err-password-short")
        );
        assert_eq!(
            password_problem("password1234", "a@b.c"),
            Some("err-password-common")
        );
        assert_eq!(
            password_problem("milica.petrovic-2026", "milica.petrovic@x.org"),
            Some("err-password-email")
        );
        assert_eq!(password_problem("Sunflower over Kyiv 1991", "a@b.c"), None);
        assert_eq!(
            password_problem("Dragon12345678!", "a@b.c"),
            Some("err-password-common")
        );
        assert_eq!(
            password_problem("qwertyqwerty", "a@b.c"),
            Some("err-password-common")
        );
        assert_eq!(
            password_problem("aaaaaaaaaaaaaa", "a@b.c"),
            Some("err-password-common")
        );
        assert_eq!(
            password_problem("trustno1trustno1", "a@b.c"),
            Some("err-password-common")
        );
        assert!(COMMON.lines().filter(|l| !l.starts_with('#')).count() > 3000);
    }

    #[test]
    fn totp_codes_verify_within_the_window() {
        let secret = new_totp_secret();
        let now = u64::try_from(spona_store::now()).expect("time");
        let code = totp_code_at(&secret, now).expect("code");
        assert!(totp_step(&secret, &code).is_some());
        assert!(totp_step(&secret, "000000x").is_none());
        assert!(totp_url(&secret, "ana@example.org").starts_with("otpauth://totp/"));
    }
}
