//! Monitoring (issue 21): recommendations, measures and indicators, assessments (migration
//! 0130). Foundation laid by the lead: `recommendations` (insert, get) and `participants`;
//! the lanes add the imports, lists, measures, assessments and the dashboard's counts in
//! their own files here.

pub mod assessments;
pub mod cosigners;
pub mod dashboard;
pub mod dashboard_cube;
pub mod measures;
pub mod participants;
pub mod rec_list;
pub mod rec_prepared;
pub mod rec_upsert;
pub mod recommendations;
pub mod report_data;
