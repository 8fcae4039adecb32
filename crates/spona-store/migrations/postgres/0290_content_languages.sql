-- Content languages (issue 25 item 2): resources, their attachments, joint texts and
-- publications can be written in Albanian, Macedonian, Bosnian, Croatian and Montenegrin
-- as well as English, Serbian and Ukrainian (spona_domain::resource::ContentLang).
ALTER TABLE resource_variants DROP CONSTRAINT resource_variants_lang_check;
ALTER TABLE resource_variants ADD CONSTRAINT resource_variants_lang_check
    CHECK (lang IN ('en', 'sr', 'uk', 'sq', 'mk', 'bs', 'hr', 'cnr'));
ALTER TABLE resource_attachments DROP CONSTRAINT resource_attachments_lang_check;
ALTER TABLE resource_attachments ADD CONSTRAINT resource_attachments_lang_check
    CHECK (lang IN ('en', 'sr', 'uk', 'sq', 'mk', 'bs', 'hr', 'cnr'));
ALTER TABLE joint_text_versions DROP CONSTRAINT joint_text_versions_lang_check;
ALTER TABLE joint_text_versions ADD CONSTRAINT joint_text_versions_lang_check
    CHECK (lang IN ('en', 'sr', 'uk', 'sq', 'mk', 'bs', 'hr', 'cnr'));
ALTER TABLE publication_variants DROP CONSTRAINT publication_variants_lang_check;
ALTER TABLE publication_variants ADD CONSTRAINT publication_variants_lang_check
    CHECK (lang IN ('en', 'sr', 'uk', 'sq', 'mk', 'bs', 'hr', 'cnr'));
