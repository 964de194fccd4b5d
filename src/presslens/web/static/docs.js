// Starts Swagger UI (served from the installed swagger-ui-bundle package) on this
// server's OpenAPI description; kept out of the page so the CSP needs no inline script.
"use strict";
(function () {
  const root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") return;
  window.SwaggerUIBundle({ url: root.dataset.openapi, domNode: root, deepLinking: false });
})();
