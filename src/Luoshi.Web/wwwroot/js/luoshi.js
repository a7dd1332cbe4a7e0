// Luoshi's small shared script (no inline script is allowed by the Content-Security-Policy).
// Forms marked data-confirm ask before they submit; htmx requests carry the antiforgery token.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);
  // The responsible-unit chooser (task page, review, board; also in forms htmx loads later): typing filters the
  // districts and schools by name.
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.hasAttribute || !box.hasAttribute("data-unit-filter")) return;
    var words = box.value.trim();
    box.closest("fieldset").querySelectorAll(".unit-group").forEach(function (group) {
      var any = false;
      group.querySelectorAll("label.check").forEach(function (label) {
        var match = !words || label.textContent.indexOf(words) >= 0;
        label.classList.toggle("is-hidden", !match && label.parentElement.tagName !== "SUMMARY");
        if (match) any = true;
      });
      group.classList.toggle("is-hidden", !any);
      if (words && any) group.open = true;
    });
  });
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=__RequestVerificationToken]");
    if (token) event.detail.headers["RequestVerificationToken"] = token.value;
  });
})();
