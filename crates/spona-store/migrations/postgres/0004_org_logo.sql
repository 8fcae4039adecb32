-- An organisation's logo: the file name of its published, metadata-free copy under media/.
ALTER TABLE organisations ADD COLUMN logo TEXT;
