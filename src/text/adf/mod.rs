//! TEMP
use serde_json::Value;
fn walk(v: &Value, out: &mut String) { if let Some(t) = v.get("text").and_then(Value::as_str) { out.push_str(t); } if let Some(c) = v.get("content").and_then(Value::as_array) { for x in c { walk(x, out); } out.push('\n'); } }
/// temp
pub fn adf_to_wiki(doc: &Value, _m: &dyn Fn(&str) -> Option<String>) -> String { let mut s = String::new(); walk(doc, &mut s); s }
/// temp
pub fn adf_to_html(doc: &Value) -> String { let mut s = String::new(); walk(doc, &mut s); s }
/// temp
pub fn adf_to_plain(doc: &Value) -> String { let mut s = String::new(); walk(doc, &mut s); s }
