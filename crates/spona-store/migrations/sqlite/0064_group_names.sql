-- A working group's name and description in more languages than the one it was first
-- written in (`working_groups.name`, `.description`, `.lang` keep that one): one row per
-- group and language. Readers see their language (Serbian Cyrillic shown in Latin to Latin
-- readers), then English, then the group's own.
CREATE TABLE group_names (
    group_id TEXT NOT NULL REFERENCES working_groups (id),
    lang TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (group_id, lang)
);
