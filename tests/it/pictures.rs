//! The README's pictures are the app's own screens: re-rendered here, they must match the
//! committed files (`cargo run --example screens` writes them anew after a change).

#[test]
fn the_readme_pictures_are_what_the_app_draws_now() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screens");
    let screens = councilor::picture::readme_screens();
    assert_eq!(screens.len(), 3);
    for (name, svg) in screens {
        assert!(svg.len() > 1000, "{name} drew nothing");
        let path = dir.join(format!("{name}.svg"));
        let committed =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            committed == svg,
            "{} is stale: run `cargo run --example screens` and review the pictures",
            path.display()
        );
    }
}

#[test]
fn the_readme_text_screen_is_what_the_app_draws_now() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let screen = councilor::picture::readme_text_screen();
    assert!(screen.contains("/ai safety"), "{screen}");
    assert!(
        readme.contains(&format!("```text\n{screen}```")),
        "the README's text screen is stale: paste the text `cargo run --example screens` prints"
    );
}
