// The plan pages: upload checks, the draft review (outline ↔ source, filters, split position) and the board's chart.
// No inline script is allowed by the Content-Security-Policy; data comes from data-* attributes and JSON blocks.
(function () {
  "use strict";

  // Buttons that change a lot (merge, delete, drop a target) ask first; forms with data-confirm are luoshi.js's.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
  });

  // /Plans/New: a document over the limit is refused before it is sent.
  var upload = document.querySelector("form[data-max-bytes]");
  if (upload) {
    var file = upload.querySelector("input[type=file]");
    var problem = upload.querySelector(".file-problem");
    var tooLarge = function () {
      return file.files.length > 0 && file.files[0].size > Number(upload.getAttribute("data-max-bytes"));
    };
    file.addEventListener("change", function () {
      problem.textContent = tooLarge() ? upload.getAttribute("data-too-large") : "";
      problem.hidden = !tooLarge();
    });
    upload.addEventListener("submit", function (event) {
      if (tooLarge()) event.preventDefault();
    });
  }

  // The review page: clicking an outline item marks where it came from in the source text.
  var source = document.getElementById("plan-source");
  if (source) {
    var missing = document.querySelector("[data-source-missing]");
    var clear = function () {
      var old = source.querySelector("mark.source-hit");
      if (old) {
        old.replaceWith(document.createTextNode(old.textContent));
        source.normalize();
      }
      document.querySelectorAll(".outline .item.selected").forEach(function (i) { i.classList.remove("selected"); });
    };
    var locate = function (item) {
      clear();
      item.classList.add("selected");
      var start = parseInt(item.getAttribute("data-src-start"), 10);
      var end = parseInt(item.getAttribute("data-src-end"), 10);
      var text = source.firstChild;
      var found = !isNaN(start) && !isNaN(end) && text && text.nodeType === Node.TEXT_NODE && start < text.length;
      missing.hidden = !!found;
      if (!found) return;
      var range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, Math.min(end, text.length));
      var mark = document.createElement("mark");
      mark.className = "source-hit";
      mark.setAttribute("data-testid", "source-hit");
      range.surroundContents(mark);
      source.scrollTop = Math.max(0, mark.offsetTop - 24);
      var box = source.getBoundingClientRect();
      if (box.top > window.innerHeight || box.bottom < 0) source.scrollIntoView({ block: "start" });
    };
    document.querySelectorAll(".outline [data-locate]").forEach(function (head) {
      var item = head.closest(".item");
      head.addEventListener("click", function () { locate(item); });
      head.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          locate(item);
        }
      });
    });

    // Filtering a long outline by its words, or to the items with unfilled XX targets.
    var words = document.querySelector("[data-outline-filter]");
    var pending = document.querySelector("[data-outline-pending]");
    var none = document.querySelector("[data-outline-none]");
    var filter = function () {
      var q = words.value.trim();
      var shown = 0;
      document.querySelectorAll(".outline .item").forEach(function (item) {
        var show = (!pending.checked || item.classList.contains("pending")) && (q === "" || item.textContent.indexOf(q) >= 0);
        item.hidden = !show;
        if (show) shown++;
      });
      none.hidden = shown > 0;
    };
    words.addEventListener("input", filter);
    pending.addEventListener("change", filter);

    // Splitting: the place clicked in an item's text becomes the split position.
    document.querySelectorAll("textarea[data-split-text]").forEach(function (area) {
      var at = area.form.querySelector("[data-split-at]");
      if (!at) return;
      var take = function () {
        if (area.selectionStart > 0 && area.selectionStart < area.value.length) at.value = area.selectionStart;
      };
      area.addEventListener("click", take);
      area.addEventListener("keyup", take);
    });

    var focused = document.querySelector(".outline .item.focused");
    if (focused) focused.scrollIntoView({ block: "start" });
  }

  // The board: select all tasks, count the selection, draw the chart. Again after htmx swaps in filtered results.
  var drawn = null;
  window.addEventListener("resize", function () { if (drawn) drawn.resize(); });
  var initBoard = function () {
    var all = document.querySelector("[data-select-all]");
    if (all) {
      var boxes = document.querySelectorAll("input[name=taskIds]");
      var count = document.querySelector("[data-selected-count]");
      var update = function () {
        var n = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
        count.textContent = n > 0 ? "已选 " + n + " 项" : "";
      };
      all.addEventListener("change", function () {
        boxes.forEach(function (b) { b.checked = all.checked; });
        update();
      });
      boxes.forEach(function (b) { b.addEventListener("change", update); });
    }

    var chart = document.getElementById("board-chart");
    var data = document.getElementById("board-data");
    if (chart && data && window.echarts) {
      var board = JSON.parse(data.textContent);
      var colours = {
        notStarted: "#94a3b8", inProgress: "#3b82f6", warning: "#eab308", overdue: "#dc2626",
        completionRequested: "#86efac", done: "#16a34a", cancelled: "#d1d5db"
      };
      var used = board.categories.map(function (_, i) { return i; }).filter(function (i) {
        return board.series.some(function (s) { return s.data[i] > 0; });
      });
      if (used.length === 0) used = board.categories.map(function (_, i) { return i; });
      if (drawn) drawn.dispose();
      drawn = window.echarts.init(chart, null, { renderer: "canvas" });
      drawn.setOption({
        animation: false,
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, renderMode: "richText" },
        legend: { top: 0, type: "scroll" },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", inverse: true, data: used.map(function (i) { return board.categories[i]; }) },
        series: board.series.map(function (s) {
          return {
            name: s.name, type: "bar", stack: "tasks", itemStyle: { color: colours[s.code] },
            data: used.map(function (i) { return s.data[i]; })
          };
        })
      });
    }
  };
  initBoard();
  document.addEventListener("htmx:afterSettle", function () {
    if (document.getElementById("board-results")) initBoard();
  });
})();
