//! Who is acting: the signed-in person with their platform role and memberships, or nobody.
//! Every use case takes an [`Actor`] and decides access from it, so that the pages, the JSON
//! API and the command line apply the same rules.

use spona_domain::role::OrgRole;
use spona_store::users::{Membership, User};

use crate::{Error, Result};

/// The person a use case acts for.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    user: Option<Signed>,
}

#[derive(Debug, Clone)]
struct Signed {
    user: User,
    memberships: Vec<Membership>,
}

impl Actor {
    /// Nobody signed in: only what is public.
    pub fn anonymous() -> Self {
        Actor { user: None }
    }

    /// A signed-in person with their organisations.
    pub fn signed_in(user: User, memberships: Vec<Membership>) -> Self {
        Actor {
            user: Some(Signed { user, memberships }),
        }
    }

    /// The signed-in person, if any.
    pub fn user(&self) -> Option<&User> {
        self.user.as_ref().map(|s| &s.user)
    }

    /// The signed-in person's id, if any.
    pub fn id(&self) -> Option<&str> {
        self.user().map(|u| u.id.as_str())
    }

    pub fn is_signed_in(&self) -> bool {
        self.user.is_some()
    }

    /// The signed-in person, or [`Error::SignInRequired`].
    pub fn require_user(&self) -> Result<&User> {
        self.user().ok_or(Error::SignInRequired)
    }

    /// A platform administrator, or [`Error::SignInRequired`] / [`Error::Forbidden`].
    pub fn require_admin(&self) -> Result<&User> {
        let user = self.require_user()?;
        if user.is_platform_admin() {
            Ok(user)
        } else {
            Err(Error::Forbidden)
        }
    }

    /// The organisations the person belongs to, with their role in each.
    pub fn memberships(&self) -> &[Membership] {
        self.user.as_ref().map_or(&[], |s| &s.memberships)
    }

    pub fn is_admin(&self) -> bool {
        self.user().is_some_and(User::is_platform_admin)
    }

    /// Whether the person administers this organisation (or the whole platform).
    pub fn can_manage_org(&self, org_id: &str) -> bool {
        self.is_admin() || self.is_admin_of(org_id)
    }

    /// Whether the person is an admin of this organisation by membership (a platform
    /// admin is not, unless also its admin): who speaks for it, e.g. answers its proposals.
    pub fn is_admin_of(&self, org_id: &str) -> bool {
        self.memberships()
            .iter()
            .any(|m| m.org_id == org_id && m.role() == OrgRole::Admin)
    }

    /// Whether the person belongs to this organisation in any role.
    pub fn is_member_of(&self, org_id: &str) -> bool {
        self.memberships().iter().any(|m| m.org_id == org_id)
    }
}

/// Actors for the use cases' unit tests, without a database.
#[cfg(test)]
pub(crate) mod testing {
    use spona_domain::role::{OrgRole, PlatformRole};
    use spona_store::users::{Membership, User};

    use super::Actor;

    /// An account `id` (e-mail `{id}@example.org`, display name `id`) with `role`.
    pub fn user(id: &str, role: PlatformRole) -> User {
        User {
            id: id.into(),
            email: format!("{id}@example.org"),
            display_name: id.into(),
            password_hash: String::new(),
            platform_role: role,
            totp_secret: None,
            totp_last_step: None,
            disabled: false,
            created_at: 0,
        }
    }

    /// A membership of `org` (its id, slug and name all `org`) in `role`.
    pub fn member(org: &str, role: OrgRole) -> Membership {
        Membership {
            org_id: org.into(),
            org_slug: org.into(),
            org_name: org.into(),
            role,
        }
    }

    /// A signed-in person `id` belonging to these organisations.
    pub fn in_orgs(id: &str, orgs: &[(&str, OrgRole)]) -> Actor {
        Actor::signed_in(
            user(id, PlatformRole::User),
            orgs.iter().map(|(o, r)| member(o, *r)).collect(),
        )
    }
}
