# The resources feature's strings (en).

hub-title = Resource hub
hub-intro = Legal aid forms, trauma protocols, grant budgets, crisis guidelines, case studies and funding guides, in English, Serbian and Ukrainian, kept up to date by the organisations that wrote them.
hub-new = New resource
hub-needs-review = Needs review
hub-needs-review-intro = Resources of your organisations whose review date has passed. Check that they are still right, then set a new review date.
hub-outdated = Outdated translations
hub-outdated-intro = Language versions written before another language version changed. Update them, or confirm that they still match.
hub-list-empty = Nothing here: everything is up to date.
hub-search = Search
hub-search-label = Search resources (any language or script)
hub-search-hint = Cyrillic or Latin, with or without diacritics. Put words in "quotes" to find them together.
hub-kind = Kind
hub-language = Language
hub-results = { $count ->
    [one] { $count } resource
   *[other] { $count } resources
}
hub-feed = Atom feed of new and updated public resources
hub-variants = Language versions
hub-translation-outdated = Another language version changed after this one was written, so this translation may be outdated.
hub-confirm-translation = It still matches
hub-review-overdue = The review date of this resource has passed: its owners should check that it is still right.
hub-attachments = Attachments
hub-owner = Organisation
hub-visibility = Who can read it
hub-networks = Networks (when only their members may read it)
hub-updated = Updated
hub-version-n = version { $n }
hub-review-due = Review by
hub-versions = Versions
hub-version = Version
hub-versions-caption = Every saved version, newest first. Choose two to compare.
hub-version-current = This is the current version.
hub-version-old = This is an old version.
hub-compare = Compare versions
hub-compare-from = From
hub-compare-to = To
hub-author = Author
hub-changed-lines = { $count ->
    [one] { $count } line changed
   *[other] { $count } lines changed
}
hub-diff-legend = Lines starting with + were added, lines starting with - were removed.
hub-edit = Edit this language version
hub-edit-details = Edit details
hub-add-translation = Add a translation
hub-attach = Attach a file to this language version
hub-attach-hint = PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG or WebP, up to 25 MB. Text in PDFs becomes searchable.
hub-attach-button = Upload
hub-back = Back to the resource
hub-preview = Preview
hub-save = Save
hub-written = Language and script
hub-field-title = Title
hub-field-summary = Summary
hub-field-body = Text
hub-markdown-hint = Markdown: # heading, **bold**, *italic*, - list, [link](https://…). HTML is shown as text.
hub-field-note = What changed
err-query-too-long = The search is too long: use at most 500 characters.
err-edit-conflict = Someone saved this text while you were editing it. Your text is kept below: compare it with the latest version, then save again.
