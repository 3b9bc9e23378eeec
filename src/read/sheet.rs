//! Spreadsheets (`.xlsx`, `.xls`, `.ods`) read as CSV: one sheet (the first, or
//! one by name) turned into CSV text, row for row, that the CSV readers then
//! read as any export. Date cells become local wall times `YYYY-MM-DD
//! HH:MM:SS` (read in the mapping's zone, as a help desk's local times are);
//! line breaks inside a cell become spaces, so line N of the text is row N of
//! the sheet. The whole sheet is held in memory (spreadsheets are read whole).

use calamine::{open_workbook_auto, Data, Reader};

/// Whether a path names a spreadsheet (by its extension).
pub fn is_spreadsheet(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xlsm", "xls", "ods"].contains(&e.to_ascii_lowercase().as_str()))
}

/// A sheet as CSV text, and the sheet's name. `Err` is one line saying why.
pub fn sheet_as_csv(
    path: &std::path::Path,
    sheet: Option<&str>,
) -> Result<(Vec<u8>, String), String> {
    let mut book =
        open_workbook_auto(path).map_err(|e| format!("not a readable spreadsheet: {e}"))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(s.trim()))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "no sheet '{}' (sheets: {})",
                    crate::text::clip(s),
                    names.join(", ")
                )
            })?,
        None => names.first().cloned().ok_or("the workbook has no sheet")?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("sheet '{name}' cannot be read: {e}"))?;
    let mut out = Vec::new();
    // Rows above the first used one are blank lines, so lines keep the
    // sheet's row numbers.
    if let Some((row, _)) = range.start() {
        out.resize(row as usize, b'\n');
    }
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(&mut out);
    for row in range.rows() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        w.write_record(&cells).map_err(|e| e.to_string())?;
    }
    w.flush().map_err(|e| e.to_string())?;
    drop(w);
    Ok((out, name))
}

/// A cell as the text a CSV export would hold.
fn cell_text(c: &Data) -> String {
    let text = match c {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            // To the nearest second (Excel stores fractions of a day).
            Some(t) => {
                let t = t + chrono::Duration::milliseconds(500);
                t.format("%Y-%m-%d %H:%M:%S").to_string()
            }
            None => d.as_f64().to_string(),
        },
        Data::Error(e) => format!("#{e:?}"),
    };
    if text.contains(['\n', '\r']) {
        text.replace("\r\n", " ").replace(['\n', '\r'], " ")
    } else {
        text
    }
}
