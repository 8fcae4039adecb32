-- PDFs with active content (issue 14 item 14): what a file does when it is opened
-- (`/JavaScript`, `/OpenAction`, `/Launch`, …), found at upload and shown before download.
-- Hub attachments: the action names, comma-separated ('' = none found).
ALTER TABLE resource_attachments ADD COLUMN active_content TEXT NOT NULL DEFAULT '';

-- Vault files: the same finding, sealed with the vault key (owner `item:<id>:warning`),
-- because vault metadata is never in clear. Only items with a finding have a row.
CREATE TABLE vault_item_warnings (
    item_id TEXT PRIMARY KEY REFERENCES vault_items (id),
    sealed TEXT NOT NULL
);
