//! One folder per capability: its routes, page handlers, API handlers, view models and
//! templates. A feature uses `crate::http` and the use-case layer; it never imports another
//! feature.

pub mod accounts;
pub mod calls;
pub mod directory;
pub mod endorsements;
pub mod events;
pub mod exports;
pub mod federation;
pub mod groups;
pub mod home;
pub mod mail;
pub mod matching;
pub mod monitoring;
pub mod newsletters;
pub mod publications;
pub mod publog;
pub mod quiz;
pub mod referrals;
pub mod resources;
pub mod services;
pub mod texts;
pub mod trials;
pub mod vault;

use crate::http::routes::Routes;

/// A feature's strings, one file per authored base: `<feature>/strings/<base>.ftl`.
macro_rules! area {
    ($feature:literal) => {
        spona_i18n::Strings {
            en: include_str!(concat!($feature, "/strings/en.ftl")),
            sr_cyrl: include_str!(concat!($feature, "/strings/sr-Cyrl.ftl")),
            uk: include_str!(concat!($feature, "/strings/uk.ftl")),
            sq: include_str!(concat!($feature, "/strings/sq.ftl")),
            mk: include_str!(concat!($feature, "/strings/mk.ftl")),
            bcms: include_str!(concat!($feature, "/strings/bcms.ftl")),
        }
    };
}

/// Each feature's strings (`<feature>/strings/<base>.ftl`), added to the shared ones.
pub const STRINGS: &[spona_i18n::Strings] = &[
    area!("accounts"),
    area!("directory"),
    area!("home"),
    area!("matching"),
    area!("resources"),
    area!("vault"),
    area!("calls"),
    area!("groups"),
    area!("mail"),
    area!("newsletters"),
    area!("events"),
    area!("services"),
    area!("referrals"),
    area!("federation"),
    area!("monitoring"),
    area!("trials"),
    area!("endorsements"),
    area!("quiz"),
    area!("publications"),
    area!("texts"),
    area!("exports"),
    area!("publog"),
];

/// Every feature's routes.
pub fn routes(r: Routes) -> Routes {
    let r = home::routes(r);
    let r = accounts::routes(r);
    let r = directory::routes(r);
    let r = matching::routes(r);
    let r = resources::routes(r);
    let r = calls::routes(r);
    let r = mail::routes(r);
    let r = vault::routes(r);
    let r = groups::routes(r);
    let r = events::routes(r);
    let r = services::routes(r);
    let r = referrals::routes(r);
    let r = federation::routes(r);
    let r = monitoring::routes(r);
    let r = trials::routes(r);
    let r = endorsements::routes(r);
    let r = quiz::routes(r);
    let r = publications::routes(r);
    let r = texts::routes(r);
    let r = exports::routes(r);
    let r = publog::routes(r);
    newsletters::routes(r)
}

/// Every feature's part of the OpenAPI document.
pub fn openapi() -> Vec<utoipa::openapi::OpenApi> {
    vec![
        directory::api::openapi(),
        matching::api::openapi(),
        resources::api::openapi(),
        vault::api::openapi(),
        calls::api::openapi(),
        events::api::openapi(),
        groups::api::openapi(),
        mail::api::openapi(),
        newsletters::api::openapi(),
        services::api::openapi(),
        referrals::api::openapi(),
        federation::api::openapi(),
        monitoring::openapi(),
        trials::api::openapi(),
        endorsements::api::openapi(),
        quiz::api::openapi(),
        publications::api::openapi(),
        texts::api::openapi(),
        exports::openapi(),
        publog::api::openapi(),
    ]
}

#[cfg(test)]
mod tests {
    use spona_domain::Locale;
    use spona_i18n::Translator;

    /// Every feature's strings exist in every locale's authored base and nothing more, and
    /// no message is defined twice (the bundles refuse to build then).
    #[test]
    fn every_feature_string_is_in_every_locale() {
        assert!(
            crate::translator().is_ok(),
            "{:?}",
            crate::translator().err()
        );
        for &area in super::STRINGS {
            let one = [area];
            let en = Translator::message_ids_with(&one, Locale::En);
            for l in Locale::ALL {
                let ids = Translator::message_ids_with(&one, l);
                let missing: Vec<_> = en.iter().filter(|k| !ids.contains(k)).collect();
                let extra: Vec<_> = ids.iter().filter(|k| !en.contains(k)).collect();
                assert!(missing.is_empty(), "{l} lacks {missing:?}");
                assert!(extra.is_empty(), "{l} has unknown {extra:?}");
            }
        }
    }

    /// An overlay (Bosnian, Croatian, Montenegrin) only redefines messages that exist,
    /// from any area: a key English lacks is a typo or a leftover.
    #[test]
    fn overlays_only_redefine_known_messages() {
        let en = Translator::message_ids_with(super::STRINGS, Locale::En);
        for l in [Locale::Bs, Locale::Hr, Locale::Cnr] {
            let unknown: Vec<_> = Translator::overlay_ids(l)
                .into_iter()
                .filter(|k| !en.contains(k))
                .collect();
            assert!(unknown.is_empty(), "{l} overlay has unknown {unknown:?}");
        }
    }
}
