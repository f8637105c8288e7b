//! Search (the Search issue fills this in).
