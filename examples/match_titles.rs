//! Reads titles from stdin, one a line, and prints the ones that match QUERY, best first,
//! using councilor's search engine: the same input and output as `fzf --filter QUERY`, so
//! that `scripts/bench-vs-peers.sh` can time the two matchers side by side.
//!
//! `cargo run --release --example match_titles -- 'subm cab' < titles.txt`

use std::io::{BufWriter, Read, Write};
use std::process::ExitCode;

use councilor::document::Document;
use councilor::model::{Dataset, Deliverable, SharedStr};

/// The one call into the search engine (its module is being renamed: change it here only).
fn matches(data: &Dataset, query: &str) -> Vec<usize> {
    let filter = councilor::query::Filter {
        query: Some(query),
        ..Default::default()
    };
    councilor::query::select(data, &filter)
}

/// A dataset of bare deliverables, one per title: no council, areas or long text, so only
/// the titles can match (the ids are line numbers, which no letter matches). The rows are
/// copies of one deliverable read by the loader, so that this example does not depend on
/// the model's every field.
fn dataset_of(titles: &str) -> Dataset {
    const ONE: &str = r#"{"version": 1, "councils": [{"id": "c", "name": "c"}],
        "deliverables": [{"id": "0", "council": "c", "title": "t", "status": "planned"}]}"#;
    let mut data = Document::from_text(ONE.to_string())
        .expect("a valid dataset")
        .data()
        .clone();
    let mut template = data.deliverables.pop().expect("one deliverable");
    template.council = SharedStr::default();
    data.councils.clear();
    data.deliverables = titles
        .lines()
        .enumerate()
        .map(|(i, title)| Deliverable {
            id: i.to_string().into(),
            title: title.into(),
            ..template.clone()
        })
        .collect();
    data
}

fn main() -> ExitCode {
    let Some(query) = std::env::args().nth(1) else {
        eprintln!("usage: match_titles QUERY < titles.txt");
        return ExitCode::from(2);
    };
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("match_titles: cannot read stdin: {e}");
        return ExitCode::from(1);
    }
    let data = dataset_of(&input);
    let mut out = BufWriter::new(std::io::stdout().lock());
    for i in matches(&data, &query) {
        let title = &data.deliverables[i].title;
        if out
            .write_all(title.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .is_err()
        {
            break; // a closed pipe
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}
