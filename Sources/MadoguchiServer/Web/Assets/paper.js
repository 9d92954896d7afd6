// The paper check screen, keyboard first: Enter in a field accepts it and goes to the next field still to check
// (then to the button), instead of submitting the page half-checked; Tab moves on as usual.
(function () {
  "use strict";
  // The list page while scans are being read: it looks again every few seconds, unless staff are choosing files.
  function refreshWhileReading() {
    var scans = document.getElementById("scans");
    if (!scans || !scans.querySelector("li[data-state='waiting']")) return;
    window.setTimeout(function () {
      var files = document.getElementById("paper-files");
      if (files && files.files && files.files.length) return;
      window.location.reload();
    }, 3000);
  }
  function start() {
    refreshWhileReading();
    var form = document.getElementById("paper-check");
    if (!form) return;
    var pending = function () {
      return Array.prototype.slice.call(form.querySelectorAll(".paper-zone[data-check='1']:not(.checked)"));
    };
    var firstInput = function (zone) { return zone.querySelector("input:not([type=hidden])"); };
    var first = pending()[0];
    if (first && firstInput(first)) firstInput(first).focus();
    // A person found in the resident records: their name as registered, byte-exact, into the kanji fields.
    Array.prototype.forEach.call(form.querySelectorAll("button.resident-match"), function (button) {
      button.addEventListener("click", function () {
        var fills = JSON.parse(button.getAttribute("data-fill") || "{}");
        Object.keys(fills).forEach(function (id) {
          var input = document.getElementById(id);
          if (!input) return;
          input.value = fills[id];
          var zone = input.closest(".paper-zone");
          if (zone) zone.classList.add("checked");
        });
        var next = pending()[0];
        if (next && firstInput(next)) firstInput(next).focus(); else document.getElementById("paper-accept").focus();
      });
    });
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.target.tagName !== "INPUT") return;
      event.preventDefault();
      var zone = event.target.closest(".paper-zone");
      if (zone) zone.classList.add("checked");
      var next = pending()[0];
      if (next && firstInput(next)) { firstInput(next).focus(); return; }
      document.getElementById("paper-accept").focus();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
