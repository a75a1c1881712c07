//! `import`: proposals from a readout printed (`--dry-run`, nothing written) or added
//! (`--yes`, through `add deliverable`'s path), those the file has already skipped.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::{BIN, Run, Sandbox, bundled};
use councilor::document::Document;

const TEXT: &str = "Semiconductors:\nThe partners signed a Memorandum on chip design tools. They will set up a joint pilot line for advanced packaging, e.g. chiplets.\nThe EU and Japan signed a Memorandum of Cooperation on digital identities and trust services.\nBoth sides reaffirmed their shared vision.\n";

fn data(path: &std::path::Path) -> Document {
    Document::from_text(std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn dry_run_prints_the_proposals_and_writes_nothing() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let text = sb.file("readout.txt", TEXT);
    let run = sb.run(&[
        "import",
        path.to_str().unwrap(),
        "--council",
        "eu-jp-dpc-2",
        "--text",
        text.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "done\tsemiconductors\tMemorandum on chip design tools\tThe partners signed a Memorandum on chip design tools.\t\n\
         planned\tsemiconductors\tJoint pilot line for advanced packaging\tThey will set up a joint pilot line for advanced packaging, e.g. chiplets.\t\n\
         done\tsemiconductors,eid\tMemorandum of Cooperation on digital identities and trust services\tThe EU and Japan signed a Memorandum of Cooperation on digital identities and trust services.\teu-jp-dpc-2/eid-moc\n"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bundled());
}

#[test]
fn yes_adds_the_new_ones_with_their_sentence_and_skips_those_present() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let text = sb.file("readout.txt", TEXT);
    let args = [
        "import",
        path.to_str().unwrap(),
        "--council",
        "eu-jp-dpc-2",
        "--text",
        text.to_str().unwrap(),
        "--source-url",
        "https://example.org/readout",
        "--yes",
    ];
    let run = sb.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "skipped (already in the file as eu-jp-dpc-2/eid-moc): Memorandum of Cooperation on digital identities and trust services\n\
         added eu-jp-dpc-2/memorandum-on-chip-design-tools\n\
         added eu-jp-dpc-2/joint-pilot-line-for-advanced-packaging\n"
    );
    let doc = data(&path);
    let before = data_of_bundled();
    assert_eq!(
        doc.data().deliverables.len(),
        before.data().deliverables.len() + 2
    );
    let i = doc
        .data()
        .deliverable_index("eu-jp-dpc-2/joint-pilot-line-for-advanced-packaging")
        .unwrap();
    let d = &doc.data().deliverables[i];
    assert_eq!(d.status, "planned");
    assert_eq!(&*d.areas, ["semiconductors"]);
    assert_eq!(
        d.evidence().as_deref(),
        Some("They will set up a joint pilot line for advanced packaging, e.g. chiplets.")
    );
    assert_eq!(d.history().len(), 1);
    assert_eq!(d.history()[0].field.as_deref(), Some("created"));
    let raw = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        raw.matches("\"source_url\": \"https://example.org/readout\"")
            .count(),
        2
    );
    // Again: everything is in the file now.
    let again = sb.run(&args);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again
            .stdout
            .ends_with("nothing to add (3 proposals; nothing written)\n"),
        "{}",
        again.stdout
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), raw);
}

fn data_of_bundled() -> Document {
    Document::from_text(bundled()).unwrap()
}

#[test]
fn text_from_standard_input() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let mut child = Command::new(BIN)
        .args([
            "import",
            path.to_str().unwrap(),
            "--council",
            "eu-jp-dpc-2",
            "--text",
            "-",
            "--dry-run",
        ])
        .env("XDG_DATA_HOME", sb.dir.path().join("data"))
        .env("HOME", sb.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"They decided to launch a quantum call.\n")
        .unwrap();
    let run = Run::from(child.wait_with_output().unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "planned\tquantum\tQuantum call\tThey decided to launch a quantum call.\t\n"
    );
}

#[test]
fn bad_council_text_or_flags_are_refused() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let p = path.to_str().unwrap();
    let text = sb.file("readout.txt", TEXT);
    let t = text.to_str().unwrap();
    let run = sb.run(&["import", p, "--council", "nope", "--text", t, "--dry-run"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nope"), "{}", run.stderr);
    let missing = sb.dir.path().join("missing.txt");
    let run = sb.run(&[
        "import",
        p,
        "--council",
        "eu-jp-dpc-2",
        "--text",
        missing.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
    let binary = sb.file("bin.txt", [0xff_u8, 0xfe, 0x00]);
    let run = sb.run(&[
        "import",
        p,
        "--council",
        "eu-jp-dpc-2",
        "--text",
        binary.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not UTF-8"), "{}", run.stderr);
    let run = sb.run(&[
        "import",
        p,
        "--council",
        "eu-jp-dpc-2",
        "--text",
        t,
        "--dry-run",
        "--yes",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bundled());
}

/// On the article the bundled council comes from, each proposal is found as its own
/// deliverable: one sentence's two commitments as two deliverables, never another council's.
#[test]
fn each_proposal_of_the_article_is_its_own_deliverable_of_the_council() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let article =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/eu-japan-dpc-2024.txt");
    let run = sb.run(&[
        "import",
        path.to_str().unwrap(),
        "--council",
        "eu-jp-dpc-2",
        "--text",
        article.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut found: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.rsplit('\t').next().unwrap())
        .collect();
    found.sort();
    let doc = data(&path);
    let mut council: Vec<&str> = doc
        .data()
        .deliverables
        .iter()
        .filter(|d| d.council == "eu-jp-dpc-2")
        .map(|d| d.id.as_str())
        .collect();
    council.sort();
    assert_eq!(found, council);
}
