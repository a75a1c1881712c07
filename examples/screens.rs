//! Writes the README's pictures (docs/screens/*.svg) from the app's own screen buffer:
//! `cargo run --example screens`. A test fails when a committed picture is stale.

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screens");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        std::process::exit(1);
    }
    for (name, svg) in councilor::picture::readme_screens() {
        let path = dir.join(format!("{name}.svg"));
        if let Err(e) = std::fs::write(&path, svg) {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
        println!("wrote {}", path.display());
    }
    // The text screen the README shows to readers without pictures.
    print!("{}", councilor::picture::readme_text_screen());
}
