//! Real sentences of the region's languages and the queries they must (and must not)
//! answer: the corpus every `lang_*` test indexes (all languages in one index, so a
//! query also shows it finds nothing in the other languages' texts).
//!
//! Each document quotes one sentence of a published text (news, NGO or UN pages) and
//! names its source; the few sentences written for a test (Montenegrin letters, which
//! official texts rarely use) say so.

use super::*;

/// A quoted sentence: id, language of the variant, source, text.
pub struct Sentence {
    pub id: &'static str,
    pub lang: Lang,
    pub source: &'static str,
    pub text: &'static str,
}

/// A query and what it must and must not find.
pub struct Case {
    pub query: &'static str,
    /// The last word is being typed.
    pub prefix: bool,
    pub find: &'static [&'static str],
    pub not: &'static [&'static str],
}

/// A whole-word query.
pub const fn w(
    query: &'static str,
    find: &'static [&'static str],
    not: &'static [&'static str],
) -> Case {
    Case {
        query,
        prefix: false,
        find,
        not,
    }
}

/// A query whose last word is being typed.
pub const fn p(
    query: &'static str,
    find: &'static [&'static str],
    not: &'static [&'static str],
) -> Case {
    Case {
        query,
        prefix: true,
        find,
        not,
    }
}

/// Every sentence of every language.
pub fn corpus() -> Vec<&'static Sentence> {
    BCMS.iter().chain(SQ).chain(MK).chain(UK).collect()
}

pub fn index_of(sentences: &[&Sentence]) -> SearchIndex {
    let docs: Vec<ResourceDoc> = sentences
        .iter()
        .map(|s| resource(s.id, vec![variant(s.lang, s.id, s.text)]))
        .collect();
    index_with(&docs)
}

