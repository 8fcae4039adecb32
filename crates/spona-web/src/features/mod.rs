//! One folder per capability: its routes, page handlers, API handlers, view models and
//! templates. A feature uses `crate::http` and the use-case layer; it never imports another
//! feature.

pub mod accounts;
pub mod calls;
pub mod directory;
pub mod events;
pub mod federation;
pub mod groups;
pub mod home;
pub mod mail;
pub mod matching;
pub mod monitoring;
pub mod newsletters;
pub mod referrals;
pub mod resources;
pub mod services;
pub mod trials;
pub mod vault;

use crate::http::routes::Routes;

/// Each feature's strings (`<feature>/strings/<locale>.ftl`), added to the shared ones.
pub const STRINGS: [spona_i18n::Strings; 16] = [
    spona_i18n::Strings {
        en: include_str!("accounts/strings/en.ftl"),
        sr_cyrl: include_str!("accounts/strings/sr-Cyrl.ftl"),
        uk: include_str!("accounts/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("directory/strings/en.ftl"),
        sr_cyrl: include_str!("directory/strings/sr-Cyrl.ftl"),
        uk: include_str!("directory/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("home/strings/en.ftl"),
        sr_cyrl: include_str!("home/strings/sr-Cyrl.ftl"),
        uk: include_str!("home/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("matching/strings/en.ftl"),
        sr_cyrl: include_str!("matching/strings/sr-Cyrl.ftl"),
        uk: include_str!("matching/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("resources/strings/en.ftl"),
        sr_cyrl: include_str!("resources/strings/sr-Cyrl.ftl"),
        uk: include_str!("resources/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("vault/strings/en.ftl"),
        sr_cyrl: include_str!("vault/strings/sr-Cyrl.ftl"),
        uk: include_str!("vault/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("calls/strings/en.ftl"),
        sr_cyrl: include_str!("calls/strings/sr-Cyrl.ftl"),
        uk: include_str!("calls/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("groups/strings/en.ftl"),
        sr_cyrl: include_str!("groups/strings/sr-Cyrl.ftl"),
        uk: include_str!("groups/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("mail/strings/en.ftl"),
        sr_cyrl: include_str!("mail/strings/sr-Cyrl.ftl"),
        uk: include_str!("mail/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("newsletters/strings/en.ftl"),
        sr_cyrl: include_str!("newsletters/strings/sr-Cyrl.ftl"),
        uk: include_str!("newsletters/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("events/strings/en.ftl"),
        sr_cyrl: include_str!("events/strings/sr-Cyrl.ftl"),
        uk: include_str!("events/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("services/strings/en.ftl"),
        sr_cyrl: include_str!("services/strings/sr-Cyrl.ftl"),
        uk: include_str!("services/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("referrals/strings/en.ftl"),
        sr_cyrl: include_str!("referrals/strings/sr-Cyrl.ftl"),
        uk: include_str!("referrals/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("federation/strings/en.ftl"),
        sr_cyrl: include_str!("federation/strings/sr-Cyrl.ftl"),
        uk: include_str!("federation/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("monitoring/strings/en.ftl"),
        sr_cyrl: include_str!("monitoring/strings/sr-Cyrl.ftl"),
        uk: include_str!("monitoring/strings/uk.ftl"),
    },
    spona_i18n::Strings {
        en: include_str!("trials/strings/en.ftl"),
        sr_cyrl: include_str!("trials/strings/sr-Cyrl.ftl"),
        uk: include_str!("trials/strings/uk.ftl"),
    },
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
    ]
}

#[cfg(test)]
mod tests {
    use spona_domain::Locale;
    use spona_i18n::Translator;

    /// Every feature's strings exist in every authored locale, and no message is defined
    /// twice (the bundles refuse to build then).
    #[test]
    fn every_feature_string_is_in_every_locale() {
        assert!(
            crate::translator().is_ok(),
            "{:?}",
            crate::translator().err()
        );
        for area in super::STRINGS {
            let one = [area];
            let en = Translator::message_ids_with(&one, Locale::En);
            for l in [Locale::SrCyrl, Locale::Uk] {
                let ids = Translator::message_ids_with(&one, l);
                let missing: Vec<_> = en.iter().filter(|k| !ids.contains(k)).collect();
                let extra: Vec<_> = ids.iter().filter(|k| !en.contains(k)).collect();
                assert!(missing.is_empty(), "{l} lacks {missing:?}");
                assert!(extra.is_empty(), "{l} has unknown {extra:?}");
            }
        }
    }
}
