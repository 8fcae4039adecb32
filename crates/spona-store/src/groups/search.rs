//! Searching the posts of a person's groups.

use crate::{Db, Result, on_db};

/// A post found by a search, with its thread's title.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Hit {
    pub post_id: String,
    pub thread_id: String,
    pub title: String,
    pub n: i64,
    pub body: String,
    pub author_name: String,
    pub group_id: String,
    /// The group's own name (the use case gives it in the reader's language).
    pub group_name: String,
    pub group_lang: String,
}

/// Posts of the groups `user_id` is a member of, in threads not hidden, holding for every
/// word one of its terms. `words`: per query word, its analysed terms.
pub async fn search(db: &Db, user_id: &str, words: &[Vec<String>], limit: i64) -> Result<Vec<Hit>> {
    let mut sql = String::from(
        "SELECT p.id AS post_id, p.thread_id, t.title, p.n, p.body, u.display_name AS author_name, \
         p.group_id, g.name AS group_name, g.lang AS group_lang \
         FROM group_posts p JOIN group_threads t ON t.id = p.thread_id JOIN users u ON u.id = p.author_id \
         JOIN working_groups g ON g.id = p.group_id \
         WHERE t.hidden_reason IS NULL AND t.deleted_at IS NULL AND p.group_id IN \
         (SELECT group_id FROM group_members WHERE user_id = $1 AND role <> 'requested')",
    );
    let mut args: Vec<String> = Vec::new();
    for terms in words {
        sql.push_str(" AND (");
        for (i, term) in terms.iter().enumerate() {
            if i > 0 {
                sql.push_str(" OR ");
            }
            args.push(format!("% {term} %"));
            sql.push_str(&format!("p.search_text LIKE ${}", args.len() + 1));
        }
        sql.push(')');
    }
    sql.push_str(&format!(
        " ORDER BY p.created_at DESC, p.id LIMIT ${}",
        args.len() + 2
    ));
    let sql = sqlx::AssertSqlSafe(sql);
    Ok(on_db!(db, p => {
        let mut q = sqlx::query_as::<_, Hit>(sql).bind(user_id);
        for a in &args {
            q = q.bind(a);
        }
        q.bind(limit).fetch_all(p).await
    })?)
}
