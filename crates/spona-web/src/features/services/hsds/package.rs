//! The tabular data package: the descriptor and one CSV per table, each streamed batch by
//! batch (the zip of them all is `archive`).

use super::*;

/// The official HSDS 3.0 `datapackage.json` (CC BY-SA 4.0, Open Referral), vendored.
pub(super) const OFFICIAL_PACKAGE: &str =
    include_str!("../../../../../../tests/hsds/datapackage.json");

/// The tables Spona exports: resource name and file.
pub(super) const TABLES: [(&str, &str); 11] = [
    ("organization", "organizations.csv"),
    ("service", "services.csv"),
    ("attribute", "attributes.csv"),
    ("service_at_location", "service_at_location.csv"),
    ("location", "locations.csv"),
    ("phone", "phones.csv"),
    ("schedule", "schedules.csv"),
    ("service_area", "service_areas.csv"),
    ("language", "languages.csv"),
    ("taxonomy_term", "taxonomy_terms.csv"),
    ("taxonomy", "taxonomies.csv"),
];

/// The official package with only Spona's tables, each at `data/<file>`, and no foreign key
/// to a table Spona does not export.
pub(super) fn package() -> Value {
    let mut p: Value = serde_json::from_str(OFFICIAL_PACKAGE).unwrap_or_else(|_| json!({}));
    let names: Vec<&str> = TABLES.iter().map(|(n, _)| *n).collect();
    if let Some(resources) = p.get_mut("resources").and_then(Value::as_array_mut) {
        resources.retain(|r| {
            r.get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| names.contains(&n))
        });
        for r in resources.iter_mut() {
            let name = r.get("name").and_then(Value::as_str).unwrap_or_default();
            let file = TABLES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, f)| *f)
                .unwrap_or_default();
            r["path"] = format!("data/{file}").into();
            if let Some(fks) = r
                .get_mut("schema")
                .and_then(|s| s.get_mut("foreignKeys"))
                .and_then(Value::as_array_mut)
            {
                fks.retain(|fk| {
                    fk.pointer("/reference/resource")
                        .and_then(Value::as_str)
                        .is_some_and(|n| names.contains(&n))
                });
            }
        }
    }
    p
}

