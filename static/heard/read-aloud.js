// Read-aloud (docs/decisions/0021). On pages that ask for it (an element marked
// data-read-aloud-scope and the button's words in <template id="read-aloud-label">), put a
// "Read aloud" button after every question and hint. Only where the browser can speak: without
// JavaScript or speech synthesis there is no button, and nothing is ever spoken until pressed.
const QUESTIONS_AND_HINTS =
  "h1, .govuk-fieldset__legend, .govuk-hint:not(.govuk-character-count__message), [data-read-aloud]";

const speakable = (element) =>
  // A heading inside a legend is read with its legend; a hint inside marked text, with it.
  !element.parentElement.closest(".govuk-fieldset__legend, [data-read-aloud]") &&
  element.textContent.trim() !== "";

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
  for (const scope of document.querySelectorAll("[data-read-aloud-scope]")) {
    for (const element of scope.querySelectorAll(QUESTIONS_AND_HINTS)) {
      if (speakable(element)) addButton(element, words, (number += 1));
    }
  }
}
