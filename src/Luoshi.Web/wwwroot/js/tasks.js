// The task pages' script (no inline script is allowed by the Content-Security-Policy).
(function () {
  "use strict";
  // A form marked data-once is sent once: a second click while it is on its way does nothing. The server also
  // stores a report once per one-time key, so this only spares the user a confusing second page.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-once") || event.defaultPrevented) return;
    if (form.hasAttribute("data-sending")) { event.preventDefault(); return; }
    form.setAttribute("data-sending", "");
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (f) { f.removeAttribute("data-sending"); });
  });
})();
