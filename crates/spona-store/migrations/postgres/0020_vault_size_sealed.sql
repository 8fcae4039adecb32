-- A vault file's size is sealed like its SHA-256 and media type (issue 14 item 6), so the
-- column holds text. Values in clear are sealed by the server at start (it holds the key);
-- until then they are the decimal size.
ALTER TABLE vault_items ALTER COLUMN size TYPE TEXT USING size::text;
