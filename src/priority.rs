//! Threads that work in the background (a save, a search's scoring) run at a lower priority
//! than the one that reads keys and draws: with every core busy, a key and its frame still
//! come first, and so does the terminal that shows the frame.

/// Lowers the calling thread's priority (Linux, where each thread has its own).
#[cfg(target_os = "linux")]
pub fn yield_to_keys() {
    // SAFETY: setpriority reads nothing of ours; `0` names the calling thread on Linux. A
    // failure leaves the priority as it was, which is only slower.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(not(target_os = "linux"))]
pub fn yield_to_keys() {}

/// Makes the shared worker threads (a search's scoring, the parse of a large file) yield to
/// keys. Once per process, before they are first used; later it does nothing.
pub fn background_workers() {
    let _ = rayon::ThreadPoolBuilder::new()
        .start_handler(|_| yield_to_keys())
        .build_global();
}
