// Behaviour shared by every page, kept out of the templates (strict CSP: no
// inline scripts or handlers).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    // Phone: the main menu folds behind a "Menu" button.
    var toggle = document.querySelector(".menu-toggle");
    if (toggle) {
      toggle.addEventListener("click", function () {
        var bar = toggle.closest(".topbar");
        var open = !bar.classList.contains("open");
        bar.classList.toggle("open", open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }
    // A form marked data-confirm asks before it is sent.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
    // A select marked data-autosubmit sends its form when changed.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
    // Unit pickers (orgunits/_unit_picker.html): a unit ticked among the search
    // results moves to the chosen ones, so a new search does not lose it.
    document.addEventListener("change", function (event) {
      var input = event.target;
      var results = input.closest && input.closest(".picker-results");
      if (!results || !input.checked) return;
      var picker = results.closest("[data-picker]");
      var chosen = picker.querySelector(".picker-chosen");
      if (picker.getAttribute("data-multiple") !== "1") chosen.textContent = "";
      var label = input.closest("label");
      var note = label.querySelector("small");
      if (note) note.remove();
      chosen.appendChild(label);
    });
    // Custom file pickers: the chosen file names, in Vietnamese.
    document.querySelectorAll("input[type=file][data-picker]").forEach(function (input) {
      var out = document.getElementById(input.getAttribute("data-picker"));
      if (!out) return;
      input.addEventListener("change", function () {
        var n = input.files.length;
        out.textContent = n === 0 ? "Chưa chọn tệp nào" :
          n === 1 ? input.files[0].name : "Đã chọn " + n + " tệp";
      });
    });
  });
})();
