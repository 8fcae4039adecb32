//! Monitoring (issue 21): the use cases over recommendations, measures, indicators and
//! assessments, the dashboard's counts and shadow reports. Every access rule of monitoring
//! lives here, once. Scaffold laid by the lead; each part in its own module.

pub mod dashboard;
pub mod dashboard_cube;
pub mod implementation;
pub mod import;
pub mod recommendations;
pub mod reports;
