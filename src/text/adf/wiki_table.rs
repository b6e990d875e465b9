//! ADF tables → Jira wiki `||heading||` / `|cell|` rows.

use serde_json::Value;

use super::wiki::{blocks, join_blocks};
use super::wiki_escape::BREAK;
use super::wiki_inline::Ctx;
use crate::text::rich::adf::node::{children, kind};

/// Renders a table: one wiki line per row. Inside another table cell the
/// rows are flattened onto one line instead.
pub(super) fn table(node: &Value, ctx: Ctx<'_>) -> String {
    let rows: Vec<String> = children(node)
        .iter()
        .map(|r| row(r, ctx.deeper()))
        .filter(|r| !r.trim().is_empty())
        .collect();
    if ctx.in_cell {
        rows.join(BREAK)
    } else {
        rows.join("\n")
    }
}

/// The flattened one-line text of a cell (or of a misplaced node).
fn cell_text(cell: &Value, ctx: Ctx<'_>) -> String {
    let cell_ctx = Ctx {
        in_cell: true,
        line_break: BREAK,
        ..ctx.deeper()
    };
    let parts = match kind(cell) {
        "tableCell" | "tableHeader" => blocks(children(cell), cell_ctx),
        _ => blocks(std::slice::from_ref(cell), cell_ctx),
    };
    join_blocks(parts, cell_ctx)
}

/// Renders one table row as `||h||h||` or `|c|c|` (mixed rows allowed).
pub(super) fn row(node: &Value, ctx: Ctx<'_>) -> String {
    let cells: Vec<&Value> = if kind(node) == "tableRow" {
        children(node).iter().collect()
    } else {
        vec![node]
    };
    if ctx.in_cell {
        return cells
            .iter()
            .map(|c| cell_text(c, ctx))
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    let mut line = String::new();
    let mut last = "|";
    for cell in cells {
        let sep = if kind(cell) == "tableHeader" {
            "||"
        } else {
            "|"
        };
        let text = cell_text(cell, ctx);
        line.push_str(sep);
        if text.trim().is_empty() {
            line.push(' ');
        } else {
            line.push_str(&text);
        }
        last = sep;
    }
    if !line.is_empty() {
        line.push_str(last);
    }
    line
}
