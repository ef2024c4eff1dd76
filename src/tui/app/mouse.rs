//! Mouse clicks: which row, cell or actor is under the pointer, from the
//! same layout functions that drawing uses.

use ratatui::layout::{Position, Rect};

use super::{App, Side, View};
use crate::tui::layout;

impl App {
    pub(super) fn click(&mut self, column: u16, row: u16) {
        let at = Position::new(column, row);
        let screen = self.screen();
        match self.view {
            View::Compare => {
                let panes = layout::compare_panes(screen.body);
                for (rect, side) in [
                    (panes.issues, None),
                    (panes.left, Some(Side::Left)),
                    (panes.gutter, None),
                    (panes.right, Some(Side::Right)),
                ] {
                    let inner = layout::inner(rect);
                    if inner.contains(at)
                        || (side.is_none() && rect.contains(at) && inner.height > 0)
                    {
                        if let Some(side) = side {
                            self.focus = side;
                        }
                        let i = self.list.offset + usize::from(row.saturating_sub(inner.y));
                        if i < self.rows.len() && row >= inner.y {
                            self.list.selected = i;
                            let issue = self.comparison.rows[self.rows[i]].issue;
                            self.set_issue(issue);
                        }
                        return;
                    }
                }
            }
            View::Matrix => {
                let grid = layout::matrix_grid(screen.body, self.model.issues.len());
                if grid.cells.contains(at) || grid.names.contains(at) {
                    let r = self.matrix_row.offset + usize::from(row - grid.cells.y);
                    if r < self.model.actors.len() {
                        self.matrix_row.selected = r;
                    }
                }
                if grid.cells.contains(at) || grid.header.contains(at) {
                    let c =
                        self.matrix_col.offset + usize::from((column - grid.cells.x) / grid.cell_w);
                    if c < self.model.issues.len() {
                        self.set_issue(c);
                    }
                }
            }
            View::Issue if self.model.issues[self.issue].is_numeric() => {
                let rows = layout::number_line(screen.body);
                let band = Rect {
                    x: rows.names.x,
                    width: rows.names.width + rows.track.width + rows.values.width,
                    ..rows.track
                };
                if band.contains(at) {
                    let height = usize::from(rows.track.height);
                    let offset = (self.spectrum_selected + 1).saturating_sub(height);
                    let k = offset + usize::from(row - band.y);
                    if k < self.spectrum.len() {
                        self.spectrum_selected = k;
                    }
                }
            }
            // Handled with the view's other input, in `analysis.rs`; the
            // Timeline is keys only.
            View::Analysis | View::Timeline => {}
            View::Issue => {
                let (cols, _) = layout::spectrum_columns(screen.body);
                for (group, rect) in cols.iter().enumerate() {
                    // Below the column's heading.
                    let head = layout::spectrum_head_rows(rect.width);
                    if rect.contains(at) && row >= rect.y + head {
                        let start = self.spectrum_bounds[group];
                        let len = self.spectrum_group(group).len();
                        let offset = self
                            .spectrum_offset(group, usize::from(rect.height.saturating_sub(head)));
                        let k = offset + usize::from(row - rect.y - head);
                        if k < len {
                            self.spectrum_selected = start + k;
                        }
                    }
                }
            }
        }
    }
}
