//! The HTTP machinery every feature uses and none of them owns: the request context
//! (session, CSRF, locale), error pages, security headers, rate limits, forms, rendering,
//! static files and the route registry. Nothing here imports a feature.

pub mod active_content;
pub mod api;
pub mod chart;
pub mod context;
pub mod csrf;
pub mod error;
pub mod forms;
pub mod layer;
pub mod locale;
pub mod log_entry;
pub mod options;
pub mod ratelimit;
pub mod routes;
pub mod security;
pub mod statics;
pub mod view;
