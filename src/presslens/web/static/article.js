// A stored article's page: draw the brief the server embedded as JSON data.
import { BriefView } from "./brief-view.js";

const data = document.getElementById("brief-data");
const view = new BriefView(document.getElementById("brief"), {
  downloadReport: async () => {
    const response = await fetch(data.dataset.reportUrl);
    return response.ok ? await response.blob() : null;
  },
});
view.render(JSON.parse(data.textContent));
