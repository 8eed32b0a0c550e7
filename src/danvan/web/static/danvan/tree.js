// The org tree: ▸ loads a unit's children through htmx (hx-get on the button);
// ▾ folds them away again without a request. No inline script (strict CSP).
(function () {
  "use strict";
  function rowsBelow(row) {
    var path = row.getAttribute("data-path");
    var out = [];
    for (var r = row.nextElementSibling; r; r = r.nextElementSibling) {
      var p = r.getAttribute("data-path") || "";
      if (p.indexOf(path) !== 0 || p === path) break;
      out.push(r);
    }
    return out;
  }
  function label(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.textContent = open ? "▾" : "▸";
    var text = button.getAttribute("aria-label") || "";
    button.setAttribute("aria-label", text.replace(/^(Mở|Thu gọn)/, open ? "Thu gọn" : "Mở"));
  }
  // Capture phase: runs before htmx's own click handler on the button.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.tree-toggle");
    if (!button || button.getAttribute("aria-expanded") !== "true") return;
    event.preventDefault();
    event.stopPropagation();
    rowsBelow(button.closest("tr")).forEach(function (r) { r.remove(); });
    label(button, false);
  }, true);
  document.addEventListener("htmx:afterSwap", function (event) {
    var button = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (button && button.classList && button.classList.contains("tree-toggle")) label(button, true);
  });
})();
