//! Credentials, as the pages use them: the rules live in [`spona_app::auth`] (argon2id on
//! blocking threads, the password policy, TOTP); a busy hasher answers 429.

pub use spona_app::auth::{
    check_password, dummy_hash, hash_password, new_hash, new_totp_secret, password_problem,
    totp_code_at, totp_step, totp_url, verify_password,
};

impl From<spona_app::auth::HashError> for crate::AppError {
    fn from(e: spona_app::auth::HashError) -> Self {
        match e {
            spona_app::auth::HashError::Busy(secs) => crate::AppError::TooManyRequests(secs),
            spona_app::auth::HashError::Failed(e) => crate::AppError::Internal(e),
        }
    }
}
