// Luoshi's small shared script (no inline script is allowed by the Content-Security-Policy).
// Forms marked data-confirm ask before they submit; htmx requests carry the antiforgery token.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=__RequestVerificationToken]");
    if (token) event.detail.headers["RequestVerificationToken"] = token.value;
  });
})();
