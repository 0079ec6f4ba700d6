//! One component per file.

pub mod annotation_bar;
pub mod dictionary_panel;
pub mod doc_list;
pub mod empty_state;
pub mod event_popover;
pub mod events_table;
pub mod header;
pub mod import_report;
pub mod legend;
pub mod paragraph;
pub mod paste_box;
pub mod problem_list;
pub mod reader;
pub mod sidebar;
pub mod workspace_panel;