/// The columns of a table, in the official order.
pub(super) fn columns(table: &str) -> Vec<String> {
    let p = package();
    p.get("resources")
        .and_then(Value::as_array)
        .and_then(|rs| rs.iter().find(|r| r["name"] == table))
        .and_then(|r| r.pointer("/schema/fields"))
        .and_then(Value::as_array)
        .map(|fs| {
            fs.iter()
                .filter_map(|f| f["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[utoipa::path(get, path = "/api/hsds/datapackage.json", tag = "hsds", responses((status = 200, description = "The tabular data package descriptor (Frictionless)", body = serde_json::Value)))]
pub(super) async fn datapackage() -> Response {
    Json(package()).into_response()
}

pub(super) fn csv_field(out: &mut String, v: &Value) {
    let text = match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&text);
    }
}

pub(super) fn csv_row(out: &mut String, cols: &[String], row: &Value) {
    for (i, c) in cols.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, row.get(c).unwrap_or(&Value::Null));
    }
    out.push_str("\r\n");
}

/// The rows of `table` a batch of services gives.
pub(super) fn rows_of(
    table: &str,
    services: &[Service],
    orgs: &HashMap<String, Org>,
) -> Vec<Value> {
    let langs = ["en", "sr-Latn", "sr-Cyrl"];
    let mut out = Vec::new();
    for s in services {
        match table {
            "service" => out.push(Value::Object(service_flat(s, &langs))),
            "attribute" => out.extend(attribute_json(s)),
            "service_at_location" => out.extend(s.locations.iter().map(|l| {
                json!({ "id": l.id, "service_id": s.id.as_str(), "location_id": l.id })
            })),
            "location" => out.extend(s.locations.iter().map(|l| location_json(s, l))),
            "phone" => out.extend(s.phone.iter().map(|p| {
                json!({ "id": derived(TAG_PHONE, s.id.as_str()), "service_id": s.id.as_str(), "number": p })
            })),
            "schedule" => out.extend(s.hours.iter().map(|h| schedule_json(s, h))),
            "service_area" => {
                if let Some(Value::Array(a)) = service_full(s, None, &langs).get("service_areas") {
                    out.extend(a.iter().cloned());
                }
            }
            "language" => out.extend(s.languages.iter().enumerate().map(|(i, code)| {
                json!({ "id": derived(TAG_LANGUAGE + i as u32, s.id.as_str()),
                    "service_id": s.id.as_str(), "code": code })
            })),
            "organization" => {
                if let Some(o) = orgs.get(s.org_id.as_str()) {
                    out.push(org_json(o));
                }
            }
            _ => {}
        }
    }
    out
}

pub(super) struct Export {
    db: Db,
    table: &'static str,
    cols: Vec<String>,
    after: String,
    header: bool,
    done: bool,
}

impl Export {
    /// The export of one table (a [`TABLES`] resource name), from its header on.
    pub(super) fn new(db: Db, table: &'static str) -> Self {
        Export {
            db,
            table,
            cols: columns(table),
            after: String::new(),
            header: false,
            done: false,
        }
    }
}

/// The next chunk of a CSV export: the header first, then one batch of services' rows.
pub(super) async fn next_chunk(mut e: Export) -> Option<(Result<Bytes, std::io::Error>, Export)> {
    if e.done {
        return None;
    }
    let mut out = String::new();
    if !e.header {
        e.header = true;
        out.push_str(&e.cols.join(","));
        out.push_str("\r\n");
        match e.table {
            "taxonomy" => {
                csv_row(&mut out, &e.cols, &taxonomy_json());
                e.done = true;
            }
            "taxonomy_term" => {
                for k in SERVICE_KINDS.codes {
                    csv_row(&mut out, &e.cols, &term_json(k));
                }
                e.done = true;
            }
            "organization" => {
                let r = async {
                    let ids = store::publishing_orgs(&e.db).await?;
                    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                    spona_store::orgs::get_many(&e.db, &refs).await
                }
                .await;
                match r {
                    Ok(mut orgs) => {
                        orgs.sort_by(|a, b| a.id.cmp(&b.id));
                        for o in &orgs {
                            csv_row(&mut out, &e.cols, &org_json(o));
                        }
                    }
                    Err(err) => return Some((Err(std::io::Error::other(err.to_string())), e)),
                }
                e.done = true;
            }
            _ => {}
        }
        return Some((Ok(Bytes::from(out)), e));
    }
    let ids = match store::published_ids_after(&e.db, &e.after, BATCH).await {
        Ok(ids) => ids,
        Err(err) => return Some((Err(std::io::Error::other(err.to_string())), e)),
    };
    let last = ids.last().cloned()?;
    let services = match store::load(&e.db, Scope::Ids(&ids)).await {
        Ok(s) => s,
        Err(err) => return Some((Err(std::io::Error::other(err.to_string())), e)),
    };
    e.after = last;
    for row in rows_of(e.table, &services, &HashMap::new()) {
        csv_row(&mut out, &e.cols, &row);
    }
    Some((Ok(Bytes::from(out)), e))
}

#[utoipa::path(get, path = "/api/hsds/data/{file}", tag = "hsds", params(("file" = String, Path, description = "A table file named in datapackage.json, e.g. services.csv")), responses((status = 200, description = "The table as CSV, streamed", content_type = "text/csv", body = String), (status = 404, body = ErrorJson)))]
pub(super) async fn table_csv(ctx: Ctx, Path(file): Path<String>) -> Result<Response, AppError> {
    let Some((table, _)) = TABLES.iter().find(|(_, f)| *f == file) else {
        return Ok(not_found(&ctx));
    };
    let export = Export::new(ctx.state.db.clone(), table);
    // Fused: polled after its end by the compression layer (see `archive.rs`).
    let stream = futures_util::StreamExt::fuse(futures_util::stream::unfold(export, next_chunk));
    let mut response = (StatusCode::OK, Body::from_stream(stream)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    Ok(response)
}
