//! Languages and scripts: Fluent translations for the four locales, exact Serbian
//! Cyrillic → Latin transliteration, Ukrainian → Latin by the 2010 national standard, and the folding chain search uses.

pub mod fold;
pub mod numbers;
pub mod translate;
pub mod translit;

pub use fold::fold;
pub use translate::{Arg, Strings, Translator};
pub use translit::{cyr_to_lat, lat_to_cyr, mk_to_lat, place_name, uk_to_lat};
