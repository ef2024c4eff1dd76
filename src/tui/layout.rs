//! Where each region of the screen goes. Both drawing and input (page sizes,
//! mouse clicks) use these functions, so they always agree.

use ratatui::layout::{Constraint, Layout, Rect};

use super::keymap::{self, Mode};

/// Below this, the screen says "terminal too small".
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// Columns per matrix cell.
/// Columns of the compare view's verdict gutter.
pub const GUTTER_WIDTH: u16 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub header: Rect,
    pub body: Rect,
    pub detail: Rect,
    pub footer: Rect,
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The detail panel's least height where the body takes all it needs.
const MIN_DETAIL: u16 = 7;

/// The screen's regions. The body takes what `body_rows` (the rows the view
/// has to show) need where that leaves the detail panel [`MIN_DETAIL`] rows,
/// else 60% of the middle (or less when it needs less): the detail panel
/// gets the rest, rather than the view keeping empty rows.
pub fn screen(area: Rect, body_rows: usize) -> Screen {
    let [header, rest, footer] = area.layout(&Layout::vertical([
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Length(footer_rows(area.width)),
    ]));
    let share = rest.height.saturating_mul(60) / 100;
    let needed = u16::try_from(body_rows.saturating_add(2))
        .unwrap_or(u16::MAX)
        .max(6);
    let body_h = if needed.saturating_add(MIN_DETAIL) <= rest.height {
        needed
    } else {
        share.min(needed)
    };
    let [body, detail] = rest.layout(&Layout::vertical([
        Constraint::Length(body_h),
        Constraint::Fill(1),
    ]));
    Screen {
        header,
        body,
        detail,
        footer,
    }
}

/// Room kept in a one-row footer for a status message beside the hints.
const STATUS_ROOM: usize = 40;

/// The footer's rows at `width`: one where every view's key hints fit with
/// [`STATUS_ROOM`] to spare, else two, so no hint is dropped at 80 or 120
/// columns. By width alone, so input and drawing agree whatever the mode.
pub fn footer_rows(width: u16) -> u16 {
    // Measured once: the key table is fixed, and input asks on every key.
    static WIDEST: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let widest = *WIDEST.get_or_init(|| {
        [Mode::Compare, Mode::Matrix, Mode::Issue, Mode::Analysis]
            .into_iter()
            .map(|mode| keymap::hints(mode).map(|h| hint_width(&h)).sum::<usize>())
            .max()
            .unwrap_or(0)
    });
    if widest + STATUS_ROOM <= usize::from(width) {
        1
    } else {
        2
    }
}

/// The columns a footer hint takes as drawn: `keys hint` and two spaces.
pub fn hint_width(h: &keymap::Hint) -> usize {
    crate::text::width(&h.keys) + 1 + crate::text::width(h.hint) + 2
}

/// The inside of a bordered block.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub issues: Rect,
    pub left: Rect,
    pub gutter: Rect,
    pub right: Rect,
}

pub fn compare_panes(body: Rect) -> Panes {
    let issues_w = (body.width / 5).clamp(19, 30);
    let [issues, left, gutter, right] = body.layout(&Layout::horizontal([
        Constraint::Length(issues_w),
        Constraint::Fill(1),
        Constraint::Length(GUTTER_WIDTH),
        Constraint::Fill(1),
    ]));
    Panes {
        issues,
        left,
        gutter: inner(Rect {
            x: gutter.x.saturating_sub(1),
            width: gutter.width + 2,
            ..gutter
        }),
        right,
    }
}

