// The questionnaire: one dimension per step, answers saved to the tab as they change.
import { fill, readData } from "../ui/page.js";
import { loadState, saveState } from "../ui/state.js";

const data = readData("quiz-data");
const quiz = document.getElementById("quiz");
const steps = [...quiz.querySelectorAll(".step")];
const [back, next, seeResults] = ["back", "next", "see-results"].map((id) => document.getElementById(id));
const progressBar = document.getElementById("progress-bar");
const progressText = document.getElementById("progress-text");
const state = loadState(data.bank);

for (const [id, value] of Object.entries(state.answers)) {
  const input = quiz.querySelector(`input[name="${CSS.escape(id)}"][value="${CSS.escape(value ?? "")}"]`);
  if (input) input.checked = true;
}

quiz.addEventListener("change", (event) => {
  const input = event.target;
  const likert = input.closest(".options").classList.contains("likert");
  state.answers[input.name] = input.value === "" ? null : likert ? Number(input.value) : input.value;
  saveState(data.bank, state);
  updateProgress();
});

function updateProgress() {
  const answered = Object.values(state.answers).filter((v) => v !== null).length;
  progressBar.value = answered;
  progressText.textContent = fill(data.text.answered_of, { answered, total: progressBar.max });
}

function show(index, moveFocus) {
  state.step = Math.min(Math.max(index, 0), steps.length - 1);
  steps.forEach((step, i) => { step.hidden = i !== state.step; });
  back.disabled = state.step === 0;
  next.hidden = state.step === steps.length - 1;
  saveState(data.bank, state);
  if (moveFocus) {
    steps[state.step].querySelector("h2").focus();
    steps[state.step].scrollIntoView({ block: "start" });
  }
}

back.addEventListener("click", () => show(state.step - 1, true));
next.addEventListener("click", () => show(state.step + 1, true));
seeResults.addEventListener("click", () => {
  saveState(data.bank, state);
  location.href = "results.html";
});

updateProgress();
show(state.step, false);
