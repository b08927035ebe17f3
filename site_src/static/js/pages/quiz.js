// The questionnaire: one dimension per step, answers saved to the tab as they change.
import { $, fill, readData } from "../ui/page.js";
import { loadState, saveState } from "../ui/state.js";

const data = readData("quiz-data");
const quiz = $("quiz");
const steps = [...quiz.querySelectorAll(".step")];
const [back, next, seeResults, soFar] = ["back", "next", "see-results", "results-so-far"].map($);
const progressBar = $("progress-bar");
const state = loadState(data.bank);

/** The answer an input stands for: 1..5 on a likert scale, an option id, or null ("don't know"). */
const answerOf = (input) => (input.value === "" ? null
  : input.closest(".options").classList.contains("likert") ? Number(input.value) : input.value);

// A box ticked before this script arrived (a quick click, a slow line) is an answer too:
// it wins over what the tab had saved for that question.
for (const input of quiz.querySelectorAll(".question:not(.segment) input:checked")) state.answers[input.name] = answerOf(input);
for (const [id, value] of Object.entries(state.answers)) {
  const input = quiz.querySelector(`input[name="${CSS.escape(id)}"][value="${CSS.escape(value ?? "")}"]`);
  if (input) input.checked = true;
}

quiz.addEventListener("change", (event) => {
  state.answers[event.target.name] = answerOf(event.target);
  saveState(data.bank, state);
  updateProgress();
});

function updateProgress() {
  const answered = Object.values(state.answers).filter((v) => v !== null).length;
  progressBar.value = answered;
  $("progress-text").textContent = fill(data.text.answered_of, { answered, total: progressBar.max });
}

function show(index, moveFocus) {
  state.step = Math.min(Math.max(index, 0), steps.length - 1);
  const last = state.step === steps.length - 1;
  steps.forEach((step, i) => { step.hidden = i !== state.step; });
  back.disabled = state.step === 0;
  next.hidden = last;
  seeResults.hidden = !last;
  soFar.hidden = last;
  saveState(data.bank, state);
  if (moveFocus) {
    steps[state.step].querySelector("h2").focus();
    steps[state.step].scrollIntoView({ block: "start" });
  }
}

const toResults = () => {
  saveState(data.bank, state);
  location.href = "results.html";
};
back.addEventListener("click", () => show(state.step - 1, true));
next.addEventListener("click", () => show(state.step + 1, true));
seeResults.addEventListener("click", toResults);
soFar.addEventListener("click", toResults);

updateProgress();
show(state.step, false);
