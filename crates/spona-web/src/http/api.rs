//! What every feature's JSON API shares: the error body and the session's security scheme.
//! Each feature contributes its own OpenAPI fragment; the router merges them into the
//! document served at `/api/v1/openapi.json`.

use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

/// Every error: a stable code and a message in the reader's locale.
#[derive(Serialize, ToSchema)]
pub struct ErrorJson {
    pub error: String,
    pub message: String,
    /// With a 507 for a storage quota (`quota_case`, `quota_vault_org`, `quota_hub_org`):
    /// the bytes stored already in that scope.
    #[schema(nullable = false)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub used_bytes: Option<u64>,
    /// With a 507 for a storage quota: the bytes that scope may hold.
    #[schema(nullable = false)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_bytes: Option<u64>,
}

/// The session cookie, for operations that need a signed-in member.
pub struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("spona_session"))),
        );
    }
}

/// The document's title and what every fragment refers to (the error body, the session).
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Spona API",
        version = "1",
        description = "Directory of civil-society organisations and networks, matching rounds, the trilingual resource hub and the evidence vault."
    ),
    components(schemas(ErrorJson)),
    modifiers(&SessionCookie)
)]
pub struct BaseDoc;
