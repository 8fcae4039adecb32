-- Signed custody heads of referrals (issue 19). Each referral's chain of custody ends in a
-- head signed with the server's Ed25519 key, as a vault case's does (`vault_cases.head_*`):
-- the last entry's seq and hash and the signature over them (hex). `spona custody verify`
-- checks every referral's chain against it, and the record `DATA_DIR/vault/heads.log`
-- holds every head as `referral:<id>`.
CREATE TABLE referral_heads (
    referral_id TEXT PRIMARY KEY REFERENCES referrals (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    signature TEXT NOT NULL
);

-- A custody entry's reason: empty (nothing of the person is ever written here) but for a
-- change of the signing key, whose entry records the change signed by both keys, as in the
-- vault's chains (`spona_vault::rotation::KeyChange::to_reason`). Older entries hash with
-- an empty reason, so they still verify.
ALTER TABLE referral_custody ADD COLUMN reason TEXT NOT NULL DEFAULT '';
