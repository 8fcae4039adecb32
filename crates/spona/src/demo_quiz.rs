//! The awareness quiz's demo (issue 23): ASTRA's trafficking-awareness campaign at
//! `/q/stop-trafficking` in English, Serbian and Ukrainian, with two channels (a school and
//! a TV spot) and 140 generated sessions, so that the public results show counts beside
//! withheld ones (fewer than ten). The quiz goes through the use case (the same checks and
//! audit entry as the form); the generated sessions are written through the store with
//! made-up hashes, as no client stands behind them.

use anyhow::Context;
use spona_app::actor::Actor;
use spona_app::quizzes::author::{self as uc, Draft};
use spona_domain::quiz::{Choice, Question, QuizDoc, Texts};
use spona_store::Db;
use spona_store::quizzes::{self as store, Session};

/// The demo campaign's short address.
pub const SLUG: &str = "stop-trafficking";

fn t(en: &str, sr: &str, uk: &str) -> Texts {
    [("en", en), ("sr-Cyrl", sr), ("uk", uk)]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn opt(text: Texts, correct: bool, feedback: Texts) -> Choice {
    Choice {
        text,
        correct,
        feedback,
    }
}

fn none() -> Texts {
    Texts::new()
}

/// The quiz: five scored questions and one scale.
pub fn doc() -> QuizDoc {
    let yes = || t("True", "Тачно", "Правда");
    let no = || t("False", "Нетачно", "Неправда");
    QuizDoc {
        title: t(
            "Would you recognise trafficking?",
            "Да ли бисте препознали трговину људима?",
            "Чи розпізнали б ви торгівлю людьми?",
        ),
        intro: t(
            "Six short questions about job offers, documents and where to get help. It takes three minutes.",
            "Шест кратких питања о понудама за посао, документима и томе где потражити помоћ. Траје три минута.",
            "Шість коротких питань про пропозиції роботи, документи та куди звернутися по допомогу. Це займе три хвилини.",
        ),
        remember: t(
            "Keep your own documents. Check an offer abroad before you travel. Call a hotline if something feels wrong: the call is free and can be anonymous.",
            "Своја документа чувајте код себе. Проверите понуду за рад у иностранству пре поласка. Позовите СОС линију ако вам нешто не изгледа у реду: позив је бесплатан и може бити анониман.",
            "Тримайте свої документи при собі. Перевірте пропозицію роботи за кордоном до від'їзду. Зателефонуйте на гарячу лінію, якщо щось здається не так: дзвінок безкоштовний і може бути анонімним.",
        ),
        scored: true,
        shuffle: false,
        questions: vec![
            Question {
                kind: "truefalse".into(),
                text: t(
                    "An employer may keep your passport \"for safety\" while you work abroad.",
                    "Послодавац сме да задржи ваш пасош „ради сигурности” док радите у иностранству.",
                    "Роботодавець може тримати ваш паспорт «для безпеки», поки ви працюєте за кордоном.",
                ),
                options: vec![
                    opt(
                        yes(),
                        false,
                        t(
                            "No: taking your documents is a common way to control a person.",
                            "Не: одузимање докумената је чест начин контроле над особом.",
                            "Ні: відібрання документів — поширений спосіб контролювати людину.",
                        ),
                    ),
                    opt(no(), true, none()),
                ],
                explain: t(
                    "Nobody may keep your identity documents. If someone does, ask for help.",
                    "Нико не сме да задржи ваша лична документа. Ако то неко уради, потражите помоћ.",
                    "Ніхто не має права тримати ваші документи. Якщо хтось це робить, зверніться по допомогу.",
                ),
                link: Some("tel:+381117850000".into()),
                ..Question::default()
            },
            Question {
                kind: "multiple".into(),
                text: t(
                    "Which of these are warning signs in a job offer abroad?",
                    "Који од ових знакова упозоравају у понуди за посао у иностранству?",
                    "Які з цих ознак є тривожними в пропозиції роботи за кордоном?",
                ),
                options: vec![
                    opt(
                        t(
                            "Very high pay for simple work",
                            "Веома висока плата за једноставан посао",
                            "Дуже висока оплата за просту роботу",
                        ),
                        true,
                        none(),
                    ),
                    opt(
                        t(
                            "You must pay the agency for the trip, to be repaid from wages",
                            "Морате платити агенцији пут, да се врати од плате",
                            "Ви маєте заплатити агенції за дорогу, з поверненням із зарплати",
                        ),
                        true,
                        none(),
                    ),
                    opt(
                        t(
                            "A written contract in a language you understand",
                            "Писани уговор на језику који разумете",
                            "Письмовий договір мовою, яку ви розумієте",
                        ),
                        false,
                        t(
                            "A contract you understand is a good sign; keep a copy.",
                            "Уговор који разумете је добар знак; сачувајте копију.",
                            "Договір, який ви розумієте, — добрий знак; збережіть копію.",
                        ),
                    ),
                ],
                explain: t(
                    "Debts for travel and promises that are too good are how many people are recruited.",
                    "Дугови за пут и превише добра обећања су начин на који се многи врбују.",
                    "Борги за дорогу й занадто гарні обіцянки — так вербують багатьох людей.",
                ),
                ..Question::default()
            },
            Question {
                kind: "single".into(),
                text: t(
                    "Who can become a victim of trafficking?",
                    "Ко може постати жртва трговине људима?",
                    "Хто може стати жертвою торгівлі людьми?",
                ),
                options: vec![
                    opt(
                        t(
                            "Only women from poor families",
                            "Само жене из сиромашних породица",
                            "Лише жінки з бідних родин",
                        ),
                        false,
                        none(),
                    ),
                    opt(
                        t(
                            "Anyone: women, men and children",
                            "Свако: жене, мушкарци и деца",
                            "Будь-хто: жінки, чоловіки й діти",
                        ),
                        true,
                        none(),
                    ),
                    opt(
                        t(
                            "Only people without education",
                            "Само људи без образовања",
                            "Лише люди без освіти",
                        ),
                        false,
                        none(),
                    ),
                ],
                explain: t(
                    "Traffickers deceive people of every age and background, often through someone they trust.",
                    "Трговци људима обмањују људе сваког узраста и порекла, често преко некога коме верују.",
                    "Торговці людьми обманюють людей будь-якого віку й походження, часто через того, кому вони довіряють.",
                ),
                ..Question::default()
            },
            Question {
                kind: "truefalse".into(),
                text: t(
                    "A person who agreed to the job at first can still be a victim of trafficking.",
                    "Особа која је у почетку пристала на посао ипак може бити жртва трговине људима.",
                    "Людина, яка спершу погодилася на роботу, все одно може бути жертвою торгівлі людьми.",
                ),
                options: vec![opt(yes(), true, none()), opt(no(), false, none())],
                explain: t(
                    "Consent obtained by deceit, threats or debt does not count.",
                    "Пристанак добијен обманом, претњама или дугом се не рачуна.",
                    "Згода, отримана обманом, погрозами чи боргом, не має значення.",
                ),
                ..Question::default()
            },
            Question {
                kind: "single".into(),
                text: t(
                    "A friend abroad says her boss took her phone and she cannot leave. What do you do first?",
                    "Другарица у иностранству каже да јој је газда узео телефон и да не може да оде. Шта прво радите?",
                    "Подруга за кордоном каже, що начальник забрав її телефон і вона не може піти. Що ви робите насамперед?",
                ),
                options: vec![
                    opt(
                        t("Wait and see", "Чекам да видим", "Чекаю, що буде"),
                        false,
                        none(),
                    ),
                    opt(
                        t(
                            "Call a hotline or the police",
                            "Зовем СОС линију или полицију",
                            "Телефоную на гарячу лінію або в поліцію",
                        ),
                        true,
                        none(),
                    ),
                    opt(
                        t(
                            "Post about it online",
                            "Објављујем то на интернету",
                            "Пишу про це в інтернеті",
                        ),
                        false,
                        t(
                            "A post can put her in danger; call for help instead.",
                            "Објава је може довести у опасност; уместо тога позовите помоћ.",
                            "Допис може наразити її на небезпеку; краще зателефонуйте по допомогу.",
                        ),
                    ),
                ],
                explain: t(
                    "Hotlines know what to do and can act across borders.",
                    "СОС линије знају шта треба урадити и могу деловати преко граница.",
                    "Гарячі лінії знають, що робити, і можуть діяти через кордони.",
                ),
                link: Some("tel:527".into()),
                ..Question::default()
            },
            Question {
                kind: "scale".into(),
                text: t(
                    "How sure are you that you would recognise trafficking now? (1 not at all, 5 very)",
                    "Колико сте сада сигурни да бисте препознали трговину људима? (1 нимало, 5 веома)",
                    "Наскільки ви тепер упевнені, що розпізнали б торгівлю людьми? (1 зовсім ні, 5 дуже)",
                ),
                min: Some(1),
                max: Some(5),
                ..Question::default()
            },
        ],
    }
}

async fn actor(db: &Db, email: &str) -> anyhow::Result<Actor> {
    let user = spona_store::users::find_by_email(db, email)
        .await?
        .with_context(|| format!("demo account {email}"))?;
    let ms = spona_store::users::memberships(db, &user.id).await?;
    Ok(Actor::signed_in(user, ms))
}

/// Loads the demo campaign once (nothing when its short address exists).
pub async fn load_if_empty(db: &Db) -> anyhow::Result<()> {
    if store::campaign_by_slug(db, SLUG).await?.is_some() {
        return Ok(());
    }
    let by = actor(db, "jelena@astra.example.org").await?;
    let org = by
        .memberships()
        .first()
        .map(|m| m.org_id.clone())
        .context("ASTRA's demo admin has no organisation")?;
    let now = spona_store::now();
    let day = |t: i64| spona_app::quizzes::day_of(t);
    let draft = Draft {
        org_id: org,
        slug: SLUG.into(),
        public_results: true,
        doc: serde_json::to_string(&doc())?,
        starts_on: day(now - 20 * 86_400),
        ends_on: day(now + 365 * 86_400),
    };
    let err = |e: spona_app::Error| anyhow::anyhow!("demo quiz: {e:?}");
    let id = uc::create(&by, db, &draft, None).await.map_err(err)?;
    uc::add_channel(&by, db, &id, "school", "school", "Gymnasium in Novi Sad")
        .await
        .map_err(err)?;
    uc::add_channel(&by, db, &id, "tv", "tv", "TV spot, RTS")
        .await
        .map_err(err)?;
    let quiz = store::current_quiz(db, &id).await?.context("demo quiz")?;
    // 140 sessions over five days: most from Serbia, fewer from Bosnia and Herzegovina,
    // a handful from Montenegro (withheld), some giving nothing.
    for n in 0..140i64 {
        let at = now - (n % 5) * 86_400 - n * 37;
        let session = Session {
            id: spona_store::new_id(),
            quiz_id: quiz.id.clone(),
            channel: match n % 4 {
                0 | 1 => Some("school".into()),
                2 => Some("tv".into()),
                _ => None,
            },
            day: day(at),
            dedup: format!("demo-{n}"),
            country: None,
            region: None,
            age_band: None,
            excluded: 0,
            created_at: at,
            finished_at: None,
        };
        store::start_session(db, &session).await?;
        let pick = |q: i64| (n * 7 + q * 3) % 10;
        let answers: [(i64, Vec<i64>, Option<bool>); 6] = [
            (0, vec![i64::from(pick(0) < 8)], Some(pick(0) < 8)),
            (
                1,
                if pick(1) < 6 { vec![0, 1] } else { vec![0] },
                Some(pick(1) < 6),
            ),
            (2, vec![if pick(2) < 9 { 1 } else { 0 }], Some(pick(2) < 9)),
            (3, vec![if pick(3) < 7 { 0 } else { 1 }], Some(pick(3) < 7)),
            (4, vec![if pick(4) < 8 { 1 } else { 2 }], Some(pick(4) < 8)),
            (5, vec![1 + pick(5) % 5], None),
        ];
        for (q, choices, correct) in answers {
            store::answer(db, &session.id, q, correct, &choices, at).await?;
        }
        let country = match n % 10 {
            0..=5 => Some("RS"),
            6..=8 => Some("BA"),
            _ if n % 20 == 9 => Some("ME"),
            _ => None,
        };
        let age = ["15-17", "18-24", "25-39", "15-17", "40-59"][(n % 5) as usize];
        store::finish(db, &session.id, country, None, Some(age), at).await?;
    }
    Ok(())
}
