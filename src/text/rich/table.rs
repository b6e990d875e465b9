//! Table layout: column widths that fit the width (the widest columns shrink first), cell
//! text wrapped inside its cell, box-drawing borders. Too narrow for the columns (or nested
//! too deep), a table is stacked: each cell's content one after the other, rows separated by
//! a rule.

use ratatui::style::Style;

use super::layout::Ctx;
use super::model::Table;
use super::numbering::MAX_TABLE_ROWS;
use super::row::Row;
use crate::text::format::thousands;

/// The narrowest a column is made when shrinking.
const MIN_COL: usize = 3;
/// Tables inside tables drawn with borders; deeper ones are stacked (bounds the cost of
/// measuring cells, which lays each out twice).
const MAX_TABLE_NESTING: usize = 3;

/// Lays out `table` in `width` columns: its first [`MAX_TABLE_ROWS`] rows (fewer when the
/// view's line budget runs out), then a line counting the rest.
pub(super) fn table(ctx: &mut Ctx<'_>, table: &Table, width: usize, depth: usize) -> Vec<Row> {
    let shown = &table.rows[..table.rows.len().min(MAX_TABLE_ROWS)];
    let ncols = shown.iter().map(Vec::len).max().unwrap_or(0);
    if ncols == 0 {
        return Vec::new();
    }
    let frame = 3 * ncols + 1;
    if width < frame + ncols * MIN_COL || ctx.table_depth >= MAX_TABLE_NESTING {
        return stacked(ctx, table, width, depth);
    }
    let avail = width - frame;
    ctx.table_depth += 1;
    let header = ctx.theme.table_header;
    // Cells are laid out twice; the budget is charged once, for the rows drawn.
    let budget = ctx.budget;
    // First pass: every cell at the full available width, to measure what it wants.
    let mut laid: Vec<Vec<(Vec<Row>, usize)>> = Vec::with_capacity(shown.len());
    let mut natural = vec![0usize; ncols];
    for cells in shown {
        if ctx.budget.is_spent() {
            break;
        }
        let mut row = Vec::with_capacity(cells.len());
        for (c, cell) in cells.iter().enumerate() {
            let rows = ctx.blocks(&cell.blocks, avail, true, depth);
            let w = rows.iter().map(|r| r.width).max().unwrap_or(0);
            natural[c] = natural[c].max(w);
            row.push((rows, w));
        }
        laid.push(row);
    }
    let widths = fit_widths(natural, avail);
    let hidden = table.rows.len() - laid.len() + table.hidden_rows;
    ctx.budget = budget;
    // Second pass only for cells wider than their column.
    for (cells, laid_row) in shown.iter().zip(&mut laid) {
        for (c, (cell, (rows, w))) in cells.iter().zip(laid_row.iter_mut()).enumerate() {
            if *w > widths[c] {
                *rows = ctx.blocks(&cell.blocks, widths[c], true, depth);
            }
            if cell.header {
                rows.iter_mut().for_each(|r| r.restyle(header));
            }
        }
    }
    ctx.table_depth -= 1;
    ctx.budget = budget;
    let mut out = draw(laid, &widths, ctx.theme.muted);
    out.truncate(ctx.budget.take(out.len()));
    hidden_rows(ctx, &mut out, hidden, width);
    out
}

/// The line that says how many rows of a table are not shown.
fn hidden_rows(ctx: &mut Ctx<'_>, out: &mut Vec<Row>, hidden: usize, width: usize) {
    if hidden > 0 {
        let text = format!(
            "{} more row{} not shown",
            thousands(hidden as u64),
            if hidden == 1 { "" } else { "s" }
        );
        out.push(ctx.note(&text, width));
    }
}

/// Shrinks the widest column by one until the total fits `avail`.
fn fit_widths(mut widths: Vec<usize>, avail: usize) -> Vec<usize> {
    for w in &mut widths {
        *w = (*w).max(1);
    }
    let mut total: usize = widths.iter().sum();
    while total > avail {
        let Some((i, &max)) = widths
            .iter()
            .enumerate()
            .max_by_key(|&(i, w)| (*w, usize::MAX - i))
        else {
            break;
        };
        if max <= MIN_COL {
            break;
        }
        widths[i] -= 1;
        total -= 1;
    }
    widths
}

fn border(widths: &[usize], left: &str, mid: &str, right: &str, style: Style) -> Row {
    let mut s = String::from(left);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            s.push_str(mid);
        }
        s.push_str(&"─".repeat(w + 2));
    }
    s.push_str(right);
    Row::text(&s, style)
}

fn draw(laid: Vec<Vec<(Vec<Row>, usize)>>, widths: &[usize], style: Style) -> Vec<Row> {
    let mut out = vec![border(widths, "┌", "┬", "┐", style)];
    for (r, mut cells) in laid.into_iter().enumerate() {
        if r > 0 {
            out.push(border(widths, "├", "┼", "┤", style));
        }
        let height = cells
            .iter()
            .map(|(rows, _)| rows.len())
            .max()
            .unwrap_or(0)
            .max(1);
        for k in 0..height {
            let mut line = Row::default();
            for (c, w) in widths.iter().enumerate() {
                line.push("│ ", 2, style, None);
                let mut cell_row = cells
                    .get_mut(c)
                    .and_then(|(rows, _)| rows.get_mut(k))
                    .map(std::mem::take)
                    .unwrap_or_default();
                cell_row.pad_to(*w);
                line.append(cell_row);
                line.push(" ", 1, Style::new(), None);
            }
            line.push("│", 1, style, None);
            out.push(line);
        }
    }
    out.push(border(widths, "└", "┴", "┘", style));
    out
}

/// The table as a sequence: each cell's blocks, rows separated by a rule.
fn stacked(ctx: &mut Ctx<'_>, table: &Table, width: usize, depth: usize) -> Vec<Row> {
    let mut out = Vec::new();
    let mut hidden = table.rows.len() + table.hidden_rows;
    for (r, cells) in table.rows.iter().take(MAX_TABLE_ROWS).enumerate() {
        if ctx.budget.is_spent() {
            break;
        }
        hidden -= 1;
        if r > 0 {
            out.push(Row::text(&"─".repeat(width), ctx.theme.muted));
        }
        for cell in cells {
            let mut rows = ctx.blocks(&cell.blocks, width, true, depth);
            if cell.header {
                rows.iter_mut()
                    .for_each(|row| row.restyle(ctx.theme.table_header));
            }
            out.extend(rows);
        }
    }
    hidden_rows(ctx, &mut out, hidden, width);
    out
}
