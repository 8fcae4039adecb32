-- A group's theme (a code of the shared THEMES vocabulary, as organisations use), or none;
-- the group list filters by it as well as by network.
ALTER TABLE working_groups ADD COLUMN theme TEXT;
