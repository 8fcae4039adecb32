# Working groups (en).

groups-title = Working groups
groups-lead = Thematic groups across borders: people from several organisations who draft, plan and talk together.
groups-filter = Filter groups
groups-filter-apply = Show groups
groups-none = No working groups yet.
group-new = Start a working group
group-create = Create the group
group-preferences = Mail from my groups
group-search = Search discussions
group-network = Network
group-no-network = No network
group-lang = Language of the name and description
group-join-policy = Who may join
group-policy-open = Open: anyone signed in joins
group-policy-request = By request: a coordinator approves
group-policy-invitation = Invitation only: coordinators add people
group-member-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
group-you-are-coordinator = You coordinate this group.
group-you-are-member = You are a member of this group.
group-you-are-requested = You asked to join; a coordinator will answer.
group-leave = Leave the group
group-invitation-only = Coordinators add people to this group.
group-join = Join the group
group-ask-to-join = Ask to join
group-threads = Discussions
group-threads-members-only = The discussions of a group are for its members.
group-unread-threads = { $count ->
    [one] { $count } discussion with new posts
   *[other] { $count } discussions with new posts
}
group-post-count = { $count ->
    [one] { $count } post
   *[other] { $count } posts
}
group-new-posts = { $count ->
    [one] { $count } new
   *[other] { $count } new
}
group-hidden = hidden
group-new-thread = Start a discussion
group-thread-title = Title
group-post-body = Text
group-post-hint = Markdown works: *emphasis*, lists, links. Mention a member with @ and their name without spaces, e.g. @jelena.
group-start-thread = Start the discussion
group-members = Members
group-coordinator = coordinator
group-make-member = Make member
group-make-coordinator = Make coordinator
group-remove = Remove
group-requests = Asking to join
group-approve = Approve
group-decline = Decline
group-add-member = Add a member
group-resources = Resources
group-no-resources = No resources linked yet.
group-unlink = Unlink
group-link-resource = Link a resource
group-resource-address = Address or id of a resource in the hub
group-thread-hidden-because = A coordinator hid this discussion; no replies are taken. Reason:
group-thread-follow-on = You get mail for every reply here.
group-thread-mute-on = You get no mail about this discussion.
group-thread-default = Back to the group's setting
group-follow = Follow
group-mute = Mute
group-pages = Pages of the discussion
group-oldest = Oldest
group-earlier = Earlier
group-later = Later
group-newest = Newest
group-new-since-visit = New since your last visit
group-edited = edited
group-edit = Edit
group-reply = Reply
group-send-reply = Send the reply
group-hide-thread = Hide the discussion
group-hide-reason = Reason (kept in the audit log)
group-post-heading = Post { $n } by { $author }
group-save = Save
group-history = Earlier versions
group-no-history = This post was never edited.
group-version = Version { $n }
group-search-words = Words to find
group-search-go = Search
group-search-count = { $count ->
    [one] { $count } post found
   *[other] { $count } posts found
}
group-preferences-lead = Choose for each group what mail you get. Mentions of you and replies to your discussions are always sent, unless you muted the discussion.
group-preferences-none = You are not in any working group.
group-mail-each = Every message
group-mail-daily = A daily digest
group-mail-weekly = A weekly digest
group-mail-none = Nothing
group-mail-footer = To change what mail you get from this group:
group-mail-mentioned = { $author } mentioned you in “{ $title }” ({ $group }):
group-mail-new-thread = { $author } started “{ $title }” in { $group }:
group-mail-reply = { $author } replied in “{ $title }” ({ $group }):
group-digest-subject = What is new in { $group }
group-digest-intro-daily = What is new in { $group } since yesterday's digest:
group-digest-intro-weekly = What is new in { $group } this week:
group-digest-post = { $author } (post { $n }):
group-digest-resources = Resources linked
err-group-lang = Choose the language of the name and description.
err-group-policy = Choose who may join the group.
err-group-invitation-only = Only coordinators add people to this group.
err-group-last-coordinator = A group keeps at least one coordinator: name another one first.
err-group-no-such-person = No one with this address has an account.
err-group-action = Unknown action for a member.
err-group-no-such-resource = No resource you may read has this address.
err-group-mail-choice = Choose what mail you want.
err-mention-outsider = You mentioned someone who is not a member of this group. Mention members only (as shown in the member list), or write the name without @.
err-thread-hidden = This discussion was hidden by a coordinator and takes no replies.
group-files = Files
group-files-hint = Optional. Up to 5 files: PDF, Word or LibreOffice documents and spreadsheets, PNG, JPEG or WebP images; 25 MB each at most. Only members of the group can download them.
err-group-files-many = A post carries at most 5 files. Choose fewer and send again; nothing was saved.
group-delete-thread = Delete this discussion
group-delete-hint = The discussion leaves the group's list, search and digests, and takes no more replies. The reason is kept in the audit log.
group-delete-reason = Why delete it
err-thread-deleted = This discussion was deleted and takes no replies. Nothing was saved.
group-events = Events
group-no-events = No events of this group are coming up.
group-events-feed = The group's events as a calendar feed (iCalendar)
group-digest-events = Events announced
group-theme = Theme
group-no-theme = No theme
err-group-theme = Choose a theme from the list, or none.

# A group's newsletters (session 9)
group-newsletters-title = Newsletters
group-newsletters-link = The group's newsletters and their archive
group-newsletters-lead = Members of the group get every issue without subscribing (they can leave it like any subscriber); people outside Spona subscribe to a public newsletter by e-mail and confirm by a link.
group-newsletters-none = This group has no newsletter yet.
group-newsletter-new = Start a newsletter for this group
group-newsletter-archive = Archive
group-newsletter-archive-empty = No issue has been sent yet.
group-newsletter-unsent = { $count ->
    [one] { $count } issue not sent yet
   *[other] { $count } issues not sent yet
}

# A group's names in several languages (session 9)
group-names-h = The group's name in other languages
group-names-lead = Readers see the name and description in their language when there is one, else in English, else as first written.
group-name-lang = Language
group-name-save = Save this language
group-name-remove = Remove
group-other-lang-h = Also in another language (optional)
group-other-lang-hint = Readers of that language see this name and description. More languages can be added on the group's page.
group-other-lang-none = No other language
group-other-name = Name in that language
group-other-description = Description in that language
err-group-name-same-lang = The group is already written in this language: choose another one.
groups-find = Name or description (any language or script)
