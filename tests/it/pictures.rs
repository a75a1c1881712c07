//! The README shows the app as it is: its pictures are the app's own screens, re-rendered
//! here, which must match the committed files (`cargo run --example screens` writes them anew
//! after a change), and its key tables are what `councilor keys` prints.

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

// The README shows the keys as on Unix, where Ctrl-z suspends.
#[test]
#[cfg(unix)]
fn the_readme_keys_are_what_councilor_keys_prints() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let (start, end) = (
        "<!-- councilor keys -->\n",
        "<!-- end of councilor keys -->",
    );
    let from = readme.find(start).expect("the README marks its keys") + start.len();
    let to = from + readme[from..].find(end).expect("the end of the keys");
    // A sandbox: no config file of the user's changes the keys.
    let run = crate::common::Sandbox::new().run(&["keys"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("**In the panes**"), "{}", run.stdout);
    assert!(
        readme[from..to] == run.stdout,
        "the README's keys are stale: paste what `councilor keys` prints between its markers"
    );
}

// XDG_CONFIG_HOME points into the sandbox; Windows asks the system.
#[test]
#[cfg(unix)]
fn councilor_keys_follows_the_config_and_writes_one_to_start_from() {
    let sb = crate::common::Sandbox::new();
    let toml = sb.run(&["keys", "--format", "toml"]);
    assert_eq!(toml.code, 0, "{}", toml.stderr);
    assert!(toml.stdout.contains("\nundo = \"u\"\n"), "{}", toml.stdout);
    let config = sb.dir.path().join("config/councilor/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        toml.stdout
            .replace("\nundo = \"u\"\n", "\nundo = [\"u\", \"ctrl-z\"]\n"),
    )
    .unwrap();
    let keys = sb.run(&["keys"]);
    assert_eq!(keys.code, 0, "{}", keys.stderr);
    assert!(
        keys.stdout
            .contains("| `u` `Ctrl-z` | undo the last edit | `undo` |"),
        "{}",
        keys.stdout
    );
    // Ctrl-z was suspend's: the table no longer lists it there.
    assert!(
        !keys.stdout.contains("| `Ctrl-z` | suspend"),
        "{}",
        keys.stdout
    );
}
