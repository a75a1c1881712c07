//! What a repository or another user may plant beside the dataset: a symbolic link or a hard
//! link where the save lock goes. Every writer refuses it, names it, and leaves the dataset and
//! whatever the link points to byte for byte as they were.
#![cfg(unix)]

use std::path::{Path, PathBuf};

use crate::common::{self, Sandbox, pty::Tui};
use councilor::store::lock_path;

const VICTIM: &str = "a file the link points at\n";

/// A planted lock: a symbolic link to `to`, or a second name of it.
#[derive(Debug, Clone, Copy)]
enum Plant {
    SymlinkToDataset,
    SymlinkToVictim,
    HardLinkToDataset,
    HardLinkToVictim,
}

const PLANTS: [Plant; 4] = [
    Plant::SymlinkToDataset,
    Plant::SymlinkToVictim,
    Plant::HardLinkToDataset,
    Plant::HardLinkToVictim,
];

struct Planted {
    sb: Sandbox,
    dataset: PathBuf,
    victim: PathBuf,
    text: String,
}

impl Planted {
    fn new(plant: Plant) -> Planted {
        let sb = Sandbox::new();
        let text = common::bundled();
        let dataset = sb.file("k.json", &text);
        let victim = sb.file("victim.txt", VICTIM);
        let lock = lock_path(&dataset);
        match plant {
            Plant::SymlinkToDataset => std::os::unix::fs::symlink("k.json", &lock),
            Plant::SymlinkToVictim => std::os::unix::fs::symlink(&victim, &lock),
            Plant::HardLinkToDataset => std::fs::hard_link(&dataset, &lock),
            Plant::HardLinkToVictim => std::fs::hard_link(&victim, &lock),
        }
        .unwrap();
        Planted {
            sb,
            dataset,
            victim,
            text,
        }
    }

    fn path(&self) -> &str {
        self.dataset.to_str().unwrap()
    }

    /// The dataset, the victim and the planted link are as they were.
    fn untouched(&self, plant: Plant) {
        assert_eq!(
            std::fs::read_to_string(&self.dataset).unwrap(),
            self.text,
            "{plant:?}: the dataset"
        );
        assert_eq!(
            std::fs::read_to_string(&self.victim).unwrap(),
            VICTIM,
            "{plant:?}: the victim"
        );
        let lock = std::fs::symlink_metadata(lock_path(&self.dataset)).unwrap();
        match plant {
            Plant::SymlinkToDataset | Plant::SymlinkToVictim => {
                assert!(lock.file_type().is_symlink(), "{plant:?}: the link stays")
            }
            Plant::HardLinkToDataset | Plant::HardLinkToVictim => {
                use std::os::unix::fs::MetadataExt;
                assert_eq!(lock.nlink(), 2, "{plant:?}: the link stays");
            }
        }
    }
}

fn says_the_lock_is_refused(stderr: &str, plant: Plant, lock: &Path) {
    let what = match plant {
        Plant::SymlinkToDataset | Plant::SymlinkToVictim => "a symbolic link",
        Plant::HardLinkToDataset | Plant::HardLinkToVictim => "a hard link",
    };
    assert!(
        stderr.contains(what) && stderr.contains(&councilor::store::shown(lock)),
        "{plant:?}: {stderr}"
    );
    assert!(stderr.contains("not saved"), "{plant:?}: {stderr}");
}

#[test]
fn set_and_edit_refuse_a_link_at_the_lock_and_touch_nothing() {
    for plant in PLANTS {
        let p = Planted::new(plant);
        let lock = lock_path(&p.dataset);
        for args in [
            vec![
                "set",
                p.path(),
                "eu-jp-dpc-2/eid-moc",
                "--status",
                "blocked",
            ],
            vec![
                "edit",
                p.path(),
                "eu-jp-dpc-2/eid-moc",
                "--owner",
                "Someone",
            ],
            vec!["add", "area", "--name", "A planted area", p.path()],
        ] {
            let run = p.sb.run(&args);
            assert_eq!(run.code, 1, "{plant:?} {args:?}: {}", run.stdout);
            says_the_lock_is_refused(&run.stderr, plant, &lock);
            p.untouched(plant);
        }
    }
}

#[test]
fn the_app_refuses_a_link_at_the_lock_keeps_the_edit_and_touches_nothing() {
    for plant in [Plant::SymlinkToDataset, Plant::HardLinkToVictim] {
        let p = Planted::new(plant);
        let mut tui = Tui::start(&[p.path()], &p.sb, 30, 120);
        tui.wait_for("Councils (13)");
        tui.keys("\t\ts");
        tui.wait_for("NOT SAVED");
        tui.wait_for("not saved: the lock beside it");
        p.untouched(plant);
        // Leaving lists the edit that is not on disk.
        tui.keys("\x03");
        assert_eq!(tui.exit_code(), 1, "{plant:?}");
        assert!(
            tui.screen().contains("eu-jp-dpc-2/eid-moc: status:"),
            "{plant:?}: {}",
            tui.screen()
        );
        p.untouched(plant);
    }
}

#[test]
fn the_app_says_as_it_opens_that_saving_breaks_a_hard_link() {
    let sb = Sandbox::new();
    let dataset = sb.file("k.json", common::bundled());
    let other = sb.dir.path().join("other-name.json");
    std::fs::hard_link(&dataset, &other).unwrap();
    let mut tui = Tui::start(&[dataset.to_str().unwrap()], &sb, 30, 200);
    tui.wait_for("other hard link");
    tui.keys("\t\ts");
    tui.wait_for("eu-jp-dpc-2/eid-moc: done -> blocked");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        common::bundled(),
        "the other name keeps the old text"
    );
    assert_ne!(
        std::fs::read_to_string(&dataset).unwrap(),
        common::bundled()
    );
}
