// The analyse page: send pasted text or an uploaded file to /api/analyze and
// draw the brief that comes back. Messages from the server are shown with
// textContent only.
import { BriefView } from "./brief-view.js";

const form = document.getElementById("analyse-form");
const textarea = document.getElementById("article-text");
const fileInput = document.getElementById("article-file");
const exampleButton = document.getElementById("example-button");
const allItems = document.getElementById("all-items");
const progress = document.getElementById("progress");
const progressText = document.getElementById("progress-text");
const errorBox = document.getElementById("form-error");
const buttons = form.querySelectorAll("button, input[type=file]");
const maxBytes = Number(form.dataset.maxBytes);

// What the shown brief was made from, to ask for its HTML report.
let lastRequest = null;

const view = new BriefView(document.getElementById("brief"), {
  downloadReport: async () => {
    if (!lastRequest) return null;
    const response = await send(lastRequest, "html", "Building the report…");
    return response ? await response.blob() : null;
  },
});

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

function busy(on, label) {
  progress.hidden = !on;
  progressText.textContent = label || "Analysing…";
  buttons.forEach((b) => (b.disabled = on));
  form.setAttribute("aria-busy", on ? "true" : "false");
}

async function send(request, format, label) {
  busy(true, label);
  showError("");
  try {
    const init = { method: "POST", headers: { Accept: "application/json, text/html" } };
    if (request.file) {
      const body = new FormData();
      body.append("file", request.file, request.file.name);
      init.body = body;
    } else {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify({ text: request.text });
    }
    const response = await fetch(`/api/analyze?format=${format}&all_items=${request.allItems}`, init);
    if (!response.ok) {
      let detail = `the server answered ${response.status}`;
      try {
        detail = (await response.json()).detail || detail;
      } catch {
        // not JSON: keep the status line
      }
      showError(`Could not analyse this: ${detail}`);
      return null;
    }
    return response;
  } catch {
    showError("Could not reach the presslens server. Is it still running?");
    return null;
  } finally {
    busy(false);
  }
}

async function analyse(request) {
  const response = await send(request, "json", request.file ? `Analysing ${request.file.name}…` : "Analysing…");
  if (!response) return;
  const brief = await response.json();
  lastRequest = request;
  view.render(brief);
  textarea.rows = 4; // the brief is what matters now; the box stays for the next article
  document.getElementById("brief").scrollIntoView({ behavior: "smooth", block: "start" });
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (!textarea.value.trim()) {
    showError("Paste an article into the box, or upload a file, first.");
    return;
  }
  analyse({ text: textarea.value, allItems: allItems.checked });
});

fileInput.addEventListener("change", () => {
  const file = fileInput.files[0];
  fileInput.value = "";
  if (!file) return;
  if (file.size > maxBytes) {
    showError(
      `Could not analyse this: ${file.name} is ${file.size.toLocaleString("en")} bytes, ` +
        `over this server's limit of ${maxBytes.toLocaleString("en")} bytes`,
    );
    return;
  }
  analyse({ file, allItems: allItems.checked });
});

if (exampleButton) {
  exampleButton.addEventListener("click", async () => {
    showError("");
    const response = await fetch("/example.txt");
    if (!response.ok) {
      showError("The example article could not be loaded.");
      return;
    }
    textarea.value = await response.text();
    analyse({ text: textarea.value, allItems: allItems.checked });
  });
}
