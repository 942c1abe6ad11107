// Progressive enhancement for the receipt code: without JavaScript the code is written down,
// photographed or printed from the browser's menu; with it, two buttons copy and print.
for (const group of document.querySelectorAll('[data-module="heard-keep-code"]')) {
  const status = group.parentElement.querySelector("[data-copy-status]");
  const copy = group.querySelector("[data-copy-from]");
  const source = copy && document.getElementById(copy.dataset.copyFrom);
  if (copy && source && navigator.clipboard) {
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.textContent.trim());
        status.textContent = "Code copied. Paste it somewhere safe.";
      } catch {
        status.textContent = "Your browser did not let us copy it. Write it down instead.";
      }
    });
  } else if (copy) {
    copy.remove();
  }
  const print = group.querySelector("[data-print]");
  if (print) {
    print.addEventListener("click", () => window.print());
  }
  group.hidden = false;
}
