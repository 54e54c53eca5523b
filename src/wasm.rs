//! The JavaScript boundary (filled in with the page).
