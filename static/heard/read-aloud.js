// Read-aloud (docs/decisions/0021). Every participant page carries the button's words in
// <template id="read-aloud-label"> and marks <main> as data-read-aloud-scope (templates/base.html);
// staff pages leave the label out. Put a "Read aloud" button after every heading, question and
// hint in scope. Only where the browser can speak: without JavaScript or speech synthesis there is
// no button, and nothing is ever spoken until pressed.
const QUESTIONS_AND_HINTS = [
  "h1",
  ".govuk-fieldset__legend",
  // A question asked by a label (a free-text box), which GOV.UK wraps in a heading.
  ".govuk-label-wrapper",
  ".govuk-hint:not(.govuk-character-count__message)",
  "[data-read-aloud]",
];
// Scopes may sit inside one another (a page marked its own before <main> was): asked of the whole
// document at once, each element comes back once, so it gets one button.
const IN_SCOPE = QUESTIONS_AND_HINTS.map((s) => `[data-read-aloud-scope] ${s}`).join(", ");
const ANY_READ = QUESTIONS_AND_HINTS.join(", ");

const speakable = (element) =>
  // Text inside text that is read already (a heading in a legend, a hint in marked text) is read
  // with it, by its button.
  !element.parentElement.closest(ANY_READ) && element.textContent.trim() !== "";

const speak = (text) => {
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = document.documentElement.lang || "en-GB";
  window.speechSynthesis.speak(utterance);
};

const addButton = (element, label, number) => {
  if (!element.id) element.id = `read-aloud-text-${number}`;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govuk-button--secondary heard-read-aloud";
  button.textContent = label;
  // The button names what it reads, for people who move from button to button.
  button.setAttribute("aria-describedby", element.id);
  button.addEventListener("click", () => speak(element.textContent.trim()));
  element.insertAdjacentElement("afterend", button);
};

const label = document.getElementById("read-aloud-label");
if (label && window.speechSynthesis && "SpeechSynthesisUtterance" in window) {
  const words = label.content.textContent.trim();
  let number = 0;
  for (const element of document.querySelectorAll(IN_SCOPE)) {
    if (speakable(element)) addButton(element, words, (number += 1));
  }
}
