// Progressive enhancement: without JavaScript the page has a Refresh link.
const block = document.getElementById("progress-block");
if (block) {
  const bar = document.getElementById("run-progress");
  const status = document.getElementById("run-status");
  const poll = async () => {
    const reply = await fetch(block.dataset.runUrl, { headers: { Accept: "application/json" } });
    const run = await reply.json();
    bar.value = run.progress;
    status.textContent = `${run.progress}% – ${run.message}`;
    if (run.status === "done" || run.status === "failed") {
      window.location.reload();
    } else {
      setTimeout(poll, 1000);
    }
  };
  setTimeout(poll, 1000);
}