/// Rows of the compare table on screen.
pub fn compare_rows(body: Rect) -> usize {
    usize::from(inner(body).height)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatrixGrid {
    /// The actor-name column, below the header row.
    pub names: Rect,
    /// The header row of issue labels, right of the names.
    pub header: Rect,
    /// The cells.
    pub cells: Rect,
    pub rows: usize,
    pub cols: usize,
    /// The width of one column: wider when there is room, so headers say
    /// more.
    pub cell_w: u16,
}

/// A matrix column is at least this wide (seven letters, as many as most
/// words of a label have, and a gap) and at most this wide (header lines
/// of 13).
pub const CELL_MIN: u16 = 8;
pub const CELL_MAX: u16 = 14;
/// The header's rows: an issue's label wrapped on three lines, where the
/// body has room for them beside at least [`HEADER_ROOM`] rows …
pub const HEADER_ROWS: u16 = 3;
/// … of actors; else on two.
const HEADER_ROOM: u16 = 2;

/// The Matrix of `issues` columns in `body`: columns share the width there
/// is, between [`CELL_MIN`] and [`CELL_MAX`] each.
pub fn matrix_grid(body: Rect, issues: usize) -> MatrixGrid {
    let i = inner(body);
    let names_w = (i.width / 4).clamp(10, 24).min(i.width);
    let cells_w = i.width.saturating_sub(names_w);
    let header_h = if i.height >= HEADER_ROWS + HEADER_ROOM {
        HEADER_ROWS
    } else {
        i.height.min(HEADER_ROWS - 1)
    };
    let rows_h = i.height.saturating_sub(header_h);
    let fair = cells_w / u16::try_from(issues.max(1)).unwrap_or(u16::MAX);
    let cell_w = fair.clamp(CELL_MIN, CELL_MAX);
    MatrixGrid {
        names: Rect::new(i.x, i.y.saturating_add(header_h), names_w, rows_h),
        header: Rect::new(i.x.saturating_add(names_w), i.y, cells_w, header_h),
        cells: Rect::new(
            i.x.saturating_add(names_w),
            i.y.saturating_add(header_h),
            cells_w,
            rows_h,
        ),
        rows: usize::from(rows_h),
        cols: usize::from(cells_w / cell_w),
        cell_w,
    }
}

/// The spectrum's six columns (rejects … demands, unknown), each with a
/// heading ([`spectrum_head_rows`]); and how many actors fit in a column.
pub fn spectrum_columns(body: Rect) -> ([Rect; 6], usize) {
    let i = inner(body);
    // The last row is the forecasts' legend.
    let i = Rect {
        height: i.height.saturating_sub(1),
        ..i
    };
    let cols = i.layout(&Layout::horizontal([Constraint::Fill(1); 6]));
    let head = spectrum_head_rows(cols[0].width);
    (cols, usize::from(i.height.saturating_sub(head)))
}

/// A spectrum column's heading is one row (`- opposes · 1 actor ◆▲`) where
/// the column is this wide, else two: the stance, then the count and marks.
pub const SPECTRUM_ONE_ROW: u16 = 26;

pub fn spectrum_head_rows(column_width: u16) -> u16 {
    if column_width >= SPECTRUM_ONE_ROW {
        1
    } else {
        2
    }
}

/// A numeric issue's Issue view: the scale drawn as an axis with its marks
/// (`axis`: markers, line, numbers, labels), the legend, then one row per
/// actor: name, its place on the axis (`track`), its value.
pub struct NumberLine {
    pub axis: Rect,
    pub legend: Rect,
    pub names: Rect,
    pub track: Rect,
    pub values: Rect,
}

/// Rows above the actors: markers, axis, numbers, labels.
pub const AXIS_ROWS: u16 = 4;

pub fn number_line(body: Rect) -> NumberLine {
    let i = inner(body);
    let [axis_band, legend, rows] = i.layout(&Layout::vertical([
        Constraint::Length(AXIS_ROWS),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let names_w = (i.width / 4).clamp(8, 28);
    let values_w = 12.min(i.width / 6);
    let [names, track, values] = rows.layout(&Layout::horizontal([
        Constraint::Length(names_w),
        Constraint::Fill(1),
        Constraint::Length(values_w),
    ]));
    // The axis spans the same columns as the actors' track.
    let axis = Rect {
        x: track.x,
        width: track.width,
        ..axis_band
    };
    NumberLine {
        axis,
        legend,
        names,
        track,
        values,
    }
}

/// The Analysis view's two lists: cruxes and trades | who stands closest.
/// Halves below 100 columns, so the ranking keeps its counts.
pub fn analysis_panes(body: Rect) -> [Rect; 2] {
    let points = if body.width < 100 { 50 } else { 55 };
    body.layout(&Layout::horizontal([
        Constraint::Percentage(points),
        Constraint::Percentage(100 - points),
    ]))
}

/// A centred box of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The picker popup, and the rows of matches inside it.
pub fn picker(area: Rect) -> (Rect, usize) {
    let r = centered(
        area,
        (area.width * 3 / 4).max(40),
        (area.height * 3 / 4).max(10),
    );
    // Border (2), query line, separator.
    (r, usize::from(r.height.saturating_sub(4)))
}

/// The help overlay on a screen of `area`: its box, how its sections split
/// into columns, and how far it scrolls. Measured from the key table's text
/// (as [`help_sections`] lays it out), so drawing the help and scrolling it
/// agree without the state asking the drawing code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpBox {
    pub rect: Rect,
    /// With two columns side by side: how many sections the left one takes.
    pub split: Option<usize>,
    /// The furthest it scrolls: the longest column's last line at the bottom.
    pub max_scroll: u16,
}

/// One column, or two where one column does not fit the height and two fit
/// side by side without cutting a line (split between sections where the
/// columns balance best). The box is as wide as the columns need.
pub fn help(area: Rect) -> HelpBox {
    let sizes: Vec<(usize, usize)> = help_sections()
        .iter()
        .map(|lines| {
            (
                lines.len(),
                lines.iter().map(|l| l.width()).max().unwrap_or(0),
            )
        })
        .collect();
    let widest = sizes.iter().map(|&(_, w)| w).max().unwrap_or(0);
    let total: usize = sizes.iter().map(|&(n, _)| n).sum();
    let one = u16::try_from(widest + 2).unwrap_or(u16::MAX);
    let two = u16::try_from(2 * widest + 3).unwrap_or(u16::MAX);
    let tall = total > usize::from(area.height.saturating_sub(2));
    let side_by_side = tall && area.width >= two;
    let rect = centered(area, if side_by_side { two } else { one }, area.height);
    let (split, longest) = if side_by_side {
        let mut best = (usize::MAX, 0);
        let mut acc = 0;
        for (k, &(n, _)) in sizes.iter().enumerate() {
            acc += n;
            let worst = acc.max(total - acc);
            if worst < best.0 {
                best = (worst, k + 1);
            }
        }
        (Some(best.1), best.0)
    } else {
        (None, total)
    };
    let max_scroll =
        u16::try_from(longest.saturating_sub(usize::from(inner(rect).height))).unwrap_or(u16::MAX);
    HelpBox {
        rect,
        split,
        max_scroll,
    }
}

/// One line of the help as text: drawing styles it, [`help`] measures it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Title(&'static str),
    /// The keys, padded to the section's widest, and what they do; drawn
    /// as ` keys  help`.
    Entry(String, &'static str),
    Note(&'static str),
}

impl HelpLine {
    /// Columns on screen, as drawn.
    pub fn width(&self) -> usize {
        match self {
            HelpLine::Title(t) | HelpLine::Note(t) => crate::text::width(t),
            HelpLine::Entry(keys, help) => crate::text::width(keys) + 2 + crate::text::width(help),
        }
    }
}

/// The help's sections, straight from the key table, the marks and mouse
/// notes last.
pub fn help_sections() -> Vec<Vec<HelpLine>> {
    let mut sections: Vec<Vec<HelpLine>> = super::keymap::help_sections()
        .into_iter()
        .map(|(title, entries)| {
            // The keys column is as wide as the section's widest label.
            let keys_w = entries
                .iter()
                .map(|(k, _)| crate::text::width(k))
                .max()
                .unwrap_or(0);
            let mut lines = vec![HelpLine::Title(title)];
            lines.extend(
                entries
                    .into_iter()
                    .map(|(keys, help)| HelpLine::Entry(crate::text::pad(&keys, keys_w), help)),
            );
            lines
        })
        .collect();
    sections.push(vec![
        HelpLine::Note("Marks: ʳ reported, ⁱ inferred, ! red line"),
        HelpLine::Note("Mouse: wheel scrolls, click selects"),
    ]);
    sections
}
