// Injected by `assess serve` only: reload on rebuild, show bank errors on the page.
const events = new EventSource(new URL("events", import.meta.url));
let panel = null;

events.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (message.type === "reload") location.reload();
  if (message.type === "error") {
    panel ??= document.body.appendChild(document.createElement("pre"));
    panel.setAttribute("role", "alert");
    // styled here, not in site.css: only `assess serve` ever shows it
    Object.assign(panel.style, { position: "fixed", inset: "auto 0 0 0", maxHeight: "50vh", overflow: "auto",
      margin: "0", padding: "1rem", background: "#7f1d1d", color: "#fff", zIndex: "9", whiteSpace: "pre-wrap" });
    panel.textContent = message.text;
  }
});
