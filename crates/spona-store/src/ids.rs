//! Reading optional typed ids from rows.
//!
//! A row's required id reads with `#[sqlx(try_from = "String")]` (the domain's ids convert
//! from `String`). An optional one — a participant's organisation or person, a proposal's
//! partner — is `NULL` or text; the domain crate has no sqlx, and `Option<OrgId>` cannot
//! convert from `Option<String>` outside it, so such a column reads through [`OptId`]:
//! `#[sqlx(try_from = "crate::ids::OptId")] pub org_id: Option<OrgId>`.

/// An id column that may be `NULL`, read as text and converted into `Option<T>` for any
/// of the domain's ids.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::Type)]
#[sqlx(transparent)]
pub struct OptId(Option<String>);

impl<T: From<String>> From<OptId> for Option<T> {
    fn from(id: OptId) -> Self {
        id.0.map(T::from)
    }
}

#[cfg(test)]
mod tests {
    use super::OptId;
    use spona_domain::ids::OrgId;

    #[test]
    fn an_optional_id_converts_into_any_typed_id() {
        let some: Option<OrgId> = OptId(Some("0190".to_owned())).into();
        assert_eq!(some, Some(OrgId::from("0190")));
        let none: Option<OrgId> = OptId(None).into();
        assert_eq!(none, None);
    }
}
