//! Languages and scripts: Fluent translations for the four locales, exact Serbian
//! Cyrillic → Latin transliteration, and the folding chain search uses.

pub mod fold;
pub mod translate;
pub mod translit;

pub use fold::fold;
pub use translate::{Arg, Translator};
pub use translit::{cyr_to_lat, lat_to_cyr};
