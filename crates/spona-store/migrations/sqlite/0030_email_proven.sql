-- An account's e-mail address is proven when a link delivered to that address was used
-- (an invitation or reset mail); a one-time link a platform admin handed out proves nothing.
ALTER TABLE users ADD COLUMN email_proven_at BIGINT;
ALTER TABLE tokens ADD COLUMN handed_out_at BIGINT;
