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
        self.is_admin()
            || self
                .memberships()
                .iter()
                .any(|m| m.org_id == org_id && m.role() == OrgRole::Admin)
    }

    /// Whether the person belongs to this organisation in any role.
    pub fn is_member_of(&self, org_id: &str) -> bool {
        self.memberships().iter().any(|m| m.org_id == org_id)
    }
}
