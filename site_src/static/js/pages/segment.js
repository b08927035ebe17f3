// The quiz's optional group question (bank.yml segments:). A team link may preset
// it, e.g. quiz.html?segment=frontline; a choice already made in this tab wins.
import { readData } from "../ui/page.js";
import { loadSegment, saveSegment } from "../ui/state.js";

const { bank } = readData("quiz-data");
const fieldset = document.getElementById("segment");
const choose = (id) => {
  const input = fieldset.querySelector(`input[value="${CSS.escape(id)}"]`);
  if (input) input.checked = true;
  return Boolean(input);
};
const saved = loadSegment(bank);
const preset = new URLSearchParams(location.search).get("segment");
if (saved !== null) choose(saved);
else if (preset && choose(preset)) saveSegment(bank, preset);

fieldset.addEventListener("change", (event) => {
  event.stopPropagation(); // not a question: quiz.js's listener further up must not count it
  saveSegment(bank, event.target.value);
});