/// Runs every case; collects all failures before failing, so one run shows them all.
pub fn check(idx: &SearchIndex, cases: &[Case]) {
    let mut failures = Vec::new();
    for c in cases {
        let query = SearchQuery {
            prefix: c.prefix,
            limit: 100,
            ..q(c.query)
        };
        let r = search(idx, &query);
        let found = ids(&r);
        if r.relaxed && !c.find.is_empty() {
            failures.push(format!("{:?}: relaxed to any word ({found:?})", c.query));
        }
        for id in c.find {
            if !found.contains(id) {
                failures.push(format!("{:?} must find {id}, found {found:?}", c.query));
            }
        }
        for id in c.not {
            if found.contains(id) {
                failures.push(format!("{:?} must not find {id}", c.query));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Albanian (Kosovo).
pub const SQ: &[Sentence] = &[
    Sentence {
        id: "sq1",
        lang: Lang::Sq,
        source: "cdhrf.net (KMDLNJ, Historiku dhe veprimtaria)",
        text: "Këshilli për Mbrojtjen e të Drejtave e të Lirive të Njeriut me seli në Prishtinë është organizata e parë joqeveritare e themeluar në Kosovë më 14 dhjetor 1989.",
    },
    Sentence {
        id: "sq2",
        lang: Lang::Sq,
        source: "cdhrf.net (KMDLNJ, Historiku dhe veprimtaria)",
        text: "Pas përfundimit të luftës në Kosovë, KMDLNJ është bërë partner implementues i UNHCR-së, së pari në projektin e monitorimit të kthimit të refugjatëve, e pastaj në aktivitetet me minoritete dhe me personat e zhvendosur.",
    },
    Sentence {
        id: "sq3",
        lang: Lang::Sq,
        source: "yihr-ks.org, njoftim për media, 31 maj 2021",
        text: "Raporti ofron një përmbledhje të situatës së të drejtave të njeriut në Kosovë në vitin 2020, duke përfshirë problemet dhe sfidat kryesore për realizimin e të drejtave të njeriut.",
    },
    Sentence {
        id: "sq4",
        lang: Lang::Sq,
        source: "yihr-ks.org, njoftim për media, 31 maj 2021",
        text: "Tridhjetë e katër organizata të shoqërisë civile (OShC) që punojnë në mbrojtjen dhe promovimin e të drejtave të njeriut në Kosovë kanë bashkuar forcat për të hartuar këtë raport pas një procesi gjithëpërfshirës.",
    },
    Sentence {
        id: "sq5",
        lang: Lang::Sq,
        source: "sq.wikipedia.org, Shoqëria civile në Kosovë",
        text: "Kosova ka një popullsi shumicë etnike shqiptare, ndërsa ka një pakicë popullsi serbe, rome, ashkali, egjiptiane, maqedonase, malazeze dhe kroate.",
    },
    Sentence {
        id: "sq6",
        lang: Lang::Sq,
        source: "unmik.unmissions.org, Zëri i bashkuar, 8 qershor 2021",
        text: "Më 31 maj, tridhjetë e katër Organizata kryesore të Shoqërisë Civile (OShC) në Kosovë zyrtarisht publikuan raportin e tyre të dytë të përbashkët për gjendjen e të drejtave të njeriut në Kosovë.",
    },
];

/// Macedonian (North Macedonia).
pub const MK: &[Sentence] = &[
    Sentence {
        id: "mk1",
        lang: Lang::Mk,
        source: "eige.europa.eu, thesaurus, civil society (mk)",
        text: "Граѓанското општество ги подразбира сите организациски структури (граѓански организации) чии членови му служат на општиот интерес преку демократски процес, и што ја преземаат улогата на посредник меѓу јавните власти и граѓаните.",
    },
    Sentence {
        id: "mk2",
        lang: Lang::Mk,
        source: "civicamobilitas.mk, Хелсиншки комитет за човекови права",
        text: "Хелсиншкиот комитет за човекови права на Република Македонија (МКХ) е невладина организација чија главна цел е заштита и унапредување на човековите права и слободи гарантирани со Уставот на РМ.",
    },
    Sentence {
        id: "mk3",
        lang: Lang::Mk,
        source: "civicamobilitas.mk, Здружение Младински сојуз – Крушево",
        text: "Младински Сојуз (МС) е независна, невладина, неполитичка и непрофитна организација основана во 1999 година со примарна цел креирање на динамична средина и обезбедување простор за активно и ентузијастично учество на младите луѓе во сите сфери на општественото живеење.",
    },
    Sentence {
        id: "mk4",
        lang: Lang::Mk,
        source: "civicamobilitas.mk, Здружение Младински сојуз – Крушево",
        text: "Организацијата е со седиште во Крушево и има подружница во Скопје.",
    },
    Sentence {
        id: "mk5",
        lang: Lang::Mk,
        source: "civicamobilitas.mk, Хелсиншки комитет за човекови права",
        text: "МКХ поаѓа од тоа дека сите луѓе треба да имаат можност да ги уживаат, практикуваат и заштитат основите права и слободи.",
    },
    Sentence {
        id: "mk6",
        lang: Lang::Mk,
        source: "gragjanskisvet.org.mk, Граѓански свет, број 4 (наслов)",
        text: "Заштита на човековите права низ механизмите на граѓанските организации",
    },
];

/// Ukrainian.
pub const UK: &[Sentence] = &[
    Sentence {
        id: "uk1",
        lang: Lang::Uk,
        source: "khpg.org/1438022081 (Харківська правозахисна група, 27.07.2015)",
        text: "У Харківській області розпочав свою роботу проект допомоги переселенцям із зони АТО «Станція Регіон».",
    },
    Sentence {
        id: "uk2",
        lang: Lang::Uk,
        source: "khpg.org/1438022081 (Харківська правозахисна група, 27.07.2015)",
        text: "У цих пунктах внутрішньо переміщеним особам надаватиметься правова, інформаційна, консультативна та психологічна допомога.",
    },
    Sentence {
        id: "uk3",
        lang: Lang::Uk,
        source: "zmina.info, правозахисна коаліція оголосила 13 пріоритетних кроків",
        text: "Коаліція провідних правозахисних організацій України представила комплексні рекомендації для влади щодо захисту прав постраждалих від російської агресії у 2025 році.",
    },
    Sentence {
        id: "uk4",
        lang: Lang::Uk,
        source: "vpl.com.ua/uk/about-us-uk (БФ «Право на захист»)",
        text: "Проект «Адвокація та правова допомога внутрішньо переміщеним особам» реалізується БФ «Право на захист» за підтримки Агентства ООН у справах біженців (UNHCR).",
    },
    Sentence {
        id: "uk5",
        lang: Lang::Uk,
        source: "vpl.com.ua/uk/about-us-uk (БФ «Право на захист»)",
        text: "Проектні групи працюють в Харкові, Сєвєродонецьку, Слов’янську, Маріуполі, Запоріжжі, та Києві; штаб квартира проекту знаходиться у Дніпропетровську.",
    },
    Sentence {
        id: "uk6",
        lang: Lang::Uk,
        source: "niss.gov.ua, засади державної політики щодо ВПО",
        text: "За офіційними даними Міністерства соціальної політики, станом на 19 вересня 2016 р. кількість ВПО становить 1 703 932 особи.",
    },
];

/// Bosnian, Croatian, Montenegrin and Serbian: ijekavian and ekavian, both scripts.
pub const BCMS: &[Sentence] = &[
    Sentence {
        id: "bs1",
        lang: Lang::Sr,
        source: "solidarnost-bosnia.com, Izbjeglice i migranti bez ljudskih prava u BiH (N. Ahmetašević)",
        text: "O uzrocima zašto je dijete umrlo u kampu kojim upravljaju međunarodne organizacije prisutne u zemlji, nije izvijestio niko.",
    },
    Sentence {
        id: "bs2",
        lang: Lang::Sr,
        source: "help.unhcr.org/bosniaandherzegovina/bs, O UNHCR-u u Bosni i Hercegovini",
        text: "Međutim, primarna odgovornost za zaštitu izbjeglica uvijek je pri vladi zemlje u kojoj žive izbjeglice.",
    },
    Sentence {
        id: "bs3",
        lang: Lang::Sr,
        source: "vasaprava.org/?p=1819, Svjetski dan izbjeglica 2013",
        text: "Značaj uloge nevladinih organizacija u zaštiti izbjeglica je prepoznala Generalna skupština UN-a.",
    },
    Sentence {
        id: "sr4",
        lang: Lang::Sr,
        source: "mediation-mitrovica.org, Izveštaj civilnog društva o ljudskim pravima na Kosovu u 2019",
        text: "Izveštaj pruža pregled stanja ljudskih prava na Kosovu u 2019. godini, uključujući glavne probleme i izazove u ostvarivanju ljudskih prava, kao i prikaz kršenja ljudskih prava.",
    },
    Sentence {
        id: "me5",
        lang: Lang::Sr,
        source: "hraction.org, Međunarodni dan ljudskih prava u Crnoj Gori, 10. decembar 2023.",
        text: "Međunarodni dan ljudskih prava svijet dočekuje sa 32 oružana sukoba, od kojih je najkrvoločniji rat Izraela i Hamasa u kome je u samo dva mjeseca ubijeno preko 18.000 ljudi, od kojih dvije trećine čine žene i djeca u Gazi.",
    },
    Sentence {
        id: "me6",
        lang: Lang::Sr,
        source: "me.usembassy.gov, Izvještaj o stanju ljudskih prava – 2012.",
        text: "Hiljade izbjeglih i raseljenih lica, kao posljedica sukoba na Balkanu 1990-tih godina, i dalje nemaju regulisan pravni status i žive u teškim uslovima.",
    },
    Sentence {
        id: "me7",
        lang: Lang::Sr,
        source: "docslib.org, Ljudska prava u Crnoj Gori 2006–2012 (CIP zapis, ćirilica)",
        text: "Каталогизација у публикацији Централна народна библиотека Црне Горе, Цетиње",
    },
    Sentence {
        id: "me8",
        lang: Lang::Sr,
        source: "hraction.org, Međunarodni dan ljudskih prava u Crnoj Gori, 10. decembar 2023.",
        text: "Na današnji dan prije 75 godina usvojena je Univerzalna deklaracija o ljudskim pravima, prvi dokument koji je na međunarodnom nivou donio katalog ljudskih prava.",
    },
    Sentence {
        id: "me9",
        lang: Lang::Sr,
        source: "written for this test: Montenegrin letters ś, đ (for sj, dj) in one sentence",
        text: "Śutra će se u Podgorici održati śednica o pravima đece.",
    },
    Sentence {
        id: "sr10",
        lang: Lang::Sr,
        source: "written for this test: the same text in Serbian Cyrillic, ekavian",
        text: "Сутра ће се у Подгорици одржати седница о правима деце.",
    },
];
