//! JSON routes of this feature and their OpenAPI fragment.

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    super::hsds::openapi()
}
