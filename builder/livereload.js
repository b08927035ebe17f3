// Injected by `assess serve` only: reload on rebuild, show bank errors on the page.
const events = new EventSource(new URL("events", import.meta.url));
let panel = null;

events.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (message.type === "reload") location.reload();
  if (message.type === "error") {
    panel ??= document.body.appendChild(document.createElement("pre"));
    panel.setAttribute("role", "alert");
    panel.className = "assess-build-errors";
    panel.textContent = message.text;
  }
});
