// Progressive enhancement: without JavaScript the page has a Refresh link (or the browser's own
// refresh). With it, the page asks for the run's status every second, shows it, and reloads
// when the run has finished or failed.
const block = document.getElementById("progress-block");
if (block) {
  const bar = document.getElementById("run-progress");
  const status = document.getElementById("run-status");
  const poll = async () => {
    try {
      const reply = await fetch(block.dataset.runUrl, { headers: { Accept: "application/json" } });
      const run = await reply.json();
      if (bar) bar.value = run.progress;
      if (status) status.textContent = `${run.progress}% – ${run.message || "Waiting to start"}`;
      if (run.status === "done" || run.status === "failed") {
        window.location.reload();
        return;
      }
    } catch {
      // A dropped connection is no reason to stop: try again on the next tick.
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
}
