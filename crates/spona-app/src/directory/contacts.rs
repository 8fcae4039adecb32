//! Who sees an organisation's contact details (website, e-mail, phone): everyone when the
//! organisation made them public, signed-in people when it keeps them for members of the
//! platform. The pages and the JSON API both ask here.

use spona_domain::role::ContactVisibility;
use spona_store::orgs::Org;

use crate::Actor;

/// An organisation's contact details, as the actor may see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contacts {
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Whether `actor` may see `org`'s contact details.
pub fn sees_contacts(actor: &Actor, org: &Org) -> bool {
    sees_contacts_kept(actor, org.contact_visibility)
}

/// Whether `actor` may see contact details kept with `visibility` (the exports ask this of
/// each row without building an [`Org`]).
pub fn sees_contacts_kept(actor: &Actor, visibility: ContactVisibility) -> bool {
    match visibility {
        ContactVisibility::Public => true,
        ContactVisibility::Members => actor.is_signed_in(),
    }
}

/// `org`'s contact details if `actor` may see them.
pub fn visible_contacts(actor: &Actor, org: &Org) -> Option<Contacts> {
    sees_contacts(actor, org).then(|| Contacts {
        website: org.website.clone(),
        email: org.email.clone(),
        phone: org.phone.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use spona_store::users::User;

    fn org(visibility: ContactVisibility) -> Org {
        Org {
            id: "o1".into(),
            slug: "astra".into(),
            name: "ASTRA".into(),
            country: "RS".into(),
            city: "Beograd".into(),
            website: Some("https://astra.example.org".into()),
            email: Some("info@astra.example.org".into()),
            phone: Some("+381 11 000".into()),
            contact_visibility: visibility,
            logo: None,
            created_at: 0,
            updated_at: 0,
            texts: Vec::new(),
            themes: Vec::new(),
            offers: Vec::new(),
            needs: Vec::new(),
            languages: Vec::new(),
        }
    }

    /// A signed-in person without any organisation and without a platform role.
    #[allow(clippy::useless_conversion)] // the role may be text or a typed role in a row
    fn someone() -> Actor {
        let user = User {
            id: "u1".into(),
            email: "someone@example.org".into(),
            display_name: "Someone".into(),
            password_hash: String::new(),
            platform_role: "user".to_owned().try_into().expect("a platform role"),
            totp_secret: None,
            totp_last_step: None,
            disabled: false,
            created_at: 0,
        };
        Actor::signed_in(user, Vec::new())
    }

    #[test]
    fn public_contacts_are_seen_by_everyone() {
        let o = org(ContactVisibility::Public);
        assert!(sees_contacts(&Actor::anonymous(), &o));
        assert!(sees_contacts(&someone(), &o));
        let c = visible_contacts(&Actor::anonymous(), &o).expect("public");
        assert_eq!(c.email.as_deref(), Some("info@astra.example.org"));
    }

    #[test]
    fn members_only_contacts_are_hidden_from_anonymous_readers() {
        let o = org(ContactVisibility::Members);
        assert!(!sees_contacts(&Actor::anonymous(), &o));
        assert_eq!(visible_contacts(&Actor::anonymous(), &o), None);
    }

    #[test]
    fn members_only_contacts_are_seen_by_signed_in_people_of_any_organisation() {
        let o = org(ContactVisibility::Members);
        assert!(sees_contacts(&someone(), &o));
        assert!(visible_contacts(&someone(), &o).is_some());
    }
}
